// Release artifacts of the provider, in the layouts engines install from, and of the CLI:
//   <out>/terraform-provider-whatsapp_<version>_<os>_<arch>.zip   one per platform (standalone executable)
//   <out>/whatsapp-local-storage_<version>_<os>_<arch>.zip        the CLI, one per platform (not in the mirror)
//   <out>/terraform-provider-whatsapp_<version>_SHA256SUMS        every zip above (+ .sig, detached, with --gpg-key)
//   <out>/terraform-provider-whatsapp_<version>_manifest.json     protocol versions, as registries read it
//   <out>/mirror/<host>/waba/whatsapp/{index.json,<version>.json} network mirror (provider network mirror protocol)
// The standalone executables are Bun compiled executables (the choice and its measurements:
// docs/architecture.md, docs/performance.md): the one-file bundle esbuild makes of each program,
// compiled to bytecode and joined to the Bun runtime of each platform, all on this machine. The
// darwin ones get an ad-hoc code signature (scripts/lib/macho-codesign.mjs): macOS on arm64 runs
// only signed code. They are cached in ~/.cache/whatsapp-local-storage/standalone/<key>/ by a
// hash of their inputs, so a test run builds them once.
//   node scripts/release.mjs [--out DIR] [--gpg-key KEYID]
//   node scripts/release.mjs --standalone-only [--cli]   print the cached executables' paths as JSON
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';
import { cacheRoot } from './lib/node-binaries.mjs';
import { BUN_PACKAGES, BUN_VERSION, bunBinary, hostBun } from './lib/bun-binaries.mjs';
import { adhocSign } from './lib/macho-codesign.mjs';
import { axiosStartup, compact, fetchTransport, noLong } from './lib/bundle-plugins.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
export const PLATFORMS = Object.keys(BUN_PACKAGES);
export const { version: VERSION } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
export const HOSTS = ['registry.terraform.io', 'registry.opentofu.org'];
// Release zips carry one fixed timestamp, so the same inputs give the same bytes (and hashes).
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const exe = (platform) => (platform.startsWith('windows') ? '.exe' : '');

/** The two programs the release carries as standalone executables. */
export const PROGRAMS = {
  provider: {
    entry: 'src/provider/main.ts',
    executable: (platform, v = VERSION) => `terraform-provider-whatsapp_v${v}${exe(platform)}`,
    zip: (platform, v = VERSION) => `terraform-provider-whatsapp_${v}_${platform}.zip`,
    plugins: [noLong, fetchTransport],
    // Most provider processes answer a few RPCs and exit (see bunCompile).
    jitPolicy: 100,
  },
  cli: {
    entry: 'src/cli/main.ts',
    executable: (platform) => `whatsapp-local-storage${exe(platform)}`,
    zip: (platform, v = VERSION) => `whatsapp-local-storage_${v}_${platform}.zip`,
    plugins: [axiosStartup],
  },
};
export const executableName = PROGRAMS.provider.executable;
export const zipName = PROGRAMS.provider.zip;

/** Bun's --target name of an engine platform. */
export function bunTarget(platform) {
  const [os, arch] = platform.split('_');
  const baseline = BUN_PACKAGES[platform].pkg.endsWith('-baseline') ? '-baseline' : '';
  return `bun-${os}-${arch === 'amd64' ? 'x64' : 'arm64'}${baseline}`;
}

/**
 * A program as one CommonJS file (Bun compiles one entry; the provider's parts are one file here).
 * `entry` (a path from the repository's root): another entry bundled the way `program` is, for
 * tests that run the standalone form's code in a driver of their own.
 */
export async function singleFileBundle(program, entry = PROGRAMS[program].entry) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
    outfile: `${program}-standalone.js`,
    ...compact,
    plugins: PROGRAMS[program].plugins,
    // The directory of the executable, as the code means by its own directory. Left as it is, Bun
    // would write the build directory into the executable (and its bytes would vary with it).
    banner: { js: 'var __standaloneDirname = require("node:path").dirname(process.execPath);' },
    define: { __dirname: '__standaloneDirname' },
  });
  return result.outputFiles[0].contents;
}

/**
 * `bun build --compile` of `bundleFile` for `platform` into `out`. Bytecode: the executable
 * starts from compiled code, not source. No autoloading: an engine starts the provider in the
 * user's module directory, whose .env, bunfig.toml, tsconfig.json or package.json must not
 * change what the provider does. `jitPolicy` (> 1): the executable starts with JavaScriptCore's
 * tier-up thresholds scaled by it, since most processes an engine starts run only start-up
 * code and exit; the provider restores the normal policy when its real work starts
 * (src/plugin/protocol/jit-policy.ts). Measured in docs/performance.md.
 */
