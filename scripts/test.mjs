// `npm test`: install, build, provide the engines and tfplugindocs, run every jest suite, and
// close with the plain line CI reads: `tests: N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, log, repoRoot, run } from './lib/run.mjs';

ensureDependencies();
run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--no-install']);
run(process.execPath, [join(repoRoot, 'scripts', 'setup-engines.mjs')]);
// test/docs/tfplugindocs.test.ts runs `tfplugindocs validate`; built once from the Go module proxy.
run(process.execPath, [join(repoRoot, 'scripts', 'setup-tfplugindocs.mjs')]);

const resultsFile = join(repoRoot, '.jest-results.json');
rmSync(resultsFile, { force: true });
const jestArgs = [join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
log(`jest ${process.argv.slice(2).join(' ')}`);
const jest = spawnSync(process.execPath, jestArgs, { stdio: 'inherit', cwd: repoRoot, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });

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
const exitCode = failed > 0 || jest.status !== 0 ? 1 : 0;
if (exitCode !== 0 && failed === 0) failed = 1; // jest failed outside any test
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);
