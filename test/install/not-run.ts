/**
 * A test that cannot run here (a tool it needs is missing and cannot be installed) is reported as
 * not run: registered as skipped with the reason in its name, and recorded in the file
 * scripts/test.mjs reads to print "N not run" and the reasons in its closing lines. It never passes.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';

export const NOT_RUN_FILE = process.env.WLS_NOT_RUN_FILE ?? join(repoRoot, '.jest-not-run.jsonl');

export function notRun(name: string, reason: string): void {
  appendFileSync(NOT_RUN_FILE, `${JSON.stringify({ test: name, reason })}\n`);
  test.skip(`${name} [not run: ${reason}]`, () => undefined);
}
