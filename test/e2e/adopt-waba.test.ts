/**
 * Adopting a whole WABA under every engine this machine has: examples/adopt-waba
 * (import blocks with for_each over whatsapp_phone_numbers) brings 50 numbers in
 * mixed states under management with no write and an empty second plan; the data
 * source pages through more than 100 numbers; another tenant's WABA fails with a
 * clear error and nothing else. Terraform 1.5.7 has no for_each on import blocks:
 * it runs the per-number import command the docs spell out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeed, generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { availableEngines, EngineWorkspace, providerBlock, repoRoot, versionAtLeast, type EngineOutputs } from './harness';

jest.setTimeout(300_000);

const TOKEN = 'fleet-token';
const FLEET_WABA = '300000000000001';
const BIG_WABA = '300000000000002';
const OTHER_TENANT_WABA = '102290129340398'; // the default seed's business: not granted to this token
const FLEET = 50;
const BIG = 120;
const REGIONS = ['DE', 'IN', 'BR', 'SG'];

/** Mixed fleet: storage in four regions or off, every 6th number unregistered, every 7th not verified. */
const storageOf = (i: number) =>
  i % 5 < REGIONS.length
    ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: REGIONS[i % 5] }
    : { status: 'IN_COUNTRY_STORAGE_DISABLED' };
const registeredOf = (i: number) => i % 6 !== 1;

function seed() {
  const fleet = generatedSeed(FLEET, {
    token: TOKEN,
    pin: '246810',
    wabaId: FLEET_WABA,
    label: 'Fleet',
    base: defaultSeed(),
    storage: storageOf,
    number: (i) => ({ registered: registeredOf(i), ...(i % 7 === 3 ? { code_verification_status: 'NOT_VERIFIED' } : {}) }),
  });
  const both = generatedSeed(BIG, { token: TOKEN, pin: '246810', wabaId: BIG_WABA, label: 'Big', base: fleet, firstIndex: FLEET });
  both.tokens = { [TOKEN]: { wabas: [FLEET_WABA, BIG_WABA] } };
  return both;
}

const engines = availableEngines();

