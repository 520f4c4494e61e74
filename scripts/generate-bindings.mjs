// Generates the CDKTF bindings in src/cdktf/generated/ from the schema our
// provider serves, as an engine prints it (`tofu providers schema -json`).
//   node scripts/generate-bindings.mjs            regenerate (commit the result)
//   node scripts/generate-bindings.mjs --check    exit 1 when the committed bindings are stale
//   --schema FILE                                 use a schema JSON file instead of asking the engine
//   --print-schema                                print the schema JSON and exit
// Needs `npm run build` (the provider) and the engines (scripts/setup-engines.mjs).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { log, repoRoot } from './lib/run.mjs';
import { PROVIDER_ADDRESS, loadSchema } from './lib/provider-schema.mjs';

const generatedDir = join(repoRoot, 'src', 'cdktf', 'generated');

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

// The package version becomes the provider's `required_providers` version: cdktf-cli
// requires one, and the bindings then ask for exactly the provider shipped beside them.
const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

async function generate(schema, target) {
  const require = createRequire(join(repoRoot, 'package.json'));
  const { generateProviderBindingsFromSchema } = require('@cdktf/provider-generator');
  rmSync(target, { recursive: true, force: true });
  await generateProviderBindingsFromSchema(target, { ...schema, provider_versions: { [PROVIDER_ADDRESS]: version } });
}

const schema = loadSchema();
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
