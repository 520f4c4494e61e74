/**
 * The examples are runnable: the HCL example applies under OpenTofu against the
 * emulator (the GitOps layout has its own suite in test/gitops).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, repoRoot, requiredEngines, type EngineOutputs } from './harness';

jest.setTimeout(180_000);

describe('examples/hcl under OpenTofu', () => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(requiredEngines().find((e) => e.name === 'tofu')!);
    for (const file of readdirSync(join(repoRoot, 'examples', 'hcl')).filter((f) => f.endsWith('.tf'))) {
      ws.write(file, readFileSync(join(repoRoot, 'examples', 'hcl', file), 'utf8'));
    }
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('init, apply and a clean second plan, with the three declared storage modes live', async () => {
    const env = { TF_VAR_pin: '123456', TF_VAR_access_token: 'demo-token', TF_VAR_base_url: emulator.url };
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve'], 0, env);
    type Outputs = EngineOutputs<{ storage: unknown; sao_paulo_display_number: string }>;
    const outputs = JSON.parse((await ws.expect(['output', '-json'], 0, env)).stdout) as Outputs;
    expect(outputs.storage.value).toEqual({
      sao_paulo: { mode: 'IN_COUNTRY', status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR', retention_minutes: null, registered: true },
      mumbai: { mode: 'IN_COUNTRY', status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN', retention_minutes: null, registered: true },
      support_line: { mode: 'DEFAULT', status: 'DEFAULT', region: null, retention_minutes: null, registered: true },
      payments: { mode: 'NO_STORAGE', status: 'NO_STORAGE_ENABLED', region: null, retention_minutes: 60, registered: true },
    });
    expect(outputs.sao_paulo_display_number.value).toMatch(/^\+/);
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
  });
});
