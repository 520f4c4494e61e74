/**
 * The quota ledger under both engines, against the emulator (which enforces Meta's
 * 10-per-72-hours itself) on its controllable clock:
 * - a number toggled BR -> DE -> BR ... by repeated applies is stopped by plan (exit 1, no
 *   write) once another change would exceed 10, naming the time it becomes possible; the
 *   counts are attributes, survive `state pull`/`push` and a state written with schema 2;
 *   moving the clock past the window frees the number again;
 * - a number whose ledger holds 10 registers (seeded in the emulator too) is never deregistered;
 * - a 133016 from Meta (calls made elsewhere) is recorded and reported with the same time.
 */
import { generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, requiredEngines, type EngineState } from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(900_000);

const TOKEN = 'quota-token';
const PIN = '246810';
const START = '2026-12-01T00:00:00Z';
const H = 3_600_000;
const [TOGGLED, SPENT_REGISTERS, SPENT_ELSEWHERE] = [0, 1, 2].map(generatedPhoneNumberId);
/** The 10 registers the emulator and the ledger of SPENT_REGISTERS both hold: one an hour before START. */
const registerTimes = Array.from({ length: 10 }, (_, i) => new Date(Date.parse(START) - (10 - i) * H).toISOString());

function seed() {
  return generatedSeed(3, {
    token: TOKEN,
    pin: PIN,
    storage: () => ({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' }),
    number: (i) => (i === 1 ? { quota_used: { register: registerTimes } } : i === 2 ? { quota_used: { deregister: 10 } } : {}),
  });
}

function config(url: string, regions: Record<string, string>): string {
  return `${REQUIRED_PROVIDERS_HCL}
provider "whatsapp" {
  base_url     = "${url}"
  access_token = "${TOKEN}"
  api_version  = "${FIRST_SETTINGS_VERSION}"
}
${Object.entries(regions)
  .map(
    ([id, region]) => `
resource "whatsapp_local_storage" "n${id}" {
  phone_number_id          = "${id}"
  data_localization_region = "${region}"
  pin                      = "${PIN}"
}`,
  )
  .join('\n')}
`;
}

const flat = (r: { stdout: string; stderr: string }) => (r.stdout + r.stderr).replace(/\s+/g, ' ');

describe.each(requiredEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const posts = async () => (await emulator.admin.calls()).filter((c) => c.method === 'POST');
  const attributes = (id: string) => ws.state().resources.find((r) => r.name === `n${id}`)!.instances[0].attributes;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: { ...seed(), clock: START } });
    ws = new EngineWorkspace(engine);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('toggling a region is stopped by plan before either count passes 10; counts survive state push and a schema-2 state; the window frees it', async () => {
    ws.write('main.tf', config(emulator.url, { [TOGGLED]: 'BR' }));
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve']);
    expect(attributes(TOGGLED)).toMatchObject({ register_calls_72h: 0, deregister_calls_72h: 0, quota_available_at: null });
    await ws.expect(['plan', '-detailed-exitcode'], 0);

    const first = (await emulator.admin.clock()).now;
    for (let change = 1; change <= 10; change++) {
      ws.write('main.tf', config(emulator.url, { [TOGGLED]: change % 2 === 1 ? 'DE' : 'BR' }));
      const apply = await ws.expect(['apply', '-auto-approve']);
      // The note names the steps when they fit, else the calls; either way it says what stays in the window.
      expect(flat(apply)).toMatch(
        new RegExp(`Quota: (1 deregister \\+ 1 register; )?${10 - change} \\+ ${10 - change} of 10 left in 72 h`),
      );
      expect(attributes(TOGGLED)).toMatchObject({ register_calls_72h: change, deregister_calls_72h: change });
      // An idle number plans no change: the counts only move with a call or the window.
      await ws.expect(['plan', '-detailed-exitcode'], 0);
      await emulator.admin.advanceClock(60_000);
    }
    const availableAt = attributes(TOGGLED).quota_available_at as string;
    expect(Date.parse(availableAt) - first).toBeGreaterThan(72 * H - 120_000);
    expect(Date.parse(availableAt) - first).toBeLessThan(72 * H + 120_000);

    // The 11th change: an error at plan, naming when it becomes possible, and no write at all.
    ws.write('main.tf', config(emulator.url, { [TOGGLED]: 'DE' }));
    await emulator.admin.clearCalls();
    const blocked = await ws.expect(['plan'], 1);
    expect(flat(blocked)).toContain(`possible again at ${availableAt}`);
    expect(flat(await ws.expect(['apply', '-auto-approve'], 1))).toContain(`possible again at ${availableAt}`);
    expect(await posts()).toEqual([]);

    // The ledger is private state: in the file, through pull and push.
    const pulled = JSON.parse((await ws.expect(['state', 'pull'])).stdout) as EngineState;
    const instance = pulled.resources.find((r) => r.name === `n${TOGGLED}`)!.instances[0];
    const ledger = JSON.parse(Buffer.from(instance.private ?? '', 'base64').toString('utf8')) as { quota_calls: unknown[] };
    expect(ledger.quota_calls).toHaveLength(20);
    ws.remove('terraform.tfstate');
    ws.remove('terraform.tfstate.backup');
    ws.write('pulled.tfstate', JSON.stringify(pulled));
    await ws.expect(['state', 'push', 'pulled.tfstate']);
    expect(flat(await ws.expect(['plan'], 1))).toContain(`possible again at ${availableAt}`);

    // A state written with schema version 2 (no quota attributes): the engine upgrades it and keeps the private state.
    for (const name of ['register_calls_72h', 'deregister_calls_72h', 'quota_available_at']) delete instance.attributes[name];
    instance.schema_version = 2;
    pulled.serial += 10;
    ws.write('v2.tfstate', JSON.stringify(pulled));
    await ws.expect(['state', 'push', '-force', 'v2.tfstate']);
    expect(flat(await ws.expect(['plan'], 1))).toContain(`possible again at ${availableAt}`);
    expect(await posts()).toEqual([]);

    // Past the window the change goes through.
    await emulator.admin.setClock(Date.parse(availableAt) + 1000);
    const freed = await ws.expect(['apply', '-auto-approve']);
    expect(flat(freed)).toMatch(/Quota: (1 deregister \+ 1 register; )?0 \+ 0 of 10 left in 72 h/);
    expect((await posts()).map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'register']);
    expect(attributes(TOGGLED)).toMatchObject({ register_calls_72h: 10, deregister_calls_72h: 10 });
  });

  test('a number whose ledger holds 10 registers is never deregistered', async () => {
    await emulator.admin.reset();
    const other = new EngineWorkspace(engine);
    try {
      other.write('main.tf', config(emulator.url, { [SPENT_REGISTERS]: 'BR' }));
      await other.expect(['init']);
      await other.expect(['apply', '-auto-approve']);
      // The state of an earlier pipeline run: the 10 registers the emulator was seeded with.
      const pulled = JSON.parse((await other.expect(['state', 'pull'])).stdout) as EngineState;
      const quota_calls = registerTimes.map((at) => ({ op: 'register', at, outcome: 'ok' }));
      pulled.resources[0].instances[0].private = Buffer.from(JSON.stringify({ quota_calls })).toString('base64');
      pulled.serial += 1;
      other.write('earlier.tfstate', JSON.stringify(pulled));
      await other.expect(['state', 'push', 'earlier.tfstate']);

      other.write('main.tf', config(emulator.url, { [SPENT_REGISTERS]: 'DE' }));
      await emulator.admin.clearCalls();
      const expected = `possible again at ${new Date(Date.parse(registerTimes[0]) + 72 * H).toISOString().replace('.000Z', 'Z')}`;
      expect(flat(await other.expect(['plan'], 1))).toContain(expected);
      expect(flat(await other.expect(['apply', '-auto-approve'], 1))).toContain(expected);
      expect((await posts()).filter((c) => c.phoneNumberId === SPENT_REGISTERS)).toEqual([]);
      const state = await emulator.admin.state();
      expect(state.phone_numbers.find((p) => p.id === SPENT_REGISTERS)).toMatchObject({ registered: true });
    } finally {
      other.dispose();
    }
  });

  test('a 133016 from Meta (deregisters spent elsewhere) is recorded: the number stays online, plan then refuses with the same time', async () => {
    await emulator.admin.reset();
    const other = new EngineWorkspace(engine);
    try {
      other.write('main.tf', config(emulator.url, { [SPENT_ELSEWHERE]: 'BR' }));
      await other.expect(['init']);
      await other.expect(['apply', '-auto-approve']);
      other.write('main.tf', config(emulator.url, { [SPENT_ELSEWHERE]: 'DE' }));
      const failed = await other.expect(['apply', '-auto-approve'], 1);
      const when = /Possible again at (\S+Z)\./.exec(flat(failed))?.[1];
      expect(when).toBeDefined();
      const attrs = other.state().resources[0].instances[0].attributes;
      expect(attrs).toMatchObject({
        registered: true,
        data_localization_region: 'BR',
        deregister_calls_72h: 10,
        register_calls_72h: 0,
        quota_available_at: when,
      });
      await emulator.admin.clearCalls();
      expect(flat(await other.expect(['plan'], 1))).toContain(`possible again at ${when}`);
      expect(await posts()).toEqual([]);
    } finally {
      other.dispose();
    }
  });
});
