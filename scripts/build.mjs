// `npm run build`: code generation, type-checked compile to dist/, and the two
// bundled executables (the provider split so that start-up compiles only what the handshake needs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  for (const file of readdirSync(codegenDir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()) {
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
  await esbuild.build({
    ...common,
    entryPoints: [join(repoRoot, cliEntry)],
    outfile,
    plugins: [axiosStartup],
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(outfile, 0o755);
}

// The provider executable is split in parts (all in dist/bin, copied together; the list users
// install is JS_PROVIDER_FILES in src/cli/install/provider-mirror.ts):
//   terraform-provider-whatsapp.js    what runs before the handshake line (~11 KB)
//   whatsapp-provider-shared.js       modules the others need one instance of (logger secrets, GrpcError)
//   whatsapp-provider-plugin.js       go-plugin's services (stdio, controller, health): every process
//   whatsapp-provider-answers.json    precomputed answers (schema, metadata): a process started only
//                                     to read the schema answers from it and loads nothing below
//   whatsapp-provider-runtime.js      provider and msgpack: required by the first RPC that needs them
//   whatsapp-provider-tfplugin6.js    protocol code (pbjs static encoders), one file per version
//   whatsapp-provider-tfplugin5.js
//   whatsapp-provider-engine.js       engine and HTTP client (axios): required by the first call that
//                                     talks to the API, never for schema/validate/configure
// Engines start the provider several times per command; each part is compiled only by the
// processes that use it (docs/performance.md). The cuts are at the lazy `require('./x')` calls of
// src/provider/main.ts and src/plugin/protocol/plugin-main.ts: each becomes a require of the part,
// which for the runtime exports the same names as functions that evaluate their module on first
// call; and at the lazy `require('../engine/engine')` of src/provider/engine-factory.ts. Modules the
// engine shares with the runtime (errors, regions, API versions) stay in the runtime, which
// re-exports them for it. Names do not start with `terraform-provider-`, so engines never take
// them for a plugin. Bundling src/provider/main.ts without these plugins (as the test harness and
// the standalone executables do) gives a working single file, which answers everything live.
const providerEntry = join(repoRoot, providerEntryPath);
const providerBundles = [];
{
  const protocolDir = join(repoRoot, 'src', 'plugin', 'protocol');
  const lazy = {
    [join(repoRoot, 'src', 'provider', 'provider')]: 'createProviderService',
    [join(protocolDir, 'tfplugin5-server')]: 'tfplugin5Handlers',
    [join(protocolDir, 'tfplugin6-server')]: 'tfplugin6Handlers',
    [join(repoRoot, 'src', 'provider', 'precompute')]: 'precomputeAnswers',
  };
  const RUNTIME = 'whatsapp-provider-runtime.js';
  const SHARED = 'whatsapp-provider-shared.js';
  const ENGINE = 'whatsapp-provider-engine.js';
  const ANSWERS = 'whatsapp-provider-answers.json';
  // go-plugin's own services (stdio, controller, health): every process serves them, and a
  // process answering only from the precomputed answers loads this file and no runtime.
  const PLUGIN = 'whatsapp-provider-plugin.js';
  const goPluginServices = join(protocolDir, 'go-plugin-services');
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
  const protocolFiles = Object.fromEntries(
    ['tfplugin5', 'tfplugin6'].map((n) => [join(protocolDir, 'generated', n), `whatsapp-provider-${n}.js`]),
  );
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
  const cutPlugin = redirect('cut-plugin', new Set([goPluginServices]), PLUGIN, ['require-call']);
  const cutEngine = redirect('cut-engine', new Set([engineEntry]), ENGINE, ['require-call']);
  const inputsOf = async (options) =>
    new Set(
      Object.keys(
        (await esbuild.build({ ...common, ...options, write: false, metafile: true, outfile: join(repoRoot, 'dist', 'tmp.js') })).metafile
          .inputs,
      ),
    );
  const srcModules = (inputs, other) =>
    [...inputs].filter((p) => other.has(p) && p.startsWith('src/')).map((p) => join(repoRoot, p.replace(/\.ts$/, '')));
  // A file that re-exports several modules: their export names must not collide.
  const reexports = async (files) => {
    const seen = new Map();
    for (const file of files) {
      const meta = (
        await esbuild.build({
          entryPoints: [file + '.ts'],
          bundle: false,
          format: 'esm',
          write: false,
          metafile: true,
          outfile: join(repoRoot, 'dist', 'tmp.js'),
          logLevel: 'silent',
        })
      ).metafile;
      for (const name of Object.values(meta.outputs)[0].exports) {
        if (seen.has(name) || Object.values(lazy).includes(name))
          throw new Error(`provider split: ${name} is exported by both ${seen.get(name) ?? 'the runtime'} and ${file}`);
        seen.set(name, file);
      }
    }
    return files.map((p) => `export * from '${rel(p)}';`).join('\n');
  };
  // Modules both halves import go to the shared file, so there is one instance of each.
  const handshakeInputs = await inputsOf({ entryPoints: [providerEntry], plugins: [cutLazy, cutPlugin] });
  const runtimeInputs = await inputsOf({
    stdin: { contents: lazyExports, resolveDir: repoRoot, sourcefile: 'provider-runtime.ts', loader: 'ts' },
    plugins: [cutEngine],
  });
  const pluginInputs = await inputsOf({ entryPoints: [`${goPluginServices}.ts`] });
  const shared = [...new Set([...srcModules(handshakeInputs, runtimeInputs), ...srcModules(handshakeInputs, pluginInputs)])];
  const toShared = redirect('to-shared', new Set(shared), SHARED);
  const sharedSource = await reexports(shared);
  // Modules the engine shares with the runtime: the runtime exports them, the engine imports them from it.
  const engineStdin = {
    contents: `export * from '${rel(engineEntry)}';`,
    resolveDir: repoRoot,
    sourcefile: 'provider-engine.ts',
    loader: 'ts',
  };
  const engineShared = srcModules(await inputsOf({ stdin: engineStdin }), runtimeInputs).filter((p) => !shared.includes(p));
  const toRuntime = redirect('to-runtime', new Set(engineShared), RUNTIME);
  const runtimeStdin = {
    contents: `${lazyExports}\n${await reexports(engineShared)}`,
    resolveDir: repoRoot,
    sourcefile: 'provider-runtime.ts',
    loader: 'ts',
  };
  const bin = (name) => join(repoRoot, 'dist', 'bin', name);
  log(
    `esbuild: src/provider/main.ts -> dist/bin/terraform-provider-whatsapp.js and its parts (shared: ${shared.map((p) => rel(p)).join(', ')})`,
  );
  const compact = { ...common, ...compactOptions };
  await esbuild.build({ ...compact, entryPoints: [`${goPluginServices}.ts`], outfile: bin(PLUGIN), plugins: [toShared, noLong] });
  await esbuild.build({ ...compact, stdin: runtimeStdin, outfile: bin(RUNTIME), plugins: [toShared, cutEngine, noLong, toProtocolFile] });
  for (const [source, file] of Object.entries(protocolFiles)) {
    await esbuild.build({ ...compact, entryPoints: [`${source}.js`], outfile: bin(file), plugins: [noLong] });
    providerBundles.push(file);
  }
  await esbuild.build({ ...compact, stdin: engineStdin, outfile: bin(ENGINE), plugins: [toShared, toRuntime, axiosStartup] });
  // The shared modules' own relative imports stay inside the shared file (only the entry re-exports).
  await esbuild.build({
    ...compact,
    stdin: { contents: sharedSource, resolveDir: repoRoot, sourcefile: 'provider-shared.ts', loader: 'ts' },
    outfile: bin(SHARED),
  });
  providerBundles.push(RUNTIME, ENGINE, SHARED, PLUGIN);
  // The answers a process gives before it loads the provider (src/provider/precompute.ts), tagged
  // with the code they were computed from; the handshake file, built last, carries the same tag
  // and ignores answers whose tag differs (a part copied from another build).
  const build = createHash('sha256');
  for (const part of [RUNTIME, ...Object.values(protocolFiles)]) build.update(readFileSync(bin(part)));
  const buildId = build.digest('hex').slice(0, 16);
  const answers = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(bin(RUNTIME))}).precomputeAnswers().then((a) => process.stdout.write(JSON.stringify(a)))`],
    { encoding: 'utf8' },
  );
  if (answers.status !== 0) throw new Error(`precomputing the provider's answers failed:\n${answers.stderr}`);
  writeFileSync(bin(ANSWERS), JSON.stringify({ build: buildId, answers: JSON.parse(answers.stdout) }));
  providerBundles.push(ANSWERS);
  await esbuild.build({
    ...compact,
    entryPoints: [providerEntry],
    outfile: bin('terraform-provider-whatsapp.js'),
    banner: { js: '#!/usr/bin/env node' },
    define: { WHATSAPP_PROVIDER_BUILD: JSON.stringify(buildId) },
    plugins: [cutLazy, cutPlugin, toShared],
  });
  chmodSync(bin('terraform-provider-whatsapp.js'), 0o755);
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
  run(
    process.execPath,
    [join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js'), 'cli-config', '--mirror-dir', join(repoRoot, 'dist', 'mirror')],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
log('build done');
