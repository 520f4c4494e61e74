// `npm run build`: code generation, type-checked compile to dist/, and the two
// bundled executables (a single file each, so the provider starts fast).
import { chmodSync, copyFileSync, mkdirSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, log, repoRoot, run } from './lib/run.mjs';

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
  log('tsc: type-check and compile src/ to dist/');
  run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  log('tsc: type-check tests, benchmarks and examples');
  run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit']);
}

const esbuild = await import(join(repoRoot, 'node_modules', 'esbuild', 'lib', 'main.js'));
const bins = {
  'whatsapp-local-storage': 'src/cli/main.ts',
  'terraform-provider-whatsapp': 'src/provider/main.ts',
};
mkdirSync(join(repoRoot, 'dist', 'bin'), { recursive: true });
for (const [name, entry] of Object.entries(bins)) {
  if (!existsSync(join(repoRoot, entry))) continue;
  const outfile = join(repoRoot, 'dist', 'bin', `${name}.js`);
  log(`esbuild: ${entry} -> dist/bin/${name}.js`);
  await esbuild.build({
    entryPoints: [join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  chmodSync(outfile, 0o755);
}

// Engines find a dev override by directory + exact executable name.
const providerBundle = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');
if (existsSync(providerBundle)) {
  const dir = join(repoRoot, 'dist', 'provider');
  mkdirSync(dir, { recursive: true });
  copyFileSync(providerBundle, join(dir, 'terraform-provider-whatsapp'));
  chmodSync(join(dir, 'terraform-provider-whatsapp'), 0o755);

  // A filesystem mirror in the engines' unpacked layout, so `init` installs the
  // local build and records it in the lock file exactly like a registry release.
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const target = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
    const mirrorDir = join(repoRoot, 'dist', 'mirror', host, 'waba', 'whatsapp', version, target);
    mkdirSync(mirrorDir, { recursive: true });
    copyFileSync(providerBundle, join(mirrorDir, `terraform-provider-whatsapp_v${version}`));
    chmodSync(join(mirrorDir, `terraform-provider-whatsapp_v${version}`), 0o755);
  }
}
log('build done');
