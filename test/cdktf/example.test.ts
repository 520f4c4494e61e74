/**
 * The CDKTF example (examples/cdktf, run by the root cdktf.json) synthesizes with the
 * real cdktf-cli and applies under the real engines against the emulator.
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { availableEngines, EngineWorkspace, repoRoot } from '../e2e/harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(240_000);

const PIN = '123456';
const EXPECTED: Record<string, string | null> = {
  '106540352242922': 'BR',
  '106540352242923': 'IN',
  '106540352242924': 'IN',
  '106540352242925': 'DE',
  '106540352242926': null,
};

interface SynthResult {
  code: number;
  output: string;
  json?: SynthesizedStack;
  text?: string;
}

/** cdk.tf.json, the parts the tests read. */
interface SynthesizedStack {
  resource: { whatsapp_local_storage: Record<string, Record<string, unknown>> };
  terraform: Record<string, unknown>;
}

/** `npx cdktf synth` from the repository root into a temporary directory. */
function cdktfSynth(env: Record<string, string> = {}): Promise<SynthResult> {
  const out = mkdtempSync(join(tmpdir(), 'wls-cdktf-synth-'));
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['cdktf', 'synth', '--output', out], {
      cwd: repoRoot,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', CI: '1', TF_CLI_CONFIG_FILE: '/dev/null', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const result: SynthResult = { code: code ?? -1, output };
      try {
        if (code === 0) {
          result.text = readFileSync(join(out, 'stacks', 'local-storage', 'cdk.tf.json'), 'utf8');
          result.json = JSON.parse(result.text) as SynthesizedStack;
        }
        resolvePromise(result);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

async function liveRegion(emulator: RunningEmulator, id: string): Promise<string | null> {
  const res = await axios.get<{ storage_configuration: StorageConfiguration }>(`${emulator.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`, {
    headers: { Authorization: 'Bearer demo-token' },
  });
  const s = res.data.storage_configuration;
  return s.status === 'IN_COUNTRY_STORAGE_ENABLED' ? (s.data_localization_region ?? null) : null;
}

describe('examples/cdktf', () => {
  let synth: SynthResult;

  beforeAll(async () => {
    synth = await cdktfSynth();
  });

  test('npx cdktf synth (the real cdktf-cli) writes the stack: five numbers, three regions, no secrets', () => {
    if (synth.code !== 0) throw new Error(`cdktf synth failed:\n${synth.output}`);
    const resources = Object.values(synth.json!.resource.whatsapp_local_storage);
    expect(Object.fromEntries(resources.map((r) => [r.phone_number_id, r.data_localization_region ?? null]))).toEqual(EXPECTED);
    expect(resources.every((r) => r.pin === '${var.pin}')).toBe(true);
    expect(synth.json!.terraform).toMatchObject({
      required_providers: { whatsapp: { source: 'registry.terraform.io/waba/whatsapp' } },
      backend: { local: { path: 'terraform.tfstate' } },
    });
    expect(synth.text).not.toContain(PIN);
    expect(synth.text).not.toContain('demo-token');
  });

  test("the marketing line states Meta's default storage; its knob takes it to No Storage", async () => {
    const marketing = (json: NonNullable<SynthResult['json']>) =>
      Object.values(json.resource.whatsapp_local_storage).find((r) => r.phone_number_id === '106540352242926')!;
    expect(marketing(synth.json!)).toMatchObject({ storage_mode: 'DEFAULT' });
    const noStorage = await cdktfSynth({ WLS_EXAMPLE_MARKETING_STORAGE: 'no_storage' });
    if (noStorage.code !== 0) throw new Error(`cdktf synth failed:\n${noStorage.output}`);
    expect(marketing(noStorage.json!)).toMatchObject({ storage_mode: 'NO_STORAGE', retention_minutes: 60 });
    expect(marketing(noStorage.json!)).not.toHaveProperty('data_localization_region');
  });

  test('a bad region knob fails the synth with a message naming it and the fix', async () => {
    const bad = await cdktfSynth({ WLS_EXAMPLE_SALES_REGION: 'uk' });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain('WLS_EXAMPLE_SALES_REGION: "uk" is not an ISO 3166-1 alpha-2 code: did you mean GB (United Kingdom)?');
  });

  describe.each(availableEngines())('applies under $name $version against the emulator', (engine) => {
    let emulator: RunningEmulator;
    let ws: EngineWorkspace;

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, quiet: true });
      ws = new EngineWorkspace(engine, { env: { WHATSAPP_BASE_URL: emulator.url, WHATSAPP_ACCESS_TOKEN: 'demo-token', TF_VAR_pin: PIN } });
      ws.write('cdk.tf.json', synth.text!);
    });

    afterAll(async () => {
      ws?.dispose();
      await emulator?.close();
    });

    test('init, apply, then an empty plan; every number ends up where the code says', async () => {
      await ws.expect(['init', '-input=false']);
      const apply = await ws.expect(['apply', '-auto-approve']);
      expect(apply.stdout).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
      for (const [id, region] of Object.entries(EXPECTED)) expect(await liveRegion(emulator, id)).toBe(region);
      const plan = await ws.expect(['plan', '-detailed-exitcode'], 0);
      expect(plan.stdout).toMatch(/No changes/);
    });

    test('the support group moved its numbers one at a time (never both offline)', async () => {
      const calls = await emulator.admin.calls();
      const window = (id: string) => {
        const mine = calls.filter((c) => c.phoneNumberId === id && c.method === 'POST');
        return {
          from: mine.find((c) => c.endpoint === 'deregister')!.startedAt,
          to: mine.find((c) => c.endpoint === 'register')!.finishedAt,
        };
      };
      const a = window('106540352242923');
      const b = window('106540352242924');
      expect(a.to <= b.from || b.to <= a.from).toBe(true);
    });
  });
});
