// Bun executables of every release platform, from the npm registry's @oven/bun-<os>-<arch>
// packages (the platform packages, not the `bun` wrapper, whose install script npm skips).
// The host's one compiles; every platform's one is the runtime its standalone executables embed
// (`bun build --compile --compile-executable-path`). Cached in ~/.cache/whatsapp-local-storage/bun/.
import { cachedPackageFile } from './node-binaries.mjs';

/** The Bun release that builds the standalone executables and runs inside them. */
export const BUN_VERSION = '1.4.5';

/**
 * Engine platform -> Bun package. The x64 ones are Bun's "baseline" builds (no AVX2 needed):
 * the others stop with an illegal instruction on older x86-64 machines and under Rosetta 2,
 * which is how many Macs run darwin_amd64 executables.
 */
export const BUN_PACKAGES = {
  linux_amd64: { pkg: '@oven/bun-linux-x64-baseline', bin: 'bin/bun' },
  linux_arm64: { pkg: '@oven/bun-linux-aarch64', bin: 'bin/bun' },
  darwin_amd64: { pkg: '@oven/bun-darwin-x64-baseline', bin: 'bin/bun' },
  darwin_arm64: { pkg: '@oven/bun-darwin-aarch64', bin: 'bin/bun' },
  windows_amd64: { pkg: '@oven/bun-windows-x64-baseline', bin: 'bin/bun.exe' },
};

/** Path of the `bun` executable of `platform`, downloading it once. */
export function bunBinary(platform, version = BUN_VERSION) {
  const entry = BUN_PACKAGES[platform];
  if (!entry) throw new Error(`no Bun package known for ${platform}: add it to BUN_PACKAGES`);
  return cachedPackageFile('bun', entry.pkg, version, entry.bin);
}

/** The `bun` that runs here and compiles for every platform. */
export function hostBun(version = BUN_VERSION) {
  const host = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  return bunBinary(host, version);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // node scripts/lib/bun-binaries.mjs linux_amd64[@1.4.5] ...: prints each executable's path
  for (const spec of process.argv.slice(2)) console.log(bunBinary(...spec.split('@')));
}
