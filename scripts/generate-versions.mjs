// Writes the default Graph API version (the newest row of src/cloud-api/api-version.ts) into
// the prose, examples and scripts that name it, so adding a version is one row in the table
// plus this script. test/architecture/graph-versions.test.ts keeps every other file free of it.
//   node scripts/generate-versions.mjs          rewrite the files (commit the result)
//   node scripts/generate-versions.mjs --check  exit 1 when a file names another default
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadVersionTable } from './lib/version-table.mjs';
import { DEFAULT_VERSION_SITES } from './lib/version-sites.mjs';
import { log, repoRoot } from './lib/run.mjs';

const { defaultVersion } = await loadVersionTable();
const stale = [];
for (const [file, patterns] of Object.entries(DEFAULT_VERSION_SITES)) {
  const path = join(repoRoot, file);
  const before = readFileSync(path, 'utf8');
  let after = before;
  for (const pattern of patterns) {
    const re = new RegExp(pattern, 'g');
    if (!re.test(after))
      throw new Error(`${file}: no place matches ${pattern}; update DEFAULT_VERSION_SITES in scripts/generate-versions.mjs`);
    after = after.replace(new RegExp(pattern, 'g'), (_match, prefix) => `${prefix}${defaultVersion}`);
  }
  if (after === before) continue;
  stale.push(file);
  if (!process.argv.includes('--check')) writeFileSync(path, after);
}
if (process.argv.includes('--check')) {
  if (stale.length) {
    log(
      `these files name another default than ${defaultVersion}: ${stale.join(', ')}; run node scripts/generate-versions.mjs and commit them`,
    );
    process.exit(1);
  }
  log(`every file names the default version ${defaultVersion} from the version table`);
} else {
  log(stale.length ? `wrote ${defaultVersion} into ${stale.join(', ')}` : `every file already names ${defaultVersion}`);
}
