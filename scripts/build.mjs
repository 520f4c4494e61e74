// `npm run build`: code generation, type-checked compile to dist/, and the two
// bundled executables (the provider split so that start-up compiles only what the handshake needs).
import { chmodSync, copyFileSync, mkdirSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ensureDependencies, log, repoRoot, run } from './lib/run.mjs';
import { axiosStartup, compact as compactOptions, noLong } from './lib/bundle-plugins.mjs';

// Both executables are part of every build: a missing entry point is an error, never a skipped bundle.
const cliEntry = 'src/cli/main.ts';
const providerEntryPath = 'src/provider/main.ts';
const missingEntries = [cliEntry, providerEntryPath].filter((entry) => !existsSync(join(repoRoot, entry)));
if (missingEntries.length > 0) {
  log(`build failed: entry point ${missingEntries.join(' and ')} not found (under ${repoRoot})`);
  process.exit(1);
}

if (!process.argv.includes('--no-install')) ensureDependencies();

// Code generation steps live in scripts/codegen/*.mjs and run in name order.
const codegenDir = join(repoRoot, 'scripts', 'codegen');
if (existsSync(codegenDir)) {
  for (const file of readdirSync(codegenDir).filter((f) => f.endsWith('.mjs')).sort()) {
    log(`codegen: ${file}`);
    run(process.execPath, [join(codegenDir, file)]);
  }
}

// --no-typecheck: bundles only, for quick iteration while other modules are mid-edit.
if (!process.argv.includes('--no-typecheck')) {
  // A fresh dist/: the package ships it whole, so no file of an older layout may linger.
  rmSync(join(repoRoot, 'dist'), { recursive: true, force: true });
  log('tsc: type-check and compile src/ to dist/');
  run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  log('tsc: type-check tests, benchmarks and examples');
  run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit']);
}