describe.each(engines)('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const env = () => ({ TF_VAR_waba_id: FLEET_WABA, TF_VAR_access_token: TOKEN, TF_VAR_base_url: emulator.url });
  const posts = async () => (await emulator.admin.calls()).filter((c) => c.method === 'POST');
  const adopted = Array.from({ length: FLEET }, (_, i) => i).filter(registeredOf);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: seed() });
    ws = new EngineWorkspace(engine);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  if (versionAtLeast(engine, 1, 7)) {
    test(`examples/adopt-waba adopts the registered numbers of a ${FLEET}-number WABA in one apply with no write, then plans nothing`, async () => {
      for (const file of readdirSync(join(repoRoot, 'examples', 'adopt-waba')).filter((f) => f.endsWith('.tf'))) {
        ws.write(file, readFileSync(join(repoRoot, 'examples', 'adopt-waba', file), 'utf8'));
      }
      await ws.expect(['init']);
      await emulator.admin.clearCalls();
      const apply = await ws.expect(['apply', '-auto-approve'], 0, env());
      expect(apply.stdout).toContain(`Resources: ${adopted.length} imported, 0 added, 0 changed, 0 destroyed.`);
      expect(await posts()).toEqual([]);
      type Outputs = EngineOutputs<{ adopted: Record<string, { region: string | null; registered: boolean }>; not_adopted: string[] }>;
      const outputs = JSON.parse((await ws.expect(['output', '-json'], 0, env())).stdout) as Outputs;
      expect(Object.keys(outputs.adopted.value).sort()).toEqual(adopted.map(generatedPhoneNumberId).sort());
      expect(outputs.adopted.value[generatedPhoneNumberId(2)]).toEqual({ region: 'BR', registered: true });
      expect(outputs.adopted.value[generatedPhoneNumberId(4)]).toEqual({ region: null, registered: true });
      expect(outputs.not_adopted.value).toEqual(
        Array.from({ length: FLEET }, (_, i) => i)
          .filter((i) => !registeredOf(i))
          .map(generatedPhoneNumberId),
      );
      await ws.expect(['plan', '-detailed-exitcode'], 0, env());
      expect(await posts()).toEqual([]);
    });
  } else {
    test('the per-number import command the docs give for engines without for_each on import adopts with no write', async () => {
      const ids = [0, 2, 4].map(generatedPhoneNumberId);
      ws.write(
        'main.tf',
        `${providerBlock({ baseUrl: emulator.url, token: TOKEN })}
resource "whatsapp_local_storage" "fleet" {
  for_each = {
    "${ids[0]}" = { mode = "IN_COUNTRY", region = "DE" }
    "${ids[1]}" = { mode = "IN_COUNTRY", region = "BR" }
    "${ids[2]}" = { mode = "DEFAULT", region = null }
  }
  phone_number_id          = each.key
  storage_mode             = each.value.mode
  data_localization_region = each.value.region
}
`,
      );
      await ws.expect(['init']);
      await emulator.admin.clearCalls();
      for (const id of ids) await ws.expect(['import', `whatsapp_local_storage.fleet["${id}"]`, id]);
      await ws.expect(['plan', '-detailed-exitcode'], 0);
      expect(await posts()).toEqual([]);
    });
  }

  test(`whatsapp_phone_numbers lists all ${BIG} numbers of a WABA across pages`, async () => {
    const big = new EngineWorkspace(engine);
    try {
      big.write(
        'main.tf',
        `${providerBlock({ baseUrl: emulator.url, token: TOKEN })}
data "whatsapp_phone_numbers" "big" {
  waba_id = "${BIG_WABA}"
}
output "count" {
  value = length(data.whatsapp_phone_numbers.big.ids)
}
output "last" {
  value = data.whatsapp_phone_numbers.big.phone_numbers[${BIG - 1}].verified_name
}
`,
      );
      await big.expect(['init']);
      await emulator.admin.clearCalls();
      await big.expect(['apply', '-auto-approve']);
      const outputs = JSON.parse((await big.expect(['output', '-json'])).stdout) as EngineOutputs<{ count: number; last: string }>;
      expect(outputs.count.value).toBe(BIG);
      expect(outputs.last.value).toBe(`Big ${FLEET + BIG - 1}`);
      const listings = (await emulator.admin.calls()).filter((c) => c.endpoint === 'phone_numbers');
      expect(listings.length).toBeGreaterThanOrEqual(2);
    } finally {
      big.dispose();
    }
  });

  test("another tenant's WABA: a clear error at waba_id, and no other call", async () => {
    const other = new EngineWorkspace(engine);
    try {
      other.write(
        'main.tf',
        `${providerBlock({ baseUrl: emulator.url, token: TOKEN })}
data "whatsapp_phone_numbers" "theirs" {
  waba_id         = "${OTHER_TENANT_WABA}"
  include_storage = true
}
`,
      );
      await other.expect(['init']);
      await emulator.admin.clearCalls();
      const plan = await other.run(['plan']);
      expect(plan.code).toBe(1);
      const text = plan.stderr.replace(/\s+/g, ' ');
      expect(text).toContain(`WABA ${OTHER_TENANT_WABA} not found or not visible to this token`);
      expect(text).toContain('this token cannot see it');
      expect(text).not.toContain(TOKEN);
      const calls = await emulator.admin.calls();
      expect(calls.map((c) => `${c.method} ${c.endpoint}`)).toEqual(['GET phone_numbers']);
    } finally {
      other.dispose();
    }
  });
});

test('the suite names the engines it ran with', () => {
  // Printed once so a log shows which engines these scenarios covered (an absent PATH Terraform is reported by setup-engines).
  process.stdout.write(`adopt-waba e2e engines: ${engines.map((e) => `${e.name} ${e.version}`).join(', ')}\n`);
  expect(engines.map((e) => e.name)).toEqual(expect.arrayContaining(['tofu', 'terraform']));
});
