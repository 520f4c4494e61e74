/** `whatsapp-local-storage cli-config` prints a CLI configuration the engines accept. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EngineWorkspace, providerBlock, repoRoot, requiredEngines } from '../e2e/harness';

jest.setTimeout(120_000);

const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');

describe.each([['mirror', []], ['dev', ['--dev']]] as const)('cli-config (%s)', (mode, flags) => {
  test.each(requiredEngines())('lets $name $version install and run the provider', async (engine) => {
    const printed = spawnSync(process.execPath, [cli, 'cli-config', ...flags], { encoding: 'utf8' });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain(mode === 'dev' ? 'dev_overrides' : 'filesystem_mirror');
    const ws = new EngineWorkspace(engine);
    try {
      ws.write('cli.tfrc', printed.stdout); // replaces the harness's own configuration
      ws.write('main.tf', `${providerBlock({ baseUrl: 'http://127.0.0.1:9' })}data "whatsapp_local_storage_regions" "all" {}\noutput "codes" { value = data.whatsapp_local_storage_regions.all.codes }\n`);
      if (mode === 'mirror') await ws.expect(['init']);
      const apply = await ws.expect(['apply', '-auto-approve']);
      expect(apply.stdout).toMatch(/"BR"/);
    } finally {
      ws.dispose();
    }
  });
});
