// `npm test`: install, build, provide the engines, actionlint and tfplugindocs, run every jest suite, and
// close with the plain line CI reads: `tests: N passed, N failed[, N skipped][, N not run]`.
// "Not run": a test that could not run on this machine (test/install/not-run.ts), listed with its reason.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, log, repoRoot, run } from './lib/run.mjs';

ensureDependencies();
run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--no-install']);
run(process.execPath, [join(repoRoot, 'scripts', 'setup-engines.mjs')]);
// test/docs/tfplugindocs.test.ts runs `tfplugindocs validate`; built once from the Go module proxy.
run(process.execPath, [join(repoRoot, 'scripts', 'setup-tfplugindocs.mjs')]);
run(process.execPath, [join(repoRoot, 'scripts', 'setup-actionlint.mjs')]);

const resultsFile = join(repoRoot, '.jest-results.json');
const notRunFile = join(repoRoot, '.jest-not-run.jsonl');
rmSync(resultsFile, { force: true });
rmSync(notRunFile, { force: true });
const jestArgs = [
  join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--json',
  `--outputFile=${resultsFile}`,
  ...process.argv.slice(2),
];
log(`jest ${process.argv.slice(2).join(' ')}`);
const jest = spawnSync(process.execPath, jestArgs, {
  stdio: 'inherit',
  cwd: repoRoot,
  env: { ...process.env, CHECKPOINT_DISABLE: '1', WLS_NOT_RUN_FILE: notRunFile },
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load runs no test; count it so it cannot hide.
  for (const suite of results.testResults) {
    if (suite.status === 'failed' && suite.assertionResults.length === 0) failed += 1;
  }
} else {
  failed = 1;
}
const notRun = existsSync(notRunFile)
  ? readFileSync(notRunFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
skipped = Math.max(0, skipped - notRun.length);
for (const { test, reason } of notRun) console.log(`not run: ${test}: ${reason}`);
const exitCode = failed > 0 || jest.status !== 0 ? 1 : 0;
if (exitCode !== 0 && failed === 0) failed = 1; // jest failed outside any test
console.log(
  `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${notRun.length ? `, ${notRun.length} not run` : ''}`,
);
process.exit(exitCode);
