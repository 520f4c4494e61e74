/**
 * `whatsapp-local-storage drift` flags a residency weakening done by hand: a No
 * Storage number switched to Meta's default storage outside the configuration
 * (built CLI, real OpenTofu, the emulator).
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, repoRoot, requiredEngines } from '../e2e/harness';

jest.setTimeout(180_000);

const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');
const NUMBER = '106540352242925';

function drift(ws: EngineWorkspace): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'drift', '--dir', ws.dir, '--engine', ws.engine.path,
      '--json-report', join(ws.dir, 'drift.json'), '--markdown-report', join(ws.dir, 'drift.md')], {
      env: { ...process.env, TF_CLI_CONFIG_FILE: join(ws.dir, 'cli.tfrc'), TF_VAR_pin: '123456', GITHUB_STEP_SUMMARY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('drift command flags a residency weakening (OpenTofu)', () => {
  const tofu = requiredEngines().find((e) => e.name === 'tofu')!;
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(tofu);
    ws.write('main.tf', `${providerBlock({ baseUrl: emulator.url })}
variable "pin" {
  type      = string
  sensitive = true
}
resource "whatsapp_local_storage" "payments" {
  phone_number_id   = "${NUMBER}"
  storage_mode      = "NO_STORAGE"
  retention_minutes = 60
  pin               = var.pin
}
`);
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve'], 0, { TF_VAR_pin: '123456' });
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('in sync first; then No Storage -> default by hand is drift flagged as a residency weakening', async () => {
    const clean = await drift(ws);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/106540352242925\s+whatsapp_local_storage\.payments\s+no storage \(60 min\)\s+no storage \(60 min\)\s+registered\s+in sync/);

    const headers = { Authorization: 'Bearer demo-token' };
    const base = `${emulator.url}/v21.0/${NUMBER}`;
    await axios.post(`${base}/deregister`, {}, { headers });
    await axios.post(`${base}/settings`, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } }, { headers });
    await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: '123456' }, { headers });

    const result = await drift(ws);
    expect(result.code).toBe(2);
    const summary = "Data residency of phone number 106540352242925 weakens: No Storage (60 minutes in transit) -> local storage disabled (Meta's default storage)";
    expect(result.stdout).toMatch(/no storage \(60 min\)\s+disabled\s+registered\s+DRIFT\s+RESIDENCY WEAKENED/);
    expect(result.stdout).toContain(`WARNING: ${summary}`);
    const report = JSON.parse(readFileSync(join(ws.dir, 'drift.json'), 'utf8'));
    expect(report.residencyAlerts).toBe(1);
    expect(report.rows[0]).toMatchObject({ declaredMode: 'NO_STORAGE', actualMode: 'DEFAULT', declaredRetentionMinutes: 60, actualRetentionMinutes: null, residency: { kind: 'weakens', summary } });
    const markdown = readFileSync(join(ws.dir, 'drift.md'), 'utf8');
    expect(markdown).toContain('### ⚠️ Data residency');
    expect(markdown).toContain(`- ⚠️ **${summary}**`);
    expect(markdown).toContain('| **RESIDENCY WEAKENED** |');
    expect(result.stdout + result.stderr + markdown + JSON.stringify(report)).not.toMatch(/123456|demo-token/);
  });
});
