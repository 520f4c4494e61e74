// The provider's schema as an engine prints it (`tofu providers schema -json`),
// read from the local build through a filesystem mirror. Used by the CDKTF
// bindings generator and the registry docs generator.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run.mjs';

export const PROVIDER_ADDRESS = 'registry.terraform.io/waba/whatsapp';

export function schemaFromEngine() {
  const engines = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'wls-schema-'));
  try {
    // OpenTofu keys the schema by the address the configuration spells; the bindings
    // hard-code that key, and Terraform users need registry.terraform.io.
    writeFileSync(join(dir, 'main.tf'), `terraform {\n  required_providers {\n    whatsapp = { source = "${PROVIDER_ADDRESS}" }\n  }\n}\n`);
    writeFileSync(
      join(dir, 'cli.tfrc'),
      `provider_installation {\n  filesystem_mirror {\n    path    = "${join(repoRoot, 'dist', 'mirror')}"\n    include = ["${PROVIDER_ADDRESS}"]\n  }\n}\n`,
    );
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' };
    const init = spawnSync(engines.tofu.path, ['init', '-no-color', '-input=false'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`tofu init failed:\n${init.stdout}\n${init.stderr}`);
    const out = spawnSync(engines.tofu.path, ['providers', 'schema', '-json'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (out.status !== 0) throw new Error(`tofu providers schema -json failed:\n${out.stderr}`);
    return JSON.parse(out.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads --schema FILE when given, else asks the engine. */
export function loadSchema(argv = process.argv) {
  const i = argv.indexOf('--schema');
  return i >= 0 ? JSON.parse(readFileSync(argv[i + 1], 'utf8')) : schemaFromEngine();
}

/**
 * List resource schemas. OpenTofu does not print them (it has no \`terraform query\`), so when
 * the engine's JSON lacks them they come from the built provider's own GetProviderSchema answer.
 */
export async function listResourceSchemas(provider) {
  if (provider.list_resource_schemas) return provider.list_resource_schemas;
  // The provider's own answer: its source bundled once into a temporary file (esbuild, as the build does).
  const require = createRequire(join(repoRoot, 'package.json'));
  const esbuild = require('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'wls-docs-'));
  const outfile = join(dir, 'provider.cjs');
  esbuild.buildSync({
    entryPoints: [join(repoRoot, 'src', 'provider', 'provider.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  let createProviderService;
  try {
    ({ createProviderService } = require(outfile));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const served = await createProviderService({
    env: {},
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  }).getProviderSchema({}, {});
  const out = {};
  for (const [type, schema] of Object.entries(served.listResourceSchemas ?? {})) {
    const attributes = {};
    for (const a of schema.block.attributes) {
      attributes[a.name] = {
        type: JSON.parse(Buffer.from(a.type).toString('utf8')),
        description: a.description,
        ...(a.required ? { required: true } : {}),
        ...(a.optional ? { optional: true } : {}),
        ...(a.computed ? { computed: true } : {}),
      };
    }
    out[type] = { version: Number(schema.version ?? 0), block: { description: schema.block.description, attributes } };
  }
  return out;
}
