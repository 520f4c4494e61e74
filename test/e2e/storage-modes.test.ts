/**
 * The three storage modes under real engines (OpenTofu 1.12.x, Terraform 1.5.7)
 * against the emulator, on the settings flow (v21.0) and the legacy register
 * flow (v20.0, on an emulator date when v20.0 is still served): an unstated mode
 * is a validate error, No Storage is reached from and left to the other modes for
 * registered and unregistered numbers, every residency weakening or move is a
 * plan warning of its own, and the data source shows the mode.
 */
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { EngineWorkspace, providerBlock, requiredEngines, type EngineOutputs } from './harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

jest.setTimeout(300_000);

const LIVE = '106540352242922'; // registered, DEFAULT, PIN 123456
const SPARE = '106540352242925'; // made unregistered below
const PIN = '123456';

/** GET /{phone-number-id}/settings, the field read here. */
type Settings = { storage_configuration: StorageConfiguration };
/** A day v20.0 is still usable (Meta ends it on 2026-09-24). */
const BEFORE_V20_END = Date.parse('2026-06-01T12:00:00Z');

type Storage = { region: string } | { mode: 'DEFAULT' } | { mode: 'NO_STORAGE'; retention?: number } | { unstated: true };

function storageLines(s: Storage): string {
  if ('region' in s) return `  data_localization_region = "${s.region}"\n`;
  if ('unstated' in s) return '';
  if (s.mode === 'DEFAULT') return '  storage_mode = "DEFAULT"\n';
  return `  storage_mode      = "NO_STORAGE"\n  retention_minutes = ${s.retention ?? 60}\n`;
}

function config(resources: Record<string, { id: string; storage: Storage }>, extra = ''): string {
  return `
variable "pin" {
  type      = string
  sensitive = true
}
${Object.entries(resources)
  .map(
    ([name, r]) => `
resource "whatsapp_local_storage" "${name}" {
  phone_number_id = "${r.id}"
${storageLines(r.storage)}  pin             = var.pin
}
`,
  )
  .join('')}
${extra}`;
}

