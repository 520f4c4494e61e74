// Generates the CDKTF bindings in src/cdktf/generated/ from the schema our
// provider serves, as an engine prints it (`tofu providers schema -json`).
//   node scripts/generate-bindings.mjs            regenerate (commit the result)
//   node scripts/generate-bindings.mjs --check    exit 1 when the committed bindings are stale
//   --schema FILE                                 use a schema JSON file instead of asking the engine
//   --print-schema                                print the schema JSON and exit
// Needs `npm run build` (the provider) and the engines (scripts/setup-engines.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { log, repoRoot } from './lib/run.mjs';

export const PROVIDER_ADDRESS = 'registry.terraform.io/waba/whatsapp';
const generatedDir = join(repoRoot, 'src', 'cdktf', 'generated');

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Asks OpenTofu for the provider schema, from a configuration that spells the full address. */
function schemaFromEngine() {
  const engines = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'wls-schema-'));
  try {
    // OpenTofu keys the schema by the address the configuration spells; the bindings
    // hard-code that key, and Terraform users need registry.terraform.io.
    writeFileSync(join(dir, 'main.tf'), `terraform {\n  required_providers {\n    whatsapp = { source = "${PROVIDER_ADDRESS}" }\n  }\n}\n`);
    writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path    = "${join(repoRoot, 'dist', 'mirror')}"\n    include = ["${PROVIDER_ADDRESS}"]\n  }\n}\n`);
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' };
    const init = spawnSync(engines.tofu.path, ['init', '-no-color', '-input=false'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`tofu init failed:\n${init.stdout}\n${init.stderr}`);
    const out = spawnSync(engines.tofu.path, ['providers', 'schema', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`tofu providers schema -json failed:\n${out.stderr}`);
    return JSON.parse(out.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

async function generate(schema, target) {
  const require = createRequire(join(repoRoot, 'package.json'));
  const { generateProviderBindingsFromSchema } = require('@cdktf/provider-generator');
  rmSync(target, { recursive: true, force: true });
  await generateProviderBindingsFromSchema(target, schema);
}

const schemaFile = argValue('--schema');
const schema = schemaFile ? JSON.parse(readFileSync(schemaFile, 'utf8')) : schemaFromEngine();
if (process.argv.includes('--print-schema')) {
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  process.exit(0);
}
if (!schema.provider_schemas?.[PROVIDER_ADDRESS]) {
  throw new Error(`schema has no ${PROVIDER_ADDRESS} entry (keys: ${Object.keys(schema.provider_schemas ?? {}).join(', ')})`);
}

if (process.argv.includes('--check')) {
  const fresh = mkdtempSync(join(tmpdir(), 'wls-bindings-'));
  try {
    await generate(schema, fresh);
    const want = listFiles(fresh).map((f) => relative(fresh, f)).sort();
    const have = listFiles(generatedDir).map((f) => relative(generatedDir, f)).sort();
    const stale = [...new Set([...want, ...have])].filter((f) => !existsSync(join(fresh, f)) || !existsSync(join(generatedDir, f))
      || readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(generatedDir, f), 'utf8'));
    if (stale.length) {
      log(`CDKTF bindings are stale (${stale.join(', ')}): run node scripts/generate-bindings.mjs and commit src/cdktf/generated/`);
      process.exit(1);
    }
    log(`CDKTF bindings match the provider schema (${want.length} files)`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
} else {
  await generate(schema, generatedDir);
  log(`wrote CDKTF bindings to ${relative(repoRoot, generatedDir)}`);
}
