/**
 * Performance regression guards that are counts, not timings (timings live in bench/):
 * Graph requests per operation through a real engine (OpenTofu) and our provider build,
 * against the emulator's call log.
 */
import { generatedPhoneNumberId, generatedSeed, startEmulator, type CallLogEntry, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, requiredEngines } from '../e2e/harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

jest.setTimeout(180_000);

const tofu = requiredEngines().find((e) => e.name === 'tofu')!;
const TOKEN = 'perf-token';
const WABA = '300000000000001';
const N = 20;
const ids = Array.from({ length: N }, (_, i) => generatedPhoneNumberId(i));
const env = { TF_VAR_pin: '123456' };

const seed = () =>
  generatedSeed(N, {
    token: TOKEN,
    pin: '123456',
    wabaId: WABA,
    label: 'Perf',
    storage: (i) =>
      i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });

/** Regions per number; `first` overrides number 0's. */
function config(baseUrl: string, apiVersion: string, first?: string | null): string {
  const numbers = Object.fromEntries(ids.map((id, i) => [id, i % 2 ? 'BR' : null]));
  if (first !== undefined) numbers[ids[0]] = first;
  return (
    providerBlock({ baseUrl, token: TOKEN, apiVersion }) +
    `
variable "pin" {
  type      = string
  sensitive = true
}

locals {
  numbers = jsondecode(${JSON.stringify(JSON.stringify(numbers))})
}

resource "whatsapp_local_storage" "n" {
  for_each                 = local.numbers
  phone_number_id          = each.key
  data_localization_region = each.value
  storage_mode             = each.value == null ? "DEFAULT" : "IN_COUNTRY"
  pin                      = var.pin
}
`
  );
}

function counts(calls: CallLogEntry[]): { gets: number; writes: string[] } {
  return { gets: calls.filter((c) => c.method === 'GET').length, writes: calls.filter((c) => c.method !== 'GET').map((c) => c.endpoint) };
}

describe.each([FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION])(
  `request counts through ${tofu.name} ${tofu.version} on %s`,
  (apiVersion) => {
    let emulator: RunningEmulator;
    let ws: EngineWorkspace;

    beforeAll(async () => {
      // v20.0's legacy flow exists only on a date Meta still served it (before 2026-09-24).
      emulator = await startEmulator({
        port: 0,
        quiet: true,
        seed: { ...seed(), ...(apiVersion === LAST_REGISTER_VERSION ? { clock: '2026-09-01T00:00:00Z' } : {}) },
      });
      ws = new EngineWorkspace(tofu);
      ws.write('main.tf', config(emulator.url, apiVersion));
      await ws.expect(['init']);
    });

    afterAll(async () => {
      ws?.dispose();
      await emulator?.close();
    });

    const measure = async (args: string[], code = 0): Promise<{ gets: number; writes: string[] }> => {
      await emulator.admin.clearCalls();
      await ws.expect(args, code, env);
      return counts(await emulator.admin.calls());
    };

    test(`creating ${N} already-converged numbers writes nothing and reads each at most 3 times`, async () => {
      const c = await measure(['apply', '-auto-approve']);
      expect(c.writes).toEqual([]);
      // The engine plans a create twice (plan, then again at apply) and each plan reads the
      // number (there is no prior state to trust); converge reads once more before deciding.
      expect(c.gets).toBeLessThanOrEqual(6 * N);
    });

    test(`plan over ${N} converged numbers: at most 2 GETs per resource, no writes`, async () => {
      const c = await measure(['plan', '-detailed-exitcode']);
      expect(c.writes).toEqual([]);
      expect(c.gets).toBeLessThanOrEqual(2 * N);
    });

    test('apply with nothing to change: no writes, only the refresh reads', async () => {
      const c = await measure(['apply', '-auto-approve']);
      expect(c.writes).toEqual([]);
      expect(c.gets).toBeLessThanOrEqual(2 * N);
    });

    test(`a region change costs exactly ${apiVersion === FIRST_SETTINGS_VERSION ? 3 : 2} writes and a bounded number of reads`, async () => {
      ws.write('main.tf', config(emulator.url, apiVersion, 'IN'));
      const c = await measure(['apply', '-auto-approve']);
      expect(c.writes).toEqual(apiVersion === FIRST_SETTINGS_VERSION ? ['deregister', 'settings', 'register'] : ['deregister', 'register']);
      // refresh of every number (2 each) + the changed number's observe before and read-back after
      expect(c.gets).toBeLessThanOrEqual(2 * N + 4);
    });
  },
);
