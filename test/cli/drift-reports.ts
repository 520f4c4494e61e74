/**
 * Runs the built `whatsapp-local-storage drift` and reads what it wrote, so the
 * drift tests can check that exit code, JSON, Markdown, JUnit and terminal agree.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { childOutput } from '../child-output';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DriftReport } from '../../src/cli/drift/report-model';
import { repoRoot } from '../e2e/harness';

export const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined>, cwd = repoRoot): Promise<CliResult> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
  return childOutput(process.execPath, [cli, ...args], { cwd, env: merged });
}

export interface JunitCase {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_type': string; '@_message': string; '#text'?: string };
  error?: { '@_type': string; '@_message': string; '#text'?: string };
}

/** The JUnit report as fast-xml-parser reads it: attributes prefixed "@_", their values as text. */
interface JunitSuite {
  testcase?: JunitCase[];
  [attribute: `@_${string}`]: string | undefined;
}

interface JunitDocument {
  testsuites?: { testsuite?: JunitSuite[]; [attribute: `@_${string}`]: string | undefined };
}

export interface Junit {
  tests: number;
  failures: number;
  errors: number;
  cases: JunitCase[];
}

/** Parses the JUnit report after checking it is well-formed XML with the structure CI servers read. */
export function parseJunit(xml: string): Junit {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`drift-report.xml is not well-formed: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => name === 'testcase' || name === 'testsuite' || name === 'property',
  }).parse(xml) as JunitDocument;
  const suites = doc.testsuites;
  if (!suites || !Array.isArray(suites.testsuite) || suites.testsuite.length !== 1)
    throw new Error('drift-report.xml: expected <testsuites> with one <testsuite>');
  const suite = suites.testsuite[0];
  const cases: JunitCase[] = suite.testcase ?? [];
  const count = (attr: string) => Number(suite[`@_${attr}`]);
  // The totals on <testsuites> and <testsuite> and the cases themselves must agree.
  for (const attr of ['tests', 'failures', 'errors']) {
    if (Number(suites[`@_${attr}`]) !== count(attr))
      throw new Error(`drift-report.xml: ${attr} differs between <testsuites> and <testsuite>`);
  }
  if (count('tests') !== cases.length) throw new Error('drift-report.xml: tests does not match the number of <testcase>');
  if (count('failures') !== cases.filter((c) => c.failure).length)
    throw new Error('drift-report.xml: failures does not match the <failure> elements');
  if (count('errors') !== cases.filter((c) => c.error).length)
    throw new Error('drift-report.xml: errors does not match the <error> elements');
  return { tests: count('tests'), failures: count('failures'), errors: count('errors'), cases };
}

export interface Reports {
  // The JSON report as its documented schema (report-model.ts) declares it; the tests check its values one by one.
  json: DriftReport;
  markdown: string;
  junit: Junit;
  xml: string;
}

export const REPORT_FILES = ['drift-report.json', 'drift-report.md', 'drift-report.xml'];

export function readReports(dir: string): Reports {
  const missing = REPORT_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`missing in ${dir}: ${missing.join(', ')}`);
  const xml = readFileSync(join(dir, 'drift-report.xml'), 'utf8');
  return {
    json: JSON.parse(readFileSync(join(dir, 'drift-report.json'), 'utf8')) as DriftReport,
    markdown: readFileSync(join(dir, 'drift-report.md'), 'utf8'),
    junit: parseJunit(xml),
    xml,
  };
}

const STATUS_OF_CODE: Record<number, string> = { 0: 'in_sync', 1: 'error', 2: 'differs' };
const TITLE_OF_CODE: Record<number, string> = { 0: 'in sync', 1: 'error', 2: 'differences' };

/**
 * Every signal of one run says the same: the exit code, JSON status, the
 * Markdown title and closing line, the JUnit counts and the terminal's last line.
 */
export function expectAgreement(result: CliResult, reports: Reports): void {
  const { code } = result;
  expect([0, 1, 2]).toContain(code);
  const { json, markdown, junit } = reports;
  expect(json.schema_version).toBe(1);
  expect(json.status).toBe(STATUS_OF_CODE[code]);
  expect(markdown.split('\n')[0]).toContain(`Local Storage drift check: ${TITLE_OF_CODE[code]}`);
  const closing = result.stdout.trim().split('\n').pop()!;
  expect(closing).toContain(`(exit ${code})`);
  expect(markdown.trim().split('\n').pop()).toBe(closing);
  if (code === 1) {
    expect(json.error).toEqual(expect.any(String));
    expect(json.numbers).toEqual([]);
    expect(junit).toMatchObject({ tests: 1, failures: 0, errors: 1 });
    expect(junit.cases[0].error?.['@_message']).toBe(json.error?.split('\n')[0]);
    expect(markdown).toContain(json.error?.split('\n')[0]);
  } else {
    expect(json.error).toBeNull();
    const differing = json.numbers.filter((n) => n.status !== 'in_sync');
    expect(junit.tests).toBe(json.numbers.length);
    expect(junit.errors).toBe(0);
    expect(junit.failures).toBe(differing.length);
    expect(code === 2).toBe(differing.length > 0);
    for (const n of json.numbers) {
      const testCase = junit.cases.find((c) => c['@_name'] === `${n.address} (${n.phone_number_id})`);
      expect(testCase).toBeDefined();
      expect(testCase!.failure?.['@_type']).toBe(n.status === 'in_sync' ? undefined : n.status);
    }
    expect(json.summary.total).toBe(json.numbers.length);
  }
}
