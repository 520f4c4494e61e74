// A Node.js single executable application of a one-file CommonJS bundle: the bundle made into a
// blob by the Node release that runs it and injected (postject) into that release's `node`.
// The release no longer ships these (it ships Bun compiled executables); bench/standalone-runtimes.ts
// builds them to compare the two runtimes on the same code.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run.mjs';
import { nodeBinary } from './node-binaries.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
// Fixed by Node.js for single executable applications.
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * Writes to `out` the single executable of `bundle` for `platform`. `useCodeCache` and
 * `useSnapshot` make a blob only the building platform's node can run.
 */
export async function buildNodeSea(bundle, platform, out, { useCodeCache = false, useSnapshot = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'wls-sea-'));
  try {
    writeFileSync(join(work, 'main.js'), bundle);
    writeFileSync(
      join(work, 'sea-config.json'),
      JSON.stringify({
        main: join(work, 'main.js'),
        output: join(work, 'sea-prep.blob'),
        disableExperimentalSEAWarning: true,
        useSnapshot,
        useCodeCache,
      }),
    );
    const prep = spawnSync(nodeBinary('linux_amd64'), ['--experimental-sea-config', join(work, 'sea-config.json')], { encoding: 'utf8' });
    if (prep.status !== 0) throw new Error(`node --experimental-sea-config failed:\n${prep.stderr}`);
    copyFileSync(nodeBinary(platform), out);
    chmodSync(out, 0o755);
    const { inject } = require('postject');
    await inject(out, 'NODE_SEA_BLOB', readFileSync(join(work, 'sea-prep.blob')), { sentinelFuse: SEA_FUSE, overwrite: true });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
