/**
 * Under real engines against the emulator: what the data source says about the Graph
 * version, what a wrong two-step PIN costs with and without set_pin_before_deregister,
 * and a phone number status Meta does not document.
 */
import { defaultSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, requiredEngines } from './harness';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

const LIVE_NUMBER = '106540352242922'; // registered, storage disabled, PIN 123456
const WRONG_PIN = '654321';

jest.setTimeout(240_000);

function numberResource(pinVar: string, extra = ''): string {
  return `
variable "pin" {
  type      = string
  sensitive = true
}

resource "whatsapp_local_storage" "main" {
  phone_number_id          = "${LIVE_NUMBER}"
  data_localization_region = "${pinVar}"
  pin                      = var.pin
${extra}}
`;
}

async function number(emulator: RunningEmulator) {
  return (await emulator.admin.state()).phone_numbers.find((n) => n.id === LIVE_NUMBER)!;
}

describe.each(requiredEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    // v20.0 stopped on 2026-09-24: the emulator's date is after it.
    emulator = await startEmulator({ port: 0, quiet: true, seed: { ...defaultSeed(), clock: '2026-11-25T12:00:00Z' } });
    ws = new EngineWorkspace(engine);
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }));
    await ws.expect(['init']);
  });
  beforeEach(async () => {
    await emulator.admin.reset();
    ws.remove('terraform.tfstate');
  });
  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('data "whatsapp_phone_number" shows the configured version, the version that answered and its end date', async () => {
    ws.write(
      'main.tf',
      providerBlock({ baseUrl: emulator.url, apiVersion: LAST_REGISTER_VERSION }) +
        `
data "whatsapp_phone_number" "n" {
  phone_number_id = "${LIVE_NUMBER}"
}
output "configured" { value = data.whatsapp_phone_number.n.api_version }
output "effective" { value = data.whatsapp_phone_number.n.effective_api_version }
output "until" { value = data.whatsapp_phone_number.n.effective_api_version_available_until }
`,
    );
    await ws.expect(['apply', '-auto-approve']);
    const out = await ws.expect(['output', '-json']);
    const values = JSON.parse(out.stdout) as Record<string, { value: string }>;
    expect({ configured: values.configured.value, effective: values.effective.value, until: values.until.value }).toEqual({
      configured: LAST_REGISTER_VERSION,
      effective: FIRST_SETTINGS_VERSION,
      until: '2027-01-21',
    });
  });

  test('a wrong PIN without set_pin_before_deregister: the plan points to what it costs, the apply leaves the number offline (133005) until the right PIN is applied, and says so', async () => {
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }) + numberResource('BR'));
    const plan = await ws.expect(['plan'], 0, { TF_VAR_pin: WRONG_PIN });
    expect((plan.stdout + plan.stderr).replace(/\s+/g, ' ')).toMatch(
      /one number at a time(?: \([^.]*\))?\. Quota: [^.]*\. Why, PIN risk: "Downtime" in the resource docs/,
    );
    const failed = await ws.expect(['apply', '-auto-approve'], 1, { TF_VAR_pin: WRONG_PIN });
    const text = failed.stdout + failed.stderr;
    expect(text).toMatch(/NUMBER 106540352242922 IS NOT REGISTERED/);
    expect(text).toMatch(/133005/);
    expect(text.replace(/\s+/g, ' ')).toMatch(/set pin to the number's current two-step PIN/);
    expect(text).not.toContain(WRONG_PIN);
    expect((await number(emulator)).registered).toBe(false);
    // The right PIN brings it back.
    await ws.expect(['apply', '-auto-approve'], 0, { TF_VAR_pin: '123456' });
    expect(await number(emulator)).toMatchObject({
      registered: true,
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' },
    });
  });

  test('set_pin_before_deregister = true: the configured PIN is set on the live number first, so the apply succeeds and the number is registered with it', async () => {
    ws.write(
      'main.tf',
      providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }) +
        numberResource('BR', '  set_pin_before_deregister = true\n'),
    );
    const plan = await ws.expect(['plan'], 0, { TF_VAR_pin: WRONG_PIN });
    const said = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
    expect(said).toMatch(/one number at a time(?: \([^.]*\))?\. Quota: [^.]*\. Why: "Downtime" in the resource docs/);
    expect(said).not.toMatch(/PIN risk/);
    await emulator.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve'], 0, { TF_VAR_pin: WRONG_PIN });
    const posts = (await emulator.admin.calls()).filter((c) => c.method === 'POST').map((c) => c.endpoint);
    expect(posts).toEqual(['phone_number', 'deregister', 'settings', 'register']);
    expect(await number(emulator)).toMatchObject({
      registered: true,
      pin: WRONG_PIN,
      storage_configuration: { data_localization_region: 'BR' },
    });
  });

  test('a status Meta does not document (LINKED) is unknown: the plan refuses to change the number, naming the status', async () => {
    await emulator.admin.patchPhoneNumber(LIVE_NUMBER, { status: 'LINKED' });
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }) + numberResource('BR'));
    const plan = await ws.expect(['plan'], 1, { TF_VAR_pin: '123456' });
    // Engines wrap diagnostics to the terminal width.
    expect((plan.stdout + plan.stderr).replace(/\s+/g, ' ')).toMatch(/status "LINKED", which does not say whether it is registered/);
    expect((await emulator.admin.calls()).filter((c) => c.method === 'POST')).toEqual([]);
  });
});
