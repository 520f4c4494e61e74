/**
 * The resource's whole life under every engine present (OpenTofu 1.12.x, Terraform 1.5.7, a differing Terraform on PATH)
 * against the emulator, on the Settings API flow (v21.0), on v20.0 while Meta served it
 * (the legacy flow, emulator clock before 2026-09-24) and on v20.0 after that date
 * (Meta answers it as v21.0, so the Settings API flow). The number is registered at the end of every case.
 */
import axios from 'axios';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeed, startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { availableEngines, EngineWorkspace, providerBlock } from './harness';
import { DEFAULT_API_VERSION, FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

const LIVE_NUMBER = '106540352242922'; // registered, storage disabled, PIN 123456
const BR_NUMBER = '179776755229976'; // registered, storage enabled in BR
const PIN = '123456';

jest.setTimeout(240_000);

function resourceConfig(region: string | null, extra = ''): string {
  return `
variable "pin" {
  type      = string
  sensitive = true
}

resource "whatsapp_local_storage" "main" {
  phone_number_id          = "${LIVE_NUMBER}"
  data_localization_region = ${region === null ? 'null' : `"${region}"`}
  pin                      = var.pin
${extra}}
`;
}

async function graphSettings(emulator: RunningEmulator, id: string): Promise<{ status: string; data_localization_region?: string }> {
  const res = await axios.get<{ storage_configuration: StorageConfiguration }>(`${emulator.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`, {
    headers: { Authorization: 'Bearer demo-token' },
  });
  return res.data.storage_configuration;
}

async function registered(emulator: RunningEmulator, id: string): Promise<boolean> {
  return (await emulator.admin.state()).phone_numbers.find((n) => n.id === id)!.registered;
}

/** Graph writes (POSTs) the emulator saw since the last clear, as "endpoint" names. */
async function writes(emulator: RunningEmulator): Promise<string[]> {
  const calls = await emulator.admin.calls();
  return calls.filter((c) => c.method === 'POST').map((c) => c.path.split('/').pop() as string);
}

/** Each case runs on a fixed emulator date, so what the plan says about the version does not move with the real calendar. */
const VERSION_CASES = [
  {
    apiVersion: FIRST_SETTINGS_VERSION,
    clock: '2026-11-25T12:00:00Z',
    when: '2026-11-25',
    legacy: false,
    versionWarning: new RegExp(
      String.raw`Graph API ${versionPattern(FIRST_SETTINGS_VERSION)} stops on 2027-01-21[\s\S]*in 57 days[\s\S]*api_version = "${versionPattern(DEFAULT_API_VERSION)}"`,
    ),
  },
  {
    apiVersion: LAST_REGISTER_VERSION,
    clock: '2026-09-01T12:00:00Z',
    when: `2026-09-01 (before ${LAST_REGISTER_VERSION} stopped)`,
    legacy: true,
    versionWarning: new RegExp(String.raw`Graph API ${versionPattern(LAST_REGISTER_VERSION)} stops on 2026-09-24[\s\S]*in 23 days`),
  },
  {
    apiVersion: LAST_REGISTER_VERSION,
    clock: '2026-11-25T12:00:00Z',
    when: `2026-11-25 (after ${LAST_REGISTER_VERSION} stopped)`,
    legacy: false,
    versionWarning: new RegExp(
      String.raw`Graph API ${versionPattern(LAST_REGISTER_VERSION)} has stopped: Meta answers it as ${versionPattern(FIRST_SETTINGS_VERSION)}[\s\S]*stopped on 2026-09-24[\s\S]*Settings API flow of ${versionPattern(FIRST_SETTINGS_VERSION)}`,
    ),
  },
];
const cases = availableEngines().flatMap((engine) => VERSION_CASES.map((c) => ({ engine, ...c })));

describe.each(cases)('$engine.name $engine.version on $apiVersion, $when', ({ engine, apiVersion, clock, legacy, versionWarning }) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const env = { TF_VAR_pin: PIN };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: { ...defaultSeed(), clock } });
    ws = new EngineWorkspace(engine);
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion }) + resourceConfig('BR'));
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('init installs the provider from the mirror and writes the lock file', async () => {
    const init = await ws.expect(['init']);
    expect(init.stdout).toMatch(/waba\/whatsapp/);
    expect(existsSync(join(ws.dir, '.terraform.lock.hcl'))).toBe(true);
  });

  test('validate accepts the configuration', async () => {
    const validate = await ws.expect(['validate'], 0, env);
    expect(validate.stdout).toMatch(/configuration is valid/i);
  });

  test('plan shows the creation and warns that the live number goes offline', async () => {
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 2, env);
    expect(plan.stdout).toMatch(/whatsapp_local_storage\.main will be created/);
    expect(plan.stdout).toMatch(/"BR"/);
    expect(plan.stdout + plan.stderr).toMatch(/offline|deregister/i);
    expect(plan.stdout + plan.stderr).not.toContain(PIN);
    // The configured version's fate, on the emulator's (Meta's) date, and where what a wrong PIN would cost is explained.
    // Engines wrap diagnostics to the terminal width.
    const said = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
    expect(said).toMatch(versionWarning);
    expect(said).toMatch(
      /Phone number 106540352242922: offline (~\d+\.\d s|under 0\.1 s|a few seconds), one number at a time(?: \([^.]*\))?\. Quota: [^.]*\. Why, PIN risk: "Downtime"/,
    );
  });

  test('apply enables BR storage through the API order the version requires', async () => {
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await graphSettings(emulator, LIVE_NUMBER)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });
    expect(await writes(emulator)).toEqual(legacy ? ['deregister', 'register'] : ['deregister', 'settings', 'register']);
    const attrs = ws.state().resources[0].instances[0].attributes;
    expect(attrs).toMatchObject({
      id: LIVE_NUMBER,
      data_localization_region: 'BR',
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
    });
    expect(ws.rawState()).not.toContain('demo-token');
  });

  test('a region change BR -> IN is exactly deregister, settings, register', async () => {
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion }) + resourceConfig('IN'));
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(emulator)).toEqual(legacy ? ['deregister', 'register'] : ['deregister', 'settings', 'register']);
    expect(await registered(emulator, LIVE_NUMBER)).toBe(true);
    expect(await graphSettings(emulator, LIVE_NUMBER)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' });
  });

  test('a second plan is empty', async () => {
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 0, env);
    expect(plan.stdout).toMatch(/No changes/);
  });

  test('an out-of-band change is drift: plan exits 2 and shows the region diff', async () => {
    const headers = { Authorization: 'Bearer demo-token' };
    const base = `${emulator.url}/${FIRST_SETTINGS_VERSION}/${LIVE_NUMBER}`;
    await axios.post(`${base}/deregister`, {}, { headers });
    await axios.post(
      `${base}/settings`,
      { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } },
      { headers },
    );
    await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: PIN }, { headers });
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 2, env);
    expect(plan.stdout).toMatch(/data_localization_region\s+=\s+"BR"\s+->\s+"IN"/);
    const refresh = await ws.expect(['plan', '-refresh-only', '-detailed-exitcode'], 2, env);
    expect(refresh.stdout).toMatch(/changed outside of/i);
  });

  test('import by command and by import block', async () => {
    const other = new EngineWorkspace(engine);
    try {
      const config =
        providerBlock({ baseUrl: emulator.url, apiVersion }) +
        `
resource "whatsapp_local_storage" "imported" {
  phone_number_id          = "${BR_NUMBER}"
  data_localization_region = "BR"
}
`;
      other.write('main.tf', config);
      await other.expect(['init']);
      await other.expect(['import', 'whatsapp_local_storage.imported', BR_NUMBER]);
      expect(other.state().resources[0].instances[0].attributes).toMatchObject({
        id: BR_NUMBER,
        data_localization_region: 'BR',
        registered: true,
      });
      await other.expect(['plan', '-detailed-exitcode'], 0);

      other.remove('terraform.tfstate');
      other.write(
        'main.tf',
        `${config}
import {
  to = whatsapp_local_storage.imported
  id = "${BR_NUMBER}"
}
`,
      );
      const plan = await other.expect(['plan'], 0);
      expect(plan.stdout).toMatch(/1 to import/);
      await other.expect(['apply', '-auto-approve'], 0);
      expect(other.state().resources[0].instances[0].attributes).toMatchObject({ id: BR_NUMBER, data_localization_region: 'BR' });
    } finally {
      other.dispose();
    }
  });

  test('destroy leaves storage as it is unless disable_on_destroy is set', async () => {
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion }) + resourceConfig('IN'));
    await ws.expect(['apply', '-auto-approve'], 0, env);
    const destroy = await ws.expect(['destroy', '-auto-approve'], 0, env);
    expect(destroy.stdout + destroy.stderr).toMatch(/disable_on_destroy/);
    expect(await graphSettings(emulator, LIVE_NUMBER)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' });

    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion }) + resourceConfig('IN', '  disable_on_destroy = true\n'));
    await ws.expect(['apply', '-auto-approve'], 0, env);
    await ws.expect(['destroy', '-auto-approve'], 0, env);
    expect(await graphSettings(emulator, LIVE_NUMBER)).toEqual({ status: 'DEFAULT' });
    expect(await registered(emulator, LIVE_NUMBER)).toBe(true);
  });
});
