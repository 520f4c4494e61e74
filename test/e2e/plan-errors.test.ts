/**
 * A plan fails when the apply would: under every engine present (OpenTofu 1.12.x, Terraform 1.5.7, a
 * differing Terraform on PATH), `plan -detailed-exitcode` exits 1, naming the resource or data source,
 * the number and the fix, for a number that does not exist, another business's number, a token the
 * API refuses and a base URL nothing listens on. The same for a number already in state (its refresh
 * fails; the state keeps it) and for both data sources.
 *
 * The second business lives in this file's seed (the default seed plus one WABA, its token and one
 * number), so the default seed stays what docs/emulator.md describes.
 */
import { createServer } from 'node:net';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import { defaultSeed, startEmulator, type EmulatorSeed, type RunningEmulator } from '../../src/emulator';
import { availableEngines, EngineWorkspace, REQUIRED_PROVIDERS_HCL, type RunResult } from './harness';

jest.setTimeout(300_000);

const DEMO_WABA = '102290129340398';
const IN_STATE = '179776755229976'; // registered, storage enabled in BR: applying BR writes nothing
const NEW_NUMBER = '106540352242922'; // registered, storage disabled
const NONEXISTENT = '999999999999999';
const OTHER_WABA = '300000000000077';
const OTHER_NUMBER = '300000000000078';
const OTHER_TOKEN = 'other-business-token';
const EXPIRED_TOKEN = 'expired-demo-token';
const PIN = '123456';

