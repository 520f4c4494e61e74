// Writes examples/gitops/package-lock.json: the lock file a repository copied from the GitOps
// layout installs from. The layout depends on the package as a vendored tarball
// (vendor/whatsapp-local-storage-<version>.tgz, see examples/gitops/vendor/README.md), so this
// packs the current build, resolves its dependencies as npm does, and leaves the tarball's own
// entry without an `integrity`: that hash belongs to the tarball a team vendors, and their first
// `npm install` records it. Every other entry is pinned with its registry hash.
//   node scripts/gitops-lock.mjs     (after `npm run build`; run again when dependencies change)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';

const layout = join(repoRoot, 'examples', 'gitops');
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const tarballName = `whatsapp-local-storage-${version}.tgz`;
const manifest = JSON.parse(readFileSync(join(layout, 'package.json'), 'utf8'));
const spec = `file:vendor/${tarballName}`;
if (manifest.dependencies['whatsapp-local-storage'] !== spec) {
  throw new Error(`examples/gitops/package.json must depend on "whatsapp-local-storage": "${spec}" (the version of this package)`);
}

function npm(args, cwd) {
  const out = spawnSync('npm', [...args, '--loglevel=error'], { cwd, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'wls-gitops-lock-'));
try {
  mkdirSync(join(work, 'vendor'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', join(work, 'vendor')], repoRoot))[0].filename;
  if (packed !== tarballName) throw new Error(`npm pack wrote ${packed}, expected ${tarballName}`);
  copyFileSync(join(layout, 'package.json'), join(work, 'package.json'));
  npm(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--omit-lockfile-registry-resolved'], work);
  const lock = JSON.parse(readFileSync(join(work, 'package-lock.json'), 'utf8'));
  delete lock.packages['node_modules/whatsapp-local-storage'].integrity;
  writeFileSync(join(layout, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  log(`wrote examples/gitops/package-lock.json (${Object.keys(lock.packages).length - 1} packages)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
