// Runs HashiCorp's `tfplugindocs validate` over docs/ with the schema the provider serves,
// as the registry would read the pages. Part of npm test (test/docs/tfplugindocs.test.ts).
//   node scripts/validate-docs.mjs [--provider-dir DIR] [--schema FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';
import { PROVIDER_ADDRESS, listResourceSchemas, loadSchema } from './lib/provider-schema.mjs';
import { ensureTfplugindocs } from './setup-tfplugindocs.mjs';

const PROVIDER_NAME = 'whatsapp';

const dirFlag = process.argv.indexOf('--provider-dir');
const providerDir = dirFlag >= 0 ? process.argv[dirFlag + 1] : repoRoot;
const schema = loadSchema();
const provider = schema.provider_schemas?.[PROVIDER_ADDRESS];
if (!provider) throw new Error(`schema has no ${PROVIDER_ADDRESS} entry`);
// tfplugindocs finds a provider by its short name (or under registry.terraform.io/hashicorp/);
// list resources come from the provider itself when the engine does not print them.
const forTool = {
  format_version: schema.format_version,
  provider_schemas: { [PROVIDER_NAME]: { ...provider, list_resource_schemas: await listResourceSchemas(provider) } },
};
const binary = await ensureTfplugindocs();
const work = mkdtempSync(join(tmpdir(), 'wls-tfplugindocs-'));
try {
  const schemaFile = join(work, 'schema.json');
  writeFileSync(schemaFile, JSON.stringify(forTool));
  const args = ['validate', '--provider-dir', providerDir, '--provider-name', PROVIDER_NAME, '--providers-schema', schemaFile];
  const result = spawnSync(binary, args, { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (result.status !== 0) {
    // Its debug log names every file it checked; the error lines come last.
    process.stderr.write(
      `${result.stdout ?? ''}${(result.stderr ?? '')
        .split('\n')
        .filter((l) => !l.includes('[DEBUG]'))
        .join('\n')}`,
    );
    log(
      `tfplugindocs validate failed (exit ${result.status ?? result.signal}): fix the pages it names, or regenerate them with node scripts/generate-docs.mjs`,
    );
    process.exit(1);
  }
  log('tfplugindocs validate: docs/ passes');
} finally {
  rmSync(work, { recursive: true, force: true });
}
