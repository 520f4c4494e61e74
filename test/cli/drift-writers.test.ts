/**
 * The drift report writers and guards that need no engine: JUnit XML that CI
 * servers can parse whatever the addresses hold, GitHub workflow commands,
 * whole-file writes, the configuration-directory check and secret redaction.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfigurationDirectory } from '../../src/cli/drift/configuration-dir';
import { annotations } from '../../src/cli/drift/github-actions';
import { readPlan } from '../../src/cli/drift/plan-json';
import { redact, secretsOf } from '../../src/cli/drift/redact';
import { removeReports, reportPaths, writeReport } from '../../src/cli/drift/report-files';
import { buildReport, errorReport } from '../../src/cli/drift/report-model';
import { renderJunit } from '../../src/cli/drift/render-junit';
import { renderMarkdown } from '../../src/cli/drift/render-markdown';
import { planJson, stateValues } from './drift-plan-fixture';
import { parseJunit } from './drift-reports';

const meta = { directory: '/infra', engine: { name: 'terraform', version: '1.5.7' }, now: new Date('2026-11-25T03:00:00Z') };
const tricky = 'module.a["x&y<z>\'\\"%,:"].whatsapp_local_storage.n';

describe('drift report writers', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wls-drift-writers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('JUnit: well-formed, counts agree, odd characters in addresses survive', () => {
    const BR = stateValues('1', { region: 'BR' });
    const report = buildReport(
      readPlan(
        planJson([
          { address: tricky, declared: BR, applied: BR, actual: stateValues('1', { region: 'CH' }), actions: ['update'] },
          {
            address: 'whatsapp_local_storage.ok',
            declared: stateValues('2', { region: 'DE' }),
            applied: stateValues('2', { region: 'DE' }),
            actual: stateValues('2', { region: 'DE' }),
            actions: ['no-op'],
          },
        ]),
      ),
      meta,
    );
    const junit = parseJunit(renderJunit(report, 1.5));
    expect(junit).toMatchObject({ tests: 2, failures: 1, errors: 0 });
    expect(junit.cases[0]['@_name']).toBe(`${tricky} (1)`);
    expect(junit.cases[0].failure?.['@_type']).toBe('drift');
    expect(junit.cases[0].failure?.['#text']).toContain('actual (number): CH');
    expect(junit.cases[1].failure).toBeUndefined();
  });

  test('JUnit of a failed check: one errored case carrying the message', () => {
    const report = errorReport('plan failed (exit 1): Invalid OAuth access token <190> & more\n\ndetails', meta);
    const junit = parseJunit(renderJunit(report, 0.2));
    expect(junit).toMatchObject({ tests: 1, failures: 0, errors: 1 });
    expect(junit.cases[0].error?.['@_message']).toBe('plan failed (exit 1): Invalid OAuth access token <190> & more');
    expect(renderMarkdown(report)).toContain('## ❌ Local Storage drift check: error');
  });

  test('GitHub annotations escape data and properties; a failed check is one error', () => {
    const outside = stateValues('7', { mode: 'NO_STORAGE', retention: 60 });
    const report = buildReport(
      readPlan(
        planJson([
          { address: tricky, declared: outside, applied: outside, actual: stateValues('7', { mode: 'DEFAULT' }), actions: ['update'] },
        ]),
      ),
      meta,
    );
    const [first, notice] = annotations(report);
    expect(first.startsWith('::error title=Residency weakened outside the configuration%3A 7::')).toBe(true);
    expect(first.split('::')).toHaveLength(3);
    expect(first).not.toMatch(/\n/);
    expect(first).toContain('%25,:');
    expect(notice).toMatch(/^::notice title=Local Storage drift check::Differences: 1 of 1 phone number/);
    expect(annotations(errorReport('a\nb 100%', meta))).toEqual([
      '::error title=Local Storage drift check failed::a%0Ab 100%25%0ADrift check failed, nothing is known about the numbers: a (exit 1).',
    ]);
  });

  test('reports are removed at start and written whole, with no temporary file left', () => {
    const paths = reportPaths(dir);
    expect(paths).toEqual({
      json: join(dir, 'drift-report.json'),
      markdown: join(dir, 'drift-report.md'),
      junit: join(dir, 'drift-report.xml'),
    });
    for (const file of [paths.json, paths.markdown, paths.junit]) writeFileSync(file, 'old');
    removeReports(paths);
    expect(readdirSync(dir)).toEqual([]);
    writeReport(paths.json, '{"status":"error"}\n', false);
    expect(readFileSync(paths.json, 'utf8')).toBe('{"status":"error"}\n');
    expect(readdirSync(dir)).toEqual(['drift-report.json']);
    expect(() => writeReport(join(dir, 'nope', 'drift-report.md'), 'x', false)).toThrow(/does not exist/);
    writeReport(join(dir, 'made', 'drift-report.md'), 'x', true);
    expect(existsSync(join(dir, 'made', 'drift-report.md'))).toBe(true);
  });

  test('the configuration directory: missing, a file, empty, a CDKTF project, a stack', () => {
    expect(() => checkConfigurationDirectory(join(dir, 'none'))).toThrow(`--dir ${join(dir, 'none')} does not exist`);
    writeFileSync(join(dir, 'file.tf'), '');
    expect(() => checkConfigurationDirectory(join(dir, 'file.tf'))).toThrow(/is not a directory/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => checkConfigurationDirectory(empty)).toThrow(/holds no Terraform\/OpenTofu configuration/);
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'cdktf.json'), '{}');
    expect(() => checkConfigurationDirectory(app)).toThrow(/CDKTF project with no synthesized stack: run `cdktf synth`/);
    const stack = join(app, 'cdktf.out', 'stacks', 'prod');
    mkdirSync(stack, { recursive: true });
    writeFileSync(join(stack, 'cdk.tf.json'), '{}');
    expect(() => checkConfigurationDirectory(app)).toThrow(
      `is a CDKTF project, not a configuration: pass its synthesized stack, --dir ${stack}`,
    );
    expect(() => checkConfigurationDirectory(stack)).not.toThrow();
    expect(() => checkConfigurationDirectory(dir)).not.toThrow();
  });

  test('secrets in the environment are redacted from engine messages', () => {
    const secrets = secretsOf({ WHATSAPP_ACCESS_TOKEN: 'EAAB-secret', TF_VAR_pin: '123456', TF_VAR_region: 'BR', PATH: '/bin' });
    expect(secrets.sort()).toEqual(['123456', 'EAAB-secret']);
    expect(redact('token EAAB-secret pin 123456 region BR', secrets)).toBe('token (redacted) pin (redacted) region BR');
  });
});
