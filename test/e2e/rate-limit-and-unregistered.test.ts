/**
 * Under real engines against the emulator: a rate-limited write is read before
 * anything is sent again, and an unregistered number is never sent a deregister.
 */
import { defaultSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, requiredEngines } from './harness';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';

const LIVE_NUMBER = '106540352242922'; // registered, storage disabled, PIN 123456
const env = { TF_VAR_pin: '123456' };

jest.setTimeout(240_000);

const config = (url: string) =>
  providerBlock({ baseUrl: url, apiVersion: DEFAULT_API_VERSION }) +
  `
variable "pin" {
  type      = string
  sensitive = true
}

resource "whatsapp_local_storage" "main" {
  phone_number_id          = "${LIVE_NUMBER}"
  data_localization_region = "BR"
  pin                      = var.pin
}
`;

describe.each(requiredEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: { ...defaultSeed(), clock: '2026-11-25T12:00:00Z' } });
    ws = new EngineWorkspace(engine);
    ws.write('main.tf', config(emulator.url));
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

  const posts = async () => (await emulator.admin.calls()).filter((c) => c.method === 'POST').map((c) => `${c.endpoint}:${c.status}`);

  test('register answered with the rate-limit shape (4/2446079, HTTP 429) after it took effect: the apply reads, finds the number registered, and sends no second register', async () => {
    await emulator.admin.injectFault({ endpoint: 'register', mode: 'rate_limited', applyFirst: true, phoneNumberId: LIVE_NUMBER });
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await posts()).toEqual(['deregister:200', 'settings:200', 'register:429']);
    const n = (await emulator.admin.state()).phone_numbers.find((p) => p.id === LIVE_NUMBER)!;
    expect(n).toMatchObject({ registered: true, storage_configuration: { data_localization_region: 'BR' } });
  });

  test('a number that is not registered gets settings and register, never a deregister', async () => {
    await emulator.admin.patchPhoneNumber(LIVE_NUMBER, { registered: false, status: 'DISCONNECTED', platform_type: 'NOT_APPLICABLE' });
    await ws.expect(['apply', '-auto-approve'], 0, env);
    expect(await posts()).toEqual(['settings:200', 'register:200']);
    expect((await emulator.admin.state()).phone_numbers.find((p) => p.id === LIVE_NUMBER)!.registered).toBe(true);
  });
});
