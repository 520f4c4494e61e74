// Release artifacts of the provider, in the layouts engines install from:
//   <out>/terraform-provider-whatsapp_<version>_<os>_<arch>.zip   one per platform (standalone executable)
//   <out>/terraform-provider-whatsapp_<version>_SHA256SUMS        (+ .sig, detached, with --gpg-key)
//   <out>/terraform-provider-whatsapp_<version>_manifest.json     protocol versions, as registries read it
//   <out>/mirror/<host>/waba/whatsapp/{index.json,<version>.json} network mirror (provider network mirror protocol)
// The standalone executables are Node.js single executable applications: the one-file
// provider bundle injected (postject) into the node executable of each platform from npm.
// They are cached in ~/.cache/whatsapp-local-storage/standalone/<key>/ by a hash of their
// inputs, so a test run builds them once.
//   node scripts/release.mjs [--out DIR] [--gpg-key KEYID]
//   node scripts/release.mjs --standalone-only    print the cached executables' paths as JSON
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';
import { EMBEDDED_NODE_VERSION, NODE_PACKAGES, cacheRoot, nodeBinary } from './lib/node-binaries.mjs';
import { axiosStartup, compact, noLong } from './lib/bundle-plugins.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
export const PLATFORMS = Object.keys(NODE_PACKAGES);
export const { version: VERSION } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
export const HOSTS = ['registry.terraform.io', 'registry.opentofu.org'];
// Fixed by Node.js for single executable applications.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
// Release zips carry one fixed timestamp, so the same inputs give the same bytes (and hashes).
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
export const executableName = (platform, v = VERSION) => `terraform-provider-whatsapp_v${v}${platform.startsWith('windows') ? '.exe' : ''}`;
export const zipName = (platform, v = VERSION) => `terraform-provider-whatsapp_${v}_${platform}.zip`;

/** The provider as one CommonJS file: a single executable application runs exactly one script. */
async function singleFileBundle() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(repoRoot, 'src', 'provider', 'main.ts')],
    bundle: true, platform: 'node', target: 'node22', format: 'cjs', write: false, logLevel: 'warning',
    outfile: 'provider-sea.js', ...compact, plugins: [noLong, axiosStartup],
  });
  return result.outputFiles[0].contents;
}

/** Builds (or finds in the cache) the standalone executable of every platform; returns platform -> path. */
export async function buildStandalone() {
  const bundle = await singleFileBundle();
  const postjectVersion = require('postject/package.json').version;
  const key = sha256(Buffer.concat([Buffer.from(`${VERSION} node ${EMBEDDED_NODE_VERSION} postject ${postjectVersion}\n`), bundle])).slice(0, 16);
  const dir = join(cacheRoot, 'standalone', key);
  const paths = Object.fromEntries(PLATFORMS.map((p) => [p, join(dir, p, executableName(p))]));
  if (PLATFORMS.every((p) => existsSync(paths[p]))) return paths;

  mkdirSync(join(cacheRoot, 'standalone'), { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'standalone', `.${key}-`));
  try {
    writeFileSync(join(work, 'provider.js'), bundle);
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
      main: join(work, 'provider.js'),
      output: join(work, 'sea-prep.blob'),
      disableExperimentalSEAWarning: true,
      // Both are specific to the platform that makes the blob; without them one blob serves all.
      useSnapshot: false,
      useCodeCache: false,
    }));
    // The blob's format belongs to the Node.js release that runs it: make it with that release.
    const hostNode = nodeBinary('linux_amd64');
    const prep = spawnSync(hostNode, ['--experimental-sea-config', join(work, 'sea-config.json')], { encoding: 'utf8' });
    if (prep.status !== 0) throw new Error(`node --experimental-sea-config failed:\n${prep.stderr}`);
    const blob = readFileSync(join(work, 'sea-prep.blob'));
    const { inject } = require('postject');
    for (const platform of PLATFORMS) {
      log(`standalone: ${platform} (node ${EMBEDDED_NODE_VERSION} + provider bundle)`);
      const out = join(work, platform, executableName(platform));
      mkdirSync(join(work, platform), { recursive: true });
      copyFileSync(nodeBinary(platform), out);
      chmodSync(out, 0o755);
      // postject warns about the Windows signature it invalidates; the executable runs unsigned.
      await inject(out, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE, overwrite: true });
    }
    rmSync(dir, { recursive: true, force: true });
    for (const f of ['provider.js', 'sea-config.json', 'sea-prep.blob']) rmSync(join(work, f));
    renameSync(work, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return paths;
}

/** The engines' `h1:` hash of a provider package: SHA-256 over the sorted "sha256  name" lines of its files. */
export function h1Hash(files) {
  const lines = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, data]) => `${sha256(data)}  ${name}\n`).join('');
  return `h1:${createHash('sha256').update(lines).digest('base64')}`;
}

/** Writes the release into `out`; returns the per-platform zip names and hashes. */
export async function writeRelease({ out, gpgKey }) {
  const { zipSync } = require('fflate');
  const executables = await buildStandalone();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const archives = {};
  for (const platform of PLATFORMS) {
    const name = executableName(platform);
    const data = readFileSync(executables[platform]);
    // Unix mode bits in the entry's external attributes: engines keep the executable bit.
    const zip = zipSync({ [name]: [data, { level: 6, mtime: ZIP_TIME, os: 3, attrs: (0o100755 << 16) >>> 0 }] });
    writeFileSync(join(out, zipName(platform)), zip);
    archives[platform] = { url: zipName(platform), hashes: [h1Hash({ [name]: data }), `zh:${sha256(zip)}`] };
  }
  const sums = PLATFORMS.map((p) => `${archives[p].hashes[1].slice(3)}  ${zipName(p)}\n`).join('');
  const sumsFile = join(out, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`);
  writeFileSync(sumsFile, sums);
  writeFileSync(join(out, `terraform-provider-whatsapp_${VERSION}_manifest.json`), `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['5.0', '6.0'] } }, null, 2)}\n`);
  if (gpgKey) {
    const sign = spawnSync('gpg', ['--batch', '--yes', '--local-user', gpgKey, '--output', `${sumsFile}.sig`, '--detach-sign', sumsFile], { encoding: 'utf8' });
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
  const arg = (name) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
  if (process.argv.includes('--standalone-only')) {
    console.log(JSON.stringify(await buildStandalone()));
  } else {
    const out = arg('--out') ?? join(repoRoot, 'dist', 'release');
    const archives = await writeRelease({ out, gpgKey: arg('--gpg-key') });
    log(`release ${VERSION} in ${out}: ${Object.keys(archives).join(', ')}`);
  }
}
