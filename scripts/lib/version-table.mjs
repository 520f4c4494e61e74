// The Graph version table (src/cloud-api/api-version.ts) as the scripts read it: the module
// bundled once with esbuild into a temporary file and loaded, so there is one table.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run.mjs';

export async function loadVersionTable() {
  const require = createRequire(join(repoRoot, 'package.json'));
  const esbuild = require('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'wls-versions-'));
  try {
    const outfile = join(dir, 'api-version.cjs');
    esbuild.buildSync({
      entryPoints: [join(repoRoot, 'src', 'cloud-api', 'api-version.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    const table = require(outfile);
    return { defaultVersion: table.DEFAULT_API_VERSION, versions: table.GRAPH_VERSIONS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