export function bunCompile(bundleFile, platform, out, { jitPolicy = 1 } = {}) {
  // Run beside the bundle and name it relatively: Bun notes the entry's path in the executable.
  const args = [
    'build',
    basename(bundleFile),
    '--compile',
    '--bytecode',
    '--format=cjs',
    `--target=${bunTarget(platform)}`,
    `--compile-executable-path=${bunBinary(platform)}`,
    '--no-compile-autoload-dotenv',
    '--no-compile-autoload-bunfig',
    '--no-compile-autoload-tsconfig',
    '--no-compile-autoload-package-json',
    ...(jitPolicy > 1 ? [`--compile-jit-policy=${jitPolicy}`] : []),
    '--outfile',
    resolve(out),
  ];
  const r = spawnSync(hostBun(), args, {
    cwd: dirname(bundleFile),
    encoding: 'utf8',
    env: { ...process.env, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' },
  });
  if (r.status !== 0) throw new Error(`bun ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Builds (or finds in the cache) the standalone executable of `program` for every platform;
 * returns platform -> path.
 */
export async function buildStandalone(program = 'provider') {
  const bundle = await singleFileBundle(program);
  const signer = sha256(readFileSync(new URL('./lib/macho-codesign.mjs', import.meta.url)));
  const { jitPolicy } = PROGRAMS[program];
  const key = sha256(
    Buffer.concat([
      Buffer.from(
        `${program} ${VERSION} bun ${BUN_VERSION} ${PLATFORMS.map(bunTarget).join(' ')} signer ${signer} jit ${jitPolicy ?? 1}\n`,
      ),
      bundle,
    ]),
  ).slice(0, 16);
  const dir = join(cacheRoot, 'standalone', key);
  const { executable } = PROGRAMS[program];
  const paths = Object.fromEntries(PLATFORMS.map((p) => [p, join(dir, p, executable(p))]));
  if (PLATFORMS.every((p) => existsSync(paths[p]))) return paths;

  mkdirSync(join(cacheRoot, 'standalone'), { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'standalone', `.${key}-`));
  try {
    const bundleFile = join(work, `${program}.js`);
    writeFileSync(bundleFile, bundle);
    for (const platform of PLATFORMS) {
      log(`standalone: ${program} for ${platform} (bun ${BUN_VERSION}, ${bunTarget(platform)})`);
      // Bun embeds the output's file name: the same name in every build keeps the bytes equal.
      const out = join(work, platform, executable(platform));
      mkdirSync(join(work, platform), { recursive: true });
      bunCompile(bundleFile, platform, out, { jitPolicy });
      // Bun's darwin runtime comes signed by its vendor; the payload added to it voids that signature.
      if (platform.startsWith('darwin')) writeFileSync(out, adhocSign(readFileSync(out), executable(platform)));
    }
    rmSync(bundleFile);
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return paths;
}

/** The engines' `h1:` hash of a provider package: SHA-256 over the sorted "sha256  name" lines of its files. */
export function h1Hash(files) {
  const lines = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, data]) => `${sha256(data)}  ${name}\n`)
    .join('');
  return `h1:${createHash('sha256').update(lines).digest('base64')}`;
}

/** Writes the release into `out`; returns the per-platform zip names and hashes. */
export async function writeRelease({ out, gpgKey }) {
  const { zipSync } = require('fflate');
  const executables = await buildStandalone('provider');
  const cliExecutables = await buildStandalone('cli');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const archives = {};
  const sums = [];
  const writeZip = (file, name, data) => {
    // Unix mode bits in the entry's external attributes: engines and unzip keep the executable bit.
    const zip = zipSync({ [name]: [data, { level: 6, mtime: ZIP_TIME, os: 3, attrs: (0o100755 << 16) >>> 0 }] });
    writeFileSync(join(out, file), zip);
    sums.push(`${sha256(zip)}  ${file}\n`);
    return zip;
  };
  for (const platform of PLATFORMS) {
    const name = executableName(platform);
    const data = readFileSync(executables[platform]);
    const zip = writeZip(zipName(platform), name, data);
    archives[platform] = { url: zipName(platform), hashes: [h1Hash({ [name]: data }), `zh:${sha256(zip)}`] };
    writeZip(PROGRAMS.cli.zip(platform), PROGRAMS.cli.executable(platform), readFileSync(cliExecutables[platform]));
  }
  const sumsFile = join(out, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`);
  writeFileSync(sumsFile, sums.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)).join(''));
  writeFileSync(
    join(out, `terraform-provider-whatsapp_${VERSION}_manifest.json`),
    `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['5.0', '6.0'] } }, null, 2)}\n`,
  );
  if (gpgKey) {
    const sign = spawnSync('gpg', ['--batch', '--yes', '--local-user', gpgKey, '--output', `${sumsFile}.sig`, '--detach-sign', sumsFile], {
      encoding: 'utf8',
    });
    if (sign.status !== 0) throw new Error(`gpg --detach-sign failed:\n${sign.stderr}`);
  }
  for (const host of HOSTS) {
    const dir = join(out, 'mirror', host, 'waba', 'whatsapp');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.json'), `${JSON.stringify({ versions: { [VERSION]: {} } }, null, 2)}\n`);
    // Archive URLs are relative to this file; the zips live once, at the top of the release.
    const rel = Object.fromEntries(PLATFORMS.map((p) => [p, { ...archives[p], url: `../../../../${zipName(p)}` }]));
    writeFileSync(join(dir, `${VERSION}.json`), `${JSON.stringify({ archives: rel }, null, 2)}\n`);
  }
  return archives;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  if (process.argv.includes('--standalone-only')) {
    console.log(JSON.stringify(await buildStandalone(process.argv.includes('--cli') ? 'cli' : 'provider')));
  } else {
    const out = arg('--out') ?? join(repoRoot, 'dist', 'release');
    const archives = await writeRelease({ out, gpgKey: arg('--gpg-key') });
    log(`release ${VERSION} in ${out}: ${Object.keys(archives).join(', ')}`);
  }
}
