/**
 * `whatsapp-local-storage drift`: a refresh-only plan with -detailed-exitcode,
 * reported per phone number. Exit 0 in sync, 2 on drift, 1 on error.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { resolveEngine, runEngine } from './engine-runner';
import { buildDriftReport, renderMarkdown, renderTable, type DriftReport } from './report';

export interface DriftOptions {
  dir: string;
  engine?: string;
  jsonReport: string;
  markdownReport: string;
  init: boolean;
  /** Where human output goes (stdout in the CLI). */
  out: (text: string) => void;
}

export interface DriftOutcome {
  exitCode: 0 | 1 | 2;
  report?: DriftReport;
  error?: string;
}

function engineFailure(step: string, stderr: string, stdout: string): string {
  // Engines print diagnostics on stderr (errors) and sometimes stdout; keep the useful tail.
  const text = (stderr.trim() || stdout.trim()).split('\n').slice(-30).join('\n');
  return `${step} failed:\n${text}`;
}

export async function runDrift(options: DriftOptions): Promise<DriftOutcome> {
  const dir = resolve(options.dir);
  const work = mkdtempSync(join(tmpdir(), 'wls-drift-'));
  try {
    const engine = resolveEngine(options.engine);
    if (options.init) {
      const init = await runEngine(engine, ['init', '-input=false'], dir);
      if (init.code !== 0) return { exitCode: 1, error: engineFailure('init', init.stderr, init.stdout) };
    }
    const planFile = join(work, 'drift.tfplan');
    const plan = await runEngine(engine, ['plan', '-refresh-only', '-detailed-exitcode', '-input=false', `-out=${planFile}`], dir);
    if (plan.code !== 0 && plan.code !== 2) return { exitCode: 1, error: engineFailure('refresh-only plan', plan.stderr, plan.stdout) };
    const show = await runEngine(engine, ['show', '-json', planFile], dir);
    if (show.code !== 0) return { exitCode: 1, error: engineFailure('show -json', show.stderr, show.stdout) };
    const report = buildDriftReport(JSON.parse(show.stdout), { directory: dir, engine: basename(engine), now: new Date() });
    const markdown = renderMarkdown(report);
    writeFileSync(options.jsonReport, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(options.markdownReport, markdown);
    // GitHub Actions shows this file on the run's page; other CIs ignore it.
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
    options.out(renderTable(report));
    options.out(`\nReports: ${options.jsonReport}, ${options.markdownReport}`);
    const drifted = plan.code === 2 || !report.inSync;
    return { exitCode: drifted ? 2 : 0, report };
  } catch (error) {
    return { exitCode: 1, error: error instanceof Error ? error.message : String(error) };
  } finally {
    // The plan file holds state values; it never outlives the check.
    rmSync(work, { recursive: true, force: true });
  }
}
