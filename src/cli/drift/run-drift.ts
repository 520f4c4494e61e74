/**
 * `whatsapp-local-storage drift`: a normal saved plan (`plan -out -detailed-exitcode`,
 * then `show -json`), so each number is compared with the code and with the
 * last apply. Exit 0 in sync, 2 on any difference, 1 when the check could not
 * run; the reports, the terminal and the exit code always say the same.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkConfigurationDirectory } from './configuration-dir';
import { identifyEngine, resolveEngine, runEngine, type EngineIdentity } from './engine-runner';
import { annotations } from './github-actions';
import { readPlan } from './plan-json';
import { redact, secretsOf } from './redact';
import { removeReports, reportPaths, writeReport, type ReportPaths } from './report-files';
import { buildReport, errorReport, exitCodeOf, type DriftReport } from './report-model';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';
import { renderTable } from './render-table';

export interface DriftOptions {
  dir: string;
  /** Where the three reports go; default: `dir`. */
  outDir?: string;
  engine?: string;
  /** Per-file overrides (the older --json-report / --markdown-report flags). */
  reportFiles?: Partial<ReportPaths>;
  init: boolean;
  /** Human output (stdout in the CLI): the table and the closing line. */
  out: (text: string) => void;
  /** Error text (stderr in the CLI). */
  err: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface DriftOutcome {
  exitCode: 0 | 1 | 2;
  report: DriftReport;
  /** Reports written, by kind; empty when they could not be. */
  written: Partial<ReportPaths>;
}

/** Engine messages that mean the directory was never initialized (or is out of date). */
const NEEDS_INIT = [
  /(run|please run)\s+"?(terraform|tofu) init/i,
  /Inconsistent dependency lock file/i,
  /Required plugins are not installed/i,
  /Backend initialization required/i,
  /Module not installed/i,
];

function engineFailure(step: string, code: number, stderr: string, stdout: string): Error {
  // Engines print diagnostics on stderr and sometimes stdout: keep them from the first error on.
  const lines = (stderr.trim() || stdout.trim()).split('\n');
  const first = lines.findIndex((l) => /^(?:│\s*)?Error: /.test(l));
  const text = (first >= 0 ? lines.slice(first, first + 40) : lines.slice(-30)).join('\n');
  // The first line says what went wrong, so one-line views (JUnit messages, annotation titles) carry it.
  const headline = first >= 0 ? lines[first].replace(/^(?:│\s*)?Error: /, '') : (lines.find((l) => l.trim()) ?? 'no output');
  const needsInit = NEEDS_INIT.some((re) => re.test(text));
  const hint = needsInit ? '\n(run the check with --init, or run `init` in the directory first)' : '';
  return new Error(`the engine's ${step} failed: ${headline.trim()}\n\n${text}\n(${step} exited ${code})${hint}`);
}

async function check(dir: string, options: DriftOptions, engineSeen: (e: EngineIdentity) => void): Promise<DriftReport> {
  checkConfigurationDirectory(dir);
  const engine = resolveEngine(options.engine);
  const identity = await identifyEngine(engine, dir);
  engineSeen(identity);
  const env = options.env ?? process.env;
  if (options.init) {
    const init = await runEngine(engine, ['init', '-input=false'], dir, env);
    if (init.code !== 0) throw engineFailure('init', init.code, init.stderr, init.stdout);
  }
  const work = mkdtempSync(join(tmpdir(), 'wls-drift-'));
  try {
    const planFile = join(work, 'drift.tfplan');
    const plan = await runEngine(engine, ['plan', '-detailed-exitcode', '-input=false', `-out=${planFile}`], dir, env);
    if (plan.code !== 0 && plan.code !== 2) throw engineFailure('plan', plan.code, plan.stderr, plan.stdout);
    const show = await runEngine(engine, ['show', '-json', planFile], dir, env);
    if (show.code !== 0) throw engineFailure('show -json', show.code, show.stderr, show.stdout);
    let json: unknown;
    try {
      json = JSON.parse(show.stdout);
    } catch {
      throw new Error("the engine's `show -json` output is not JSON");
    }
    return buildReport(readPlan(json), { directory: dir, engine: identity, now: new Date() });
  } finally {
    // The plan file holds state values, secrets included; it never outlives the check.
    rmSync(work, { recursive: true, force: true });
  }
}

export async function runDrift(options: DriftOptions): Promise<DriftOutcome> {
  const started = Date.now();
  const env = options.env ?? process.env;
  const dir = resolve(options.dir);
  const outDir = resolve(options.outDir ?? options.dir);
  const paths = reportPaths(outDir, options.reportFiles);
  removeReports(paths);

  let engine: { name: string | null; version: string | null } = { name: null, version: null };
  let report: DriftReport;
  try {
    report = await check(dir, options, (e) => {
      engine = e;
    });
  } catch (error) {
    report = errorReport(error instanceof Error ? error.message : String(error), { directory: dir, engine, now: new Date() });
  }
  // Engine messages may quote the environment; the reports never carry a secret.
  if (report.error) report = { ...report, error: redact(report.error, secretsOf(env)) };

  // A place the user named (--out, a report file) may be created; the configuration directory never is.
  const placed = (kind: keyof ReportPaths): boolean => options.outDir !== undefined || options.reportFiles?.[kind] !== undefined;
  const writable = (Object.keys(paths) as Array<keyof ReportPaths>).filter((kind) => placed(kind) || existsSync(dirname(paths[kind])));
  const notes =
    writable.length < 3
      ? [
          `${writable.length ? 'Some reports not' : 'No reports'} written: ` +
            `${outDir} does not exist (pass --out DIR to write them elsewhere).`,
        ]
      : [];
  let { written, failures } = writeAll(report, paths, writable, started);
  if (failures.length > 0 && report.status !== 'error') {
    // A report that could not be written is a check that did not deliver: say error everywhere.
    removeReports(paths);
    report = errorReport(`could not write the reports: ${failures.join('; ')}`, { directory: dir, engine, now: new Date() });
    ({ written, failures } = writeAll(report, paths, writable, started));
  }
  for (const failure of failures) options.err(`drift report not written: ${failure}`);

  const markdown = renderMarkdown(report);
  if (env.GITHUB_ACTIONS) {
    for (const line of annotations(report)) options.out(line);
    // The job summary shows on the run's page; failing to add to it changes no result.
    try {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    } catch (error) {
      options.err(`job summary not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (report.status === 'error') options.err(`drift check failed: ${report.error}`);
  const reportList = Object.values(written);
  options.out(renderTable(report, [...notes, ...(reportList.length ? [`Reports: ${reportList.join(', ')}`] : [])]));
  return { exitCode: exitCodeOf(report), report, written };
}

function writeAll(
  report: DriftReport,
  paths: ReportPaths,
  kinds: Array<keyof ReportPaths>,
  started: number,
): { written: Partial<ReportPaths>; failures: string[] } {
  const written: Partial<ReportPaths> = {};
  const failures: string[] = [];
  const render: Record<keyof ReportPaths, () => string> = {
    markdown: () => renderMarkdown(report),
    junit: () => renderJunit(report, (Date.now() - started) / 1000),
    json: () => `${JSON.stringify(report, null, 2)}\n`,
  };
  for (const kind of kinds) {
    try {
      writeReport(paths[kind], render[kind](), true);
      written[kind] = paths[kind];
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { written, failures };
}
