// Runs a TypeScript entry file without a compile step:
//   node scripts/run-ts.mjs bench/provider-startup.ts [args...]
// esbuild bundles the entry (node_modules stay external) into a temp file beside the
// entry (so relative requires and __dirname-based paths resolve as in the source tree),
// runs it with this Node, and removes it. The exit code is the script's.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
const entry = resolve(entryArg);
const outfile = join(dirname(entry), `.${basename(entry, '.ts')}.${process.pid}.run.cjs`);
const esbuild = await import(join(repoRoot, 'node_modules', 'esbuild', 'lib', 'main.js'));
await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
let status = 1;
try {
  const result = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
  status = result.status ?? 1;
} finally {
  rmSync(outfile, { force: true });
}
process.exit(status);