/** Engines wrap diagnostic text at ~80 columns. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

const cases = requiredEngines().flatMap((engine) =>
  [FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION].map((apiVersion) => ({ engine, apiVersion })),
);

describe.each(cases)('$engine.name $engine.version on $apiVersion', ({ engine, apiVersion }) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const env = { TF_VAR_pin: PIN };
  const write = (body: string) => ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion }) + body);
  const writes = async (id: string) =>
    (await emulator.admin.calls({ phoneNumberId: id }))
      .filter((c) => c.method === 'POST')
      .map((c) => ({ endpoint: c.endpoint, params: c.params }));
  const settings = async (id: string) => {
    const res = await axios.get<Settings>(`${emulator.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`, {
      headers: { Authorization: 'Bearer demo-token' },
    });
    return res.data.storage_configuration;
  };
  const attrs = (name: string) => ws.state().resources.find((r) => r.name === name)!.instances[0].attributes;
  const legacy = apiVersion === LAST_REGISTER_VERSION;
  const offlineFlow = (storageParams: Record<string, unknown>, settingsBody: unknown) =>
    legacy
      ? [
          { endpoint: 'deregister', params: {} },
          { endpoint: 'register', params: { messaging_product: 'whatsapp', pin: '***', ...storageParams } },
        ]
      : [
          { endpoint: 'deregister', params: {} },
          { endpoint: 'settings', params: settingsBody },
          { endpoint: 'register', params: { messaging_product: 'whatsapp', pin: '***' } },
        ];
  const NO_STORAGE_BODY = { storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 } };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    if (legacy) await emulator.admin.setClock(BEFORE_V20_END);
    ws = new EngineWorkspace(engine);
    write(config({ live: { id: LIVE, storage: { unstated: true } } }));
    await ws.expect(['init']);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('a resource that states no storage mode fails validate, naming the three ways to state it', async () => {
    const validate = await ws.expect(['validate'], 1, env);
    const out = oneLine(validate.stdout + validate.stderr);
    expect(out).toMatch(/Storage mode not stated/);
    expect(out).toMatch(/data_localization_region = "<country code>"/);
    expect(out).toMatch(/storage_mode = "DEFAULT"/);
    expect(out).toMatch(/storage_mode = "NO_STORAGE" with retention_minutes = 60/);
    const plan = await ws.expect(['plan'], 1, env);
    expect(plan.stdout + plan.stderr).toMatch(/Storage mode not stated/);
    expect(await writes(LIVE)).toEqual([]);
  });

  test('a retention Meta does not accept fails validate, naming the accepted values', async () => {
    write(config({ live: { id: LIVE, storage: { mode: 'NO_STORAGE', retention: 1440 } } }));
    const validate = await ws.expect(['validate'], 1, env);
    expect(oneLine(validate.stdout + validate.stderr)).toMatch(
      /Unsupported retention_minutes .*retentions Meta accepts for No Storage: 60 \(minutes\); got 1440/,
    );
  });

  test("default -> No Storage on a registered number: offline warning, no residency warning, the flow's writes", async () => {
    write(config({ live: { id: LIVE, storage: { mode: 'NO_STORAGE' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    expect(plan.stdout + plan.stderr).toMatch(
      /Warning: Storage change takes numbers offline: local storage disabled \(Meta's default storage\) -> No Storage \(60 minutes in transit\)/,
    );
    expect(oneLine(plan.stdout + plan.stderr)).toMatch(
      /Phone number 106540352242922: offline (~\d+\.\d s|under 0\.1 s|a few seconds), one number at a time/,
    );
    expect(plan.stdout + plan.stderr).not.toMatch(/Data residency/);
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(LIVE)).toEqual(offlineFlow({ meta_store_retention_minutes: 60 }, NO_STORAGE_BODY));
    expect(await settings(LIVE)).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
    expect(attrs('live')).toMatchObject({
      storage_mode: 'NO_STORAGE',
      retention_minutes: 60,
      storage_status: 'NO_STORAGE_ENABLED',
      data_localization_region: null,
      registered: true,
    });
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
  });

  test('the data source shows the mode and the retention', async () => {
    write(
      config(
        { live: { id: LIVE, storage: { mode: 'NO_STORAGE' } } },
        `data "whatsapp_phone_number" "live" {\n  phone_number_id = "${LIVE}"\n}\noutput "live" {\n  value = { mode = data.whatsapp_phone_number.live.storage_mode, retention = data.whatsapp_phone_number.live.retention_minutes, status = data.whatsapp_phone_number.live.storage_status }\n}\n`,
      ),
    );
    await ws.expect(['apply', '-auto-approve'], 0, env);
    const out = JSON.parse((await ws.expect(['output', '-json'], 0, env)).stdout) as EngineOutputs<{ live: unknown }>;
    expect(out.live.value).toEqual({ mode: 'NO_STORAGE', retention: 60, status: 'NO_STORAGE_ENABLED' });
  });

  test('No Storage -> in-country: the plan warns that residency weakens, naming the number and its downtime', async () => {
    write(config({ live: { id: LIVE, storage: { region: 'BR' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    const out = plan.stdout + plan.stderr;
    expect(out).toMatch(/Warning: Data residency weakens: No Storage \(60 minutes in transit\) -> local storage in BR/);
    expect(oneLine(out)).toMatch(/Phone number 106540352242922: offline (~\d+\.\d s|under 0\.1 s|a few seconds), one number at a time/);
    expect(out).not.toMatch(/Storage change takes numbers offline/);
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(LIVE)).toEqual(
      offlineFlow(
        { data_localization_region: 'BR' },
        { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } },
      ),
    );
    expect(attrs('live')).toMatchObject({ storage_mode: 'IN_COUNTRY', retention_minutes: null, data_localization_region: 'BR' });
  });

  test('in-country -> another country: the plan warns that residency moves', async () => {
    write(config({ live: { id: LIVE, storage: { region: 'DE' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    expect(plan.stdout + plan.stderr).toMatch(/Warning: Data residency moves: local storage in BR -> local storage in DE/);
    expect(oneLine(plan.stdout + plan.stderr)).toMatch(
      /Phone number 106540352242922: offline (~\d+\.\d s|under 0\.1 s|a few seconds), one number at a time[ .]/,
    );
  });

  test('in-country -> No Storage: strengthening carries no residency warning', async () => {
    write(config({ live: { id: LIVE, storage: { mode: 'NO_STORAGE' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    expect(plan.stdout + plan.stderr).not.toMatch(/Data residency/);
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(LIVE)).toEqual(offlineFlow({ meta_store_retention_minutes: 60 }, NO_STORAGE_BODY));
  });

  test('No Storage -> default: the plan warns that residency weakens; apply disables it', async () => {
    write(config({ live: { id: LIVE, storage: { mode: 'DEFAULT' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    expect(plan.stdout + plan.stderr).toMatch(
      /Warning: Data residency weakens: No Storage \(60 minutes in transit\) -> local storage disabled \(Meta's default storage\)/,
    );
    expect(oneLine(plan.stdout + plan.stderr)).toMatch(
      /Phone number 106540352242922: offline (~\d+\.\d s|under 0\.1 s|a few seconds), one number at a time/,
    );
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(LIVE)).toEqual(offlineFlow({}, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } }));
    expect(await settings(LIVE)).toEqual({ status: 'DEFAULT' });
    expect(attrs('live')).toMatchObject({ storage_mode: 'DEFAULT', retention_minutes: null, storage_status: 'DEFAULT' });
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
  });

  test('an unregistered number: to No Storage and back to default, never a deregister', async () => {
    await emulator.admin.patchPhoneNumber(SPARE, { registered: false, status: 'DISCONNECTED', platform_type: 'NOT_APPLICABLE' });
    write(config({ live: { id: LIVE, storage: { mode: 'DEFAULT' } }, spare: { id: SPARE, storage: { mode: 'NO_STORAGE' } } }));
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    const register = (extra: Record<string, unknown> = {}) => ({
      endpoint: 'register',
      params: { messaging_product: 'whatsapp', pin: '***', ...extra },
    });
    expect(await writes(SPARE)).toEqual(
      legacy ? [register({ meta_store_retention_minutes: 60 })] : [{ endpoint: 'settings', params: NO_STORAGE_BODY }, register()],
    );
    expect(await settings(SPARE)).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });

    await emulator.admin.patchPhoneNumber(SPARE, { registered: false, status: 'DISCONNECTED', platform_type: 'NOT_APPLICABLE' });
    write(config({ live: { id: LIVE, storage: { mode: 'DEFAULT' } }, spare: { id: SPARE, storage: { mode: 'DEFAULT' } } }));
    const plan = await ws.expect(['plan'], 0, env);
    expect(plan.stdout + plan.stderr).toMatch(/Data residency weakens: No Storage/);
    expect(oneLine(plan.stdout + plan.stderr)).toContain('Phone number 106540352242925: not registered, so not taken offline');
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await writes(SPARE)).toEqual(
      legacy
        ? [register()]
        : [{ endpoint: 'settings', params: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } } }, register()],
    );
    expect(await settings(SPARE)).toEqual({ status: 'DEFAULT' });
  });
});

/**
 * States written by the provider before storage_mode existed (schema version 1,
 * captured from that build under each engine: test/e2e/fixtures) upgrade with no
 * plan diff once the configuration states its mode.
 */