const esbuild = await import(join(repoRoot, 'node_modules', 'esbuild', 'lib', 'main.js'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // External: maps stay beside the bundles for debugging, the package ships none (it ships no sources).
  sourcemap: 'external',
  logLevel: 'warning',
};
mkdirSync(join(repoRoot, 'dist', 'bin'), { recursive: true });

{
  log(`esbuild: ${cliEntry} -> dist/bin/whatsapp-local-storage.js`);
  const outfile = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');
  await esbuild.build({ ...common, entryPoints: [join(repoRoot, cliEntry)], outfile, plugins: [axiosStartup], banner: { js: '#!/usr/bin/env node' } });
  chmodSync(outfile, 0o755);
}

// The provider executable is split in four files (all in dist/bin, copied together):
//   terraform-provider-whatsapp.js   what runs before the handshake line (~25 KB)
//   whatsapp-provider-runtime.js     provider, protobuf, msgpack: required on first RPC
//   whatsapp-provider-engine.js      engine and HTTP client (axios): required by the first
//                                    call that talks to the API, never for schema/validate/configure
//   whatsapp-provider-shared.js      modules handshake and runtime need one instance of (logger secrets, GrpcError)
// Engines start the provider several times per command, and V8 compiling a 1 MB bundle
// was most of the start-up gap to a bare `node` (docs/performance.md). The cut is at the
// lazy `require('./x')` calls of src/provider/main.ts and src/plugin/protocol/plugin-main.ts: each
// becomes `require('./whatsapp-provider-runtime.js')`, which exports the same names as
// functions that evaluate their module on first call (a v6 process never builds tfplugin5's
// descriptors); and at the lazy `require('../engine/engine')` of src/provider/engine-factory.ts,
// which becomes `require('./whatsapp-provider-engine.js')`. Modules the engine shares with the
// runtime (errors, regions, API versions) stay in the runtime, which re-exports them for it.
// Names do not start with `terraform-provider-`, so engines never take them for a plugin.
// Bundling src/provider/main.ts without these plugins (as the test harness does) still
// gives a working single file.
const providerEntry = join(repoRoot, providerEntryPath);
const providerBundles = [];
{
  const protocolDir = join(repoRoot, 'src', 'plugin', 'protocol');
  const lazy = {
    [join(repoRoot, 'src', 'provider', 'provider')]: 'createProviderService',
    [join(protocolDir, 'go-plugin-services')]: 'goPluginHandlers',
    [join(protocolDir, 'tfplugin5-server')]: 'tfplugin5Handlers',
    [join(protocolDir, 'tfplugin6-server')]: 'tfplugin6Handlers',
  };
  const RUNTIME = 'whatsapp-provider-runtime.js';
  const SHARED = 'whatsapp-provider-shared.js';
  const ENGINE = 'whatsapp-provider-engine.js';
  const engineEntry = join(repoRoot, 'src', 'engine', 'engine');
  const rel = (p) => './' + relative(repoRoot, p).split(sep).join('/');
  const lazyExports = Object.entries(lazy)
    .map(([path, name]) => `export const ${name} = (...args: any[]) => require('${rel(path)}').${name}(...args);`)
    .join('\n');
  // Redirects relative imports whose target (without extension) is in `targets`.
  const redirect = (name, targets, to, kinds) => ({
    name,
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path).replace(/\.(ts|js)$/, '');
        if (!targets.has(target)) return undefined;
        if (kinds && !kinds.includes(args.kind)) {
          throw new Error(`${args.importer} imports ${args.path} statically; the provider split needs a lazy require()`);
        }
        return { path: `./${to}`, external: true };
      });
    },
  });

  // The generated protocol code (pbjs static modules: large, plain and evaluated only for the
  // protocol in use) goes to a file per protocol, without whitespace, so a process parses
  // only its own protocol's code.
  const protocolFiles = Object.fromEntries(['tfplugin5', 'tfplugin6'].map((n) => [join(protocolDir, 'generated', n), `whatsapp-provider-${n}.js`]));
  const toProtocolFile = {
    name: 'to-protocol-file',
    setup(build) {
      build.onResolve({ filter: /generated\/tfplugin[56]$/ }, (args) => {
        const file = protocolFiles[resolve(args.resolveDir, args.path)];
        return file ? { path: `./${file}`, external: true } : undefined;
      });
    },
  };
  const cutLazy = redirect('cut-lazy', new Set(Object.keys(lazy)), RUNTIME, ['require-call']);
  const cutEngine = redirect('cut-engine', new Set([engineEntry]), ENGINE, ['require-call']);
  const inputsOf = async (options) =>
    new Set(Object.keys((await esbuild.build({ ...common, ...options, write: false, metafile: true, outfile: join(repoRoot, 'dist', 'tmp.js') })).metafile.inputs));
  const srcModules = (inputs, other) => [...inputs].filter((p) => other.has(p) && p.startsWith('src/')).map((p) => join(repoRoot, p.replace(/\.ts$/, '')));
  // A file that re-exports several modules: their export names must not collide.
  const reexports = async (files) => {
    const seen = new Map();
    for (const file of files) {
      const meta = (await esbuild.build({ entryPoints: [file + '.ts'], bundle: false, format: 'esm', write: false, metafile: true, outfile: join(repoRoot, 'dist', 'tmp.js'), logLevel: 'silent' })).metafile;
      for (const name of Object.values(meta.outputs)[0].exports) {
        if (seen.has(name) || Object.values(lazy).includes(name)) throw new Error(`provider split: ${name} is exported by both ${seen.get(name) ?? 'the runtime'} and ${file}`);
        seen.set(name, file);
      }
    }
    return files.map((p) => `export * from '${rel(p)}';`).join('\n');
  };
  // Modules both halves import go to the shared file, so there is one instance of each.
  const handshakeInputs = await inputsOf({ entryPoints: [providerEntry], plugins: [cutLazy] });
  const runtimeInputs = await inputsOf({ stdin: { contents: lazyExports, resolveDir: repoRoot, sourcefile: 'provider-runtime.ts', loader: 'ts' }, plugins: [cutEngine] });
  const shared = srcModules(handshakeInputs, runtimeInputs);
  const toShared = redirect('to-shared', new Set(shared), SHARED);
  const sharedSource = await reexports(shared);
  // Modules the engine shares with the runtime: the runtime exports them, the engine imports them from it.
  const engineStdin = { contents: `export { LocalStorageEngine } from '${rel(engineEntry)}';`, resolveDir: repoRoot, sourcefile: 'provider-engine.ts', loader: 'ts' };
  const engineShared = srcModules(await inputsOf({ stdin: engineStdin }), runtimeInputs).filter((p) => !shared.includes(p));
  const toRuntime = redirect('to-runtime', new Set(engineShared), RUNTIME);
  const runtimeStdin = { contents: `${lazyExports}\n${await reexports(engineShared)}`, resolveDir: repoRoot, sourcefile: 'provider-runtime.ts', loader: 'ts' };
  const bin = (name) => join(repoRoot, 'dist', 'bin', name);
  log(`esbuild: src/provider/main.ts -> dist/bin/terraform-provider-whatsapp.js + ${RUNTIME} + ${ENGINE} + ${SHARED} (shared: ${shared.map((p) => rel(p)).join(', ')})`);
  const compact = { ...common, ...compactOptions };
  await esbuild.build({ ...compact, entryPoints: [providerEntry], outfile: bin('terraform-provider-whatsapp.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [cutLazy, toShared] });
  await esbuild.build({ ...compact, stdin: runtimeStdin, outfile: bin(RUNTIME), plugins: [toShared, cutEngine, noLong, toProtocolFile] });
  for (const [source, file] of Object.entries(protocolFiles)) {
    await esbuild.build({ ...compact, entryPoints: [`${source}.js`], outfile: bin(file), plugins: [noLong] });
    providerBundles.push(file);
  }
  await esbuild.build({ ...compact, stdin: engineStdin, outfile: bin(ENGINE), plugins: [toShared, toRuntime, axiosStartup] });
  // The shared modules' own relative imports stay inside the shared file (only the entry re-exports).
  await esbuild.build({ ...compact, stdin: { contents: sharedSource, resolveDir: repoRoot, sourcefile: 'provider-shared.ts', loader: 'ts' }, outfile: bin(SHARED) });
  chmodSync(bin('terraform-provider-whatsapp.js'), 0o755);
  providerBundles.push(RUNTIME, ENGINE, SHARED);
}

// Engines find a dev override by directory + exact executable name.
const providerBundle = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');
{
  const copyWithParts = (dir, executableName) => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(providerBundle, join(dir, executableName));
    chmodSync(join(dir, executableName), 0o755);
    for (const part of providerBundles) copyFileSync(join(repoRoot, 'dist', 'bin', part), join(dir, part));
  };
  copyWithParts(join(repoRoot, 'dist', 'provider'), 'terraform-provider-whatsapp');

  // A filesystem mirror in the engines' unpacked layout, so `init` installs the local build and
  // records it in the lock file exactly like a registry release: written by the CLI's own
  // `cli-config`, the same code that installs the provider for users of the package.
  rmSync(join(repoRoot, 'dist', 'mirror'), { recursive: true, force: true });
  run(process.execPath, [join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js'), 'cli-config', '--mirror-dir', join(repoRoot, 'dist', 'mirror')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
log('build done');
