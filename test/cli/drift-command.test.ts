/**
 * `whatsapp-local-storage drift` end to end: the built CLI, real OpenTofu, the
 * emulator. Exit 0 in sync, 2 on drift (with both reports), 1 on error.
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, repoRoot, requiredEngines } from '../e2e/harness';

jest.setTimeout(180_000);

const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');

function drift(ws: EngineWorkspace, extraArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'drift', '--dir', ws.dir, '--engine', ws.engine.path,
      '--json-report', join(ws.dir, 'drift.json'), '--markdown-report', join(ws.dir, 'drift.md'), ...extraArgs], {
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

describe('drift command under OpenTofu', () => {
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
resource "whatsapp_local_storage" "br" {
  phone_number_id          = "106540352242923"
  data_localization_region = "BR"
  pin                      = var.pin
}
resource "whatsapp_local_storage" "de" {
  phone_number_id          = "106540352242924"
  data_localization_region = "DE"
  pin                      = var.pin
}
`);
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve'], 0, { TF_VAR_pin: '123456' });
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('exits 0 and says so when every number matches', async () => {
    const result = await drift(ws);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('All 2 phone numbers are in sync.');
    const report = JSON.parse(readFileSync(join(ws.dir, 'drift.json'), 'utf8'));
    expect(report.inSync).toBe(true);
    expect(readFileSync(join(ws.dir, 'drift.md'), 'utf8')).toContain('no drift');
  });

  test('exits 2 with a per-number table and reports after an out-of-band region change', async () => {
    const headers = { Authorization: 'Bearer demo-token' };
    const base = `${emulator.url}/v21.0/106540352242924`;
    await axios.post(`${base}/deregister`, {}, { headers });
    await axios.post(`${base}/settings`, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'CH' } }, { headers });
    await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: '123456' }, { headers });

    const result = await drift(ws);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/106540352242924\s+whatsapp_local_storage\.de\s+DE\s+CH\s+registered\s+DRIFT/);
    expect(result.stdout).toMatch(/106540352242923\s+whatsapp_local_storage\.br\s+BR\s+BR\s+registered\s+in sync/);
    expect(result.stdout).toContain('1 of 2 phone numbers drifted.');
    const report = JSON.parse(readFileSync(join(ws.dir, 'drift.json'), 'utf8'));
    expect(report.rows.find((r: { address: string }) => r.address === 'whatsapp_local_storage.de')).toMatchObject({ declaredRegion: 'DE', actualRegion: 'CH', state: 'drifted' });
    const markdown = readFileSync(join(ws.dir, 'drift.md'), 'utf8');
    expect(markdown).toContain('| `106540352242924` | `whatsapp_local_storage.de` | DE | CH | registered | **DRIFT** (data_localization_region) |');
    expect(result.stdout + result.stderr + markdown + JSON.stringify(report)).not.toMatch(/123456|demo-token/);
  });

  test('exits 1 with the engine\'s error when the API cannot be read', async () => {
    await emulator.admin.injectFault({ endpoint: '*', mode: 'error', times: 1000, error: { code: 190, message: 'Invalid OAuth access token.' } });
    try {
      const result = await drift(ws);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/drift check failed/);
      expect(result.stderr).toMatch(/access_token|token/i);
    } finally {
      await emulator.admin.clearFaults();
    }
  });

  test('exits 1 for a directory that is not a configuration', async () => {
    const result = await drift(ws, ['--dir', join(ws.dir, 'missing')]);
    expect(result.code).toBe(1);
    expect(existsSync(join(ws.dir, 'missing'))).toBe(false);
  });
});
