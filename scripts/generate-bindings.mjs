// Generates the L1 bindings from the schema our provider serves, as an engine prints it
// (`tofu providers schema -json`): src/cdktf/generated/ with @cdktf/provider-generator
// (imports `cdktf`) and src/cdktn/generated/ with @cdktn/provider-generator (imports `cdktn`).
//   node scripts/generate-bindings.mjs            regenerate both (commit the result)
//   node scripts/generate-bindings.mjs --check    exit 1 when the committed bindings are stale
//   --library cdktf|cdktn                         only one of the two
//   --template FILE                               render the entry points from FILE instead of scripts/templates/cdk-entry.ts.tpl
//   --schema FILE                                 use a schema JSON file instead of asking the engine
//   --print-schema                                print the schema JSON and exit
// Needs `npm run build` (the provider) and the engines (scripts/setup-engines.mjs).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { log, repoRoot } from './lib/run.mjs';
import { PROVIDER_ADDRESS, loadSchema } from './lib/provider-schema.mjs';

const GENERATORS = {
  cdktf: { generator: '@cdktf/provider-generator', name: 'CDKTF', types: 'CdktfTypes' },
  cdktn: { generator: '@cdktn/provider-generator', name: 'CDK Terrain', types: 'CdktnTypes' },
};
// Each entry point (src/<library>/index.ts) binds the one implementation in src/cdk to its
// library and bindings; the entries differ only in those names, so both come from one template.
const templateArg = process.argv.indexOf('--template');
const entryTemplate = templateArg >= 0 ? process.argv[templateArg + 1] : join(repoRoot, 'scripts', 'templates', 'cdk-entry.ts.tpl');
const entryFile = (library) => join(repoRoot, 'src', library, 'index.ts');
function renderEntry(library) {
  const { generator, name, types } = GENERATORS[library];
  return readFileSync(entryTemplate, 'utf8')
    .replaceAll('__LIB__', library)
    .replaceAll('__NAME__', name)
    .replaceAll('__GEN__', generator)
    .replaceAll('__TYPES__', types);
}
const libraryArg = process.argv.indexOf('--library');
const libraries = libraryArg >= 0 ? [process.argv[libraryArg + 1]] : Object.keys(GENERATORS);
for (const library of libraries) {
  if (!GENERATORS[library]) throw new Error(`--library ${library}: use one of ${Object.keys(GENERATORS).join(', ')}`);
}
const generatedDir = (library) => join(repoRoot, 'src', library, 'generated');

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

async function generate(library, schema, target) {
  const require = createRequire(join(repoRoot, 'package.json'));
  const { generateProviderBindingsFromSchema } = require(GENERATORS[library].generator);
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

let stale = false;
for (const library of libraries) {
  const { name } = GENERATORS[library];
  const dir = generatedDir(library);
  if (process.argv.includes('--check')) {
    const fresh = mkdtempSync(join(tmpdir(), `wls-bindings-${library}-`));
    try {
      await generate(library, schema, fresh);
      const want = listFiles(fresh)
        .map((f) => relative(fresh, f))
        .sort();
      const have = listFiles(dir)
        .map((f) => relative(dir, f))
        .sort();
      const differ = [...new Set([...want, ...have])].filter(
        (f) =>
          !existsSync(join(fresh, f)) ||
          !existsSync(join(dir, f)) ||
          readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(dir, f), 'utf8'),
      );
      if (!existsSync(entryFile(library)) || readFileSync(entryFile(library), 'utf8') !== renderEntry(library))
        differ.push(relative(dir, entryFile(library)));
      if (differ.length) {
        log(`${name} bindings are stale (${differ.join(', ')}): run node scripts/generate-bindings.mjs and commit src/${library}/`);
        stale = true;
      } else {
        log(`${name} bindings match the provider schema (${want.length} files)`);
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  } else {
    await generate(library, schema, dir);
    writeFileSync(entryFile(library), renderEntry(library));
    log(`wrote ${name} bindings to ${relative(repoRoot, dir)}`);
  }
}
if (stale) process.exit(1);