describe.each(requiredEngines())('schema upgrade under $name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const env = { TF_VAR_pin: PIN };
  const resources = (offStorage: Storage) =>
    providerBlock({ baseUrl: emulator.url }) +
    config({ in_country: { id: '179776755229976', storage: { region: 'BR' } }, off: { id: LIVE, storage: offStorage } });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(engine);
    ws.write('terraform.tfstate', readFileSync(join(__dirname, 'fixtures', `schema-v1.${engine.name}.tfstate`), 'utf8'));
    ws.write('main.tf', resources({ mode: 'DEFAULT' }));
    await ws.expect(['init']);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('the fixture is a version 1 state of both kinds (in-country and disabled)', () => {
    const instances = ws.state().resources.map((r) => r.instances[0]);
    expect(instances.map((i) => i.schema_version)).toEqual([1, 1]);
    expect(instances.map((i) => i.attributes.data_localization_region)).toEqual(['BR', null]);
    expect(instances.every((i) => !('storage_mode' in i.attributes))).toBe(true);
  });

  test('a configuration that does not state the mode of the disabled number is refused, with no write', async () => {
    ws.write('main.tf', resources({ unstated: true }));
    const plan = await ws.expect(['plan'], 1, env);
    expect(plan.stdout + plan.stderr).toMatch(/Storage mode not stated/);
    expect((await emulator.admin.calls()).filter((c) => c.method === 'POST')).toEqual([]);
  });

  test('once it states it, plan shows no changes; the refreshed state is the current version with the mode and the quota counts', async () => {
    ws.write('main.tf', resources({ mode: 'DEFAULT' }));
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 0, env);
    expect(plan.stdout).toMatch(/No changes/);
    await ws.expect(['apply', '-refresh-only', '-auto-approve'], 0, env);
    const instances = ws.state().resources.map((r) => r.instances[0]);
    expect(instances.map((i) => i.schema_version)).toEqual([3, 3]);
    expect(instances.map((i) => [i.attributes.storage_mode, i.attributes.retention_minutes])).toEqual([
      ['IN_COUNTRY', null],
      ['DEFAULT', null],
    ]);
    expect(
      instances.map((i) => [i.attributes.register_calls_72h, i.attributes.deregister_calls_72h, i.attributes.quota_available_at]),
    ).toEqual([
      [0, 0, null],
      [0, 0, null],
    ]);
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
    expect((await emulator.admin.calls()).filter((c) => c.method === 'POST')).toEqual([]);
  });
});