/** The default seed plus another business (its own WABA, token and number) and an expired token of the demo business. */
function twoBusinessSeed(): EmulatorSeed {
  const seed = defaultSeed();
  seed.tokens[OTHER_TOKEN] = { wabas: [OTHER_WABA] };
  seed.tokens[EXPIRED_TOKEN] = { wabas: [DEMO_WABA], expired: true };
  seed.wabas = [...(seed.wabas ?? []), { id: OTHER_WABA, name: 'Another business' }];
  seed.phone_numbers.push({
    id: OTHER_NUMBER,
    waba_id: OTHER_WABA,
    display_phone_number: '+44 20 7946 0000',
    verified_name: 'Another business',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    registered: true,
    pin: PIN,
    storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });
  return seed;
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Provider {
  baseUrl: string;
  token: string;
}

function providerHcl(p: Provider): string {
  return `${REQUIRED_PROVIDERS_HCL}
provider "whatsapp" {
  base_url     = "${p.baseUrl}"
  access_token = "${p.token}"
  api_version  = "${DEFAULT_API_VERSION}"
}

variable "pin" {
  type      = string
  sensitive = true
}
`;
}

const resourceHcl = (id: string) => `
resource "whatsapp_local_storage" "main" {
  phone_number_id          = "${id}"
  data_localization_region = "BR"
  pin                      = var.pin
}
`;

const dataSourcesHcl = (numberId: string, wabaId: string) => `
data "whatsapp_phone_number" "one" {
  phone_number_id = "${numberId}"
}

data "whatsapp_phone_numbers" "all" {
  waba_id = "${wabaId}"
}
`;

/** The engine's error blocks (-no-color): each from its "Error: " line to the next diagnostic. */
function errorBlocks(run: RunResult): string[] {
  const text = `${run.stdout}\n${run.stderr}`;
  return text
    .split(/\n(?=(?:Error|Warning): )/)
    .filter((b) => b.startsWith('Error: '))
    .map((b) => b.replace(/\s+/g, ' '));
}

/** The one error block about `address` (e.g. `whatsapp_local_storage.main`), which must carry every pattern. */
function expectError(run: RunResult, address: string, ...patterns: RegExp[]): void {
  const blocks = errorBlocks(run).filter((b) => b.includes(`with ${address},`));
  if (blocks.length !== 1) {
    throw new Error(`expected one error about ${address}, got ${blocks.length}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
  for (const p of patterns) expect(blocks[0]).toMatch(p);
}

describe.each(availableEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  /** An emulator that never had IN_STATE: the number was deleted since the last apply. */
  let afterDeletion: RunningEmulator;
  let unreachable: string;
  let ws: EngineWorkspace;
  const env = { TF_VAR_pin: PIN };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: twoBusinessSeed() });
    const seed = twoBusinessSeed();
    seed.phone_numbers = seed.phone_numbers.filter((n) => n.id !== IN_STATE);
    afterDeletion = await startEmulator({ port: 0, quiet: true, seed });
    unreachable = `http://127.0.0.1:${await closedPort()}`;
    ws = new EngineWorkspace(engine);
    ws.write('main.tf', providerHcl({ baseUrl: emulator.url, token: 'demo-token' }) + resourceHcl(IN_STATE));
    await ws.expect(['init']);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
    await afterDeletion?.close();
  });

  const good = (): Provider => ({ baseUrl: emulator.url, token: 'demo-token' });

  /** A new resource and both data sources in one configuration: every one of them fails on its own. */
  async function planNew(provider: Provider, numberId: string, wabaId: string): Promise<RunResult> {
    ws.remove('terraform.tfstate');
    ws.write('main.tf', providerHcl(provider) + resourceHcl(numberId) + dataSourcesHcl(numberId, wabaId));
    return ws.expect(['plan', '-detailed-exitcode'], 1, env);
  }

  /** A plan of the resource in state (just applied against the emulator) under `provider`. */
  async function planInState(provider: Provider): Promise<RunResult> {
    ws.write('main.tf', providerHcl(good()) + resourceHcl(IN_STATE));
    await ws.expect(['apply', '-auto-approve'], 0, env);
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
    ws.write('main.tf', providerHcl(provider) + resourceHcl(IN_STATE));
    return ws.expect(['plan', '-detailed-exitcode'], 1, env);
  }

  describe('a new resource and the data sources', () => {
    test('a number that does not exist', async () => {
      const plan = await planNew(good(), NONEXISTENT, '300000000000099');
      const notFound = new RegExp(`Phone number ${NONEXISTENT} not found or not visible to this token.*check phone_number_id`);
      expectError(plan, 'whatsapp_local_storage.main', notFound, /Nothing is planned for this number/);
      expectError(plan, 'data.whatsapp_phone_number.one', notFound);
      expectError(plan, 'data.whatsapp_phone_numbers.all', /WABA 300000000000099 not found or not visible to this token/);
      expect(plan.stdout).not.toMatch(/Plan: /);
    });

    test("another business's number (the token cannot see it)", async () => {
      const plan = await planNew(good(), OTHER_NUMBER, OTHER_WABA);
      const notVisible = new RegExp(`Phone number ${OTHER_NUMBER} not found or not visible to this token.*the token's business`);
      expectError(plan, 'whatsapp_local_storage.main', notVisible);
      expectError(plan, 'data.whatsapp_phone_number.one', notVisible);
      expectError(plan, 'data.whatsapp_phone_numbers.all', new RegExp(`WABA ${OTHER_WABA} not found or not visible to this token`));
      // Its owner's token reads it all: the failure is the token, not the number.
      const owner = providerHcl({ baseUrl: emulator.url, token: OTHER_TOKEN });
      ws.write('main.tf', owner + resourceHcl(OTHER_NUMBER) + dataSourcesHcl(OTHER_NUMBER, OTHER_WABA));
      await ws.expect(['plan', '-detailed-exitcode'], 2, env);
    });

    test.each([
      ['a token the API does not know', 'not-a-real-token'],
      ['an expired token', EXPIRED_TOKEN],
    ])('%s', async (_what, token) => {
      const plan = await planNew({ baseUrl: emulator.url, token }, NEW_NUMBER, DEMO_WABA);
      const refused = new RegExp(
        `Access token refused while reading phone number ${NEW_NUMBER} \\(provider access_token\\).*invalid or expired.*set access_token`,
      );
      expectError(plan, 'whatsapp_local_storage.main', refused);
      expectError(plan, 'data.whatsapp_phone_number.one', refused);
      expectError(plan, 'data.whatsapp_phone_numbers.all', /access_token/);
      expect(`${plan.stdout}${plan.stderr}`).not.toContain(token);
    });

    test('a number not on Cloud API (On-Premises), which the apply could not change', async () => {
      const onPremises = '106540352242926';
      await emulator.admin.patchPhoneNumber(onPremises, { platform_type: 'ON_PREMISE' });
      try {
        ws.remove('terraform.tfstate');
        ws.write('main.tf', providerHcl(good()) + resourceHcl(onPremises));
        const plan = await ws.expect(['plan', '-detailed-exitcode'], 1, env);
        const onPremisesError = new RegExp(`Number ${onPremises} runs on the On-Premises API.*Migrate the number to Cloud API first`);
        expectError(plan, 'whatsapp_local_storage.main', onPremisesError);
      } finally {
        await emulator.admin.patchPhoneNumber(onPremises, { platform_type: 'CLOUD_API' });
      }
    });

    test("a base URL nothing listens on (after the client's retries)", async () => {
      const started = Date.now();
      const plan = await planNew({ baseUrl: unreachable, token: 'demo-token' }, NEW_NUMBER, DEMO_WABA);
      const noAnswer = new RegExp(`Graph API gave no answer for phone number ${NEW_NUMBER}.*check base_url`);
      expectError(plan, 'whatsapp_local_storage.main', noAnswer, /ECONNREFUSED/);
      expectError(plan, 'data.whatsapp_phone_number.one', noAnswer);
      expectError(plan, 'data.whatsapp_phone_numbers.all', /ECONNREFUSED/);
      expect(Date.now() - started).toBeLessThan(60_000);
    });
  });

  describe('a resource in state: the refresh fails and the state keeps the number', () => {
    test('the number was deleted (the API no longer knows it)', async () => {
      const plan = await planInState({ baseUrl: afterDeletion.url, token: 'demo-token' });
      const kept = new RegExp(`Phone number ${IN_STATE} not found or not visible to this token.*The state is kept.*state rm`);
      expectError(plan, 'whatsapp_local_storage.main', kept);
    });

    test("the token lost access (another business's token), and a refresh-only apply keeps the number in state", async () => {
      const other = { baseUrl: emulator.url, token: OTHER_TOKEN };
      const plan = await planInState(other);
      expectError(plan, 'whatsapp_local_storage.main', new RegExp(`Phone number ${IN_STATE} not found or not visible to this token`));
      await ws.expect(['apply', '-refresh-only', '-auto-approve'], 1, env);
      const kept = ws.state().resources.find((r) => r.type === 'whatsapp_local_storage');
      expect(kept?.instances[0].attributes).toMatchObject({ phone_number_id: IN_STATE, data_localization_region: 'BR', registered: true });
    });

    test('a token the API does not know', async () => {
      const plan = await planInState({ baseUrl: emulator.url, token: 'not-a-real-token' });
      const refused = new RegExp(`Access token refused while reading phone number ${IN_STATE} \\(provider access_token\\)`);
      expectError(plan, 'whatsapp_local_storage.main', refused);
    });

    test('a base URL nothing listens on', async () => {
      const plan = await planInState({ baseUrl: unreachable, token: 'demo-token' });
      expectError(plan, 'whatsapp_local_storage.main', new RegExp(`Graph API gave no answer for phone number ${IN_STATE}.*check base_url`));
    });
  });
});
