/**
 * Rolling changes under both engines: a region change over 20 numbers applied with
 * -parallelism=10 never has more than max_numbers_offline numbers between their
 * deregister and their register (default 1, then 3), measured from the emulator's
 * call log, and every number ends registered in its declared region. The plan says how
 * the change is rolled out and what it costs of Meta's quota.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import type { CallLogEntry } from '../../src/emulator/types';
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, requiredEngines } from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(600_000);

const TOKEN = 'rollout-token';
const PIN = '246810';
const COUNT = 20;
const LATENCY_MS = 40;
const ids = Array.from({ length: COUNT }, (_, i) => generatedPhoneNumberId(i));

function config(url: string, region: string, maxOffline?: number): string {
  return `${REQUIRED_PROVIDERS_HCL}
provider "whatsapp" {
  base_url     = "${url}"
  access_token = "${TOKEN}"
  api_version  = "${FIRST_SETTINGS_VERSION}"${maxOffline !== undefined ? `\n  max_numbers_offline = ${maxOffline}` : ''}
}

resource "whatsapp_local_storage" "fleet" {
  for_each                 = toset(${JSON.stringify(ids)})
  phone_number_id          = each.key
  data_localization_region = "${region}"
  pin                      = "${PIN}"
}
`;
}

/** Offline stretches from the call log: a deregister's arrival to its register's answer, per number. */
function offlineStretches(calls: CallLogEntry[]): Array<{ id: string; from: number; to: number }> {
  const out: Array<{ id: string; from: number; to: number }> = [];
  for (const id of ids) {
    const own = calls.filter((c) => c.phoneNumberId === id && c.method === 'POST' && c.status === 200);
    const dereg = own.find((c) => c.endpoint === 'deregister');
    const reg = own.filter((c) => c.endpoint === 'register').at(-1);
    if (!dereg || !reg)
      throw new Error(`number ${id} has no deregister/register pair in the call log: ${own.map((c) => c.endpoint).join(', ')}`);
    out.push({ id, from: dereg.receivedAt, to: reg.finishedAt });
  }
  return out;
}

/** The most stretches open at one moment (an end and a start at the same millisecond do not overlap). */
function maxOverlap(stretches: Array<{ from: number; to: number }>): number {
  const events = stretches
    .flatMap((s) => [
      { at: s.from, d: 1 },
      { at: s.to, d: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.d - b.d);
  let open = 0;
  let most = 0;
  for (const e of events) {
    open += e.d;
    most = Math.max(most, open);
  }
  return most;
}

describe.each(requiredEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let seedDir: string;

  beforeAll(async () => {
    seedDir = mkdtempSync(join(tmpdir(), 'wls-rolling-seed-'));
    const seedFile = join(seedDir, 'seed.json');
    const seed = generatedSeed(COUNT, {
      token: TOKEN,
      pin: PIN,
      storage: () => ({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' }),
    });
    writeFileSync(seedFile, JSON.stringify(seed, null, 2));
    emulator = await startEmulator({ port: 0, quiet: true, seed: seedFile, latencyMs: LATENCY_MS });
  });

  afterAll(async () => {
    await emulator?.close();
    if (seedDir) rmSync(seedDir, { recursive: true, force: true });
  });

  for (const [maxOffline, label] of [
    [undefined, 'the default (1)'],
    [3, 'max_numbers_offline = 3'],
  ] as const) {
    test(`a region change over ${COUNT} numbers with -parallelism=10 keeps at most ${maxOffline ?? 1} offline at once (${label})`, async () => {
      await emulator.admin.reset();
      await emulator.admin.setLatency(LATENCY_MS);
      const ws = new EngineWorkspace(engine);
      try {
        ws.write('main.tf', config(emulator.url, 'DE', maxOffline));
        await ws.expect(['init']);
        await ws.expect(['apply', '-auto-approve']);

        ws.write('main.tf', config(emulator.url, 'BR', maxOffline));
        const plan = await ws.expect(['plan', '-detailed-exitcode'], 2);
        const text = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
        expect(text).toMatch(
          new RegExp(`offline (~\\d+\\.\\d s|under 0\\.1 s), ${maxOffline === undefined ? 'one number' : '3 numbers'} at a time[ .]`),
        );
        // The steps name the calls when they fit in the note; otherwise the quota does.
        expect(text).toMatch(/Quota: (1 deregister \+ 1 register; )?9 \+ 9 of 10 left in 72 h/);

        await emulator.admin.clearCalls();
        const started = Date.now();
        await ws.expect(['apply', '-auto-approve', '-parallelism=10']);
        const seconds = (Date.now() - started) / 1000;

        const stretches = offlineStretches(await emulator.admin.calls());
        const overlap = maxOverlap(stretches);
        const rollout = (Math.max(...stretches.map((s) => s.to)) - Math.min(...stretches.map((s) => s.from))) / 1000;
        process.stdout.write(
          `${engine.name} ${engine.version}, max_numbers_offline ${maxOffline ?? 1}: at most ${overlap} offline at once; rollout ${rollout.toFixed(2)} s (apply ${seconds.toFixed(1)} s)\n`,
        );
        expect(overlap).toBe(maxOffline ?? 1);

        const state = await emulator.admin.state();
        for (const id of ids) {
          const n = state.phone_numbers.find((p) => p.id === id)!;
          expect({ id, registered: n.registered, storage: n.storage_configuration }).toEqual({
            id,
            registered: true,
            storage: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' },
          });
        }
        const instances = ws.state().resources.find((r) => r.type === 'whatsapp_local_storage')!.instances;
        const quota = instances.map((i) => `${String(i.attributes.register_calls_72h)}/${String(i.attributes.deregister_calls_72h)}`);
        expect(new Set(quota)).toEqual(new Set(['1/1']));
        await ws.expect(['plan', '-detailed-exitcode'], 0);
      } finally {
        ws.dispose();
      }
    });
  }
});
