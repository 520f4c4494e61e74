/**
 * No Storage in every transition, over real HTTP against the emulator: from and
 * to each of the three storage modes, for a registered and an unregistered
 * number, on the settings flow (v21.0) and the legacy register flow (v20.0, on
 * an emulator date when v20.0 is still served). Each case asserts the exact
 * writes and their parameters, the truth afterwards, and the residency change
 * the plan reports. Then recovery: it never weakens residency on its own.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { StorageConfiguration } from '../../src/emulator/types';
import type { StorageTarget } from '../../src/engine/storage-modes';
import { expectTruthful, makeEngine, NUM_DISABLED, PIN, postCalls, startTestEmulator, truth } from './emulator-harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

/** A day v20.0 is still usable (Meta ends it on 2026-09-24). */
const BEFORE_V20_END = Date.parse('2026-06-01T12:00:00Z');

type Mode = 'BR' | 'DE' | 'DEFAULT' | 'NO_STORAGE';
const FROM: Mode[] = ['BR', 'DEFAULT', 'NO_STORAGE'];
const TO: Mode[] = ['DE', 'BR', 'DEFAULT', 'NO_STORAGE'];

const stored = (m: Mode): StorageConfiguration =>
  m === 'DEFAULT'
    ? { status: 'DEFAULT' }
    : m === 'NO_STORAGE'
      ? { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 }
      : { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: m };
const target = (m: Mode): StorageTarget =>
  m === 'DEFAULT'
    ? { mode: 'DEFAULT' }
    : m === 'NO_STORAGE'
      ? { mode: 'NO_STORAGE', retentionMinutes: 60 }
      : { mode: 'IN_COUNTRY', region: m };
const read = (m: Mode) =>
  m === 'DEFAULT'
    ? { status: 'DEFAULT' }
    : m === 'NO_STORAGE'
      ? { status: 'NO_STORAGE_ENABLED' }
      : { status: 'IN_COUNTRY_STORAGE_ENABLED', region: m };
const STRENGTH: Record<string, number> = { NO_STORAGE: 3, BR: 2, DE: 2, DEFAULT: 1 };
function residency(from: Mode, to: Mode): 'weakens' | 'moves' | undefined {
  if (from === to) return undefined;
  if (STRENGTH[to] < STRENGTH[from]) return 'weakens';
  if (STRENGTH[to] === 2 && STRENGTH[from] === 2) return 'moves';
  return undefined;
}

const cases = [FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION].flatMap((apiVersion) =>
  [true, false].flatMap((registered) =>
    FROM.flatMap((from) =>
      TO.filter((to) => from === 'NO_STORAGE' || to === 'NO_STORAGE').map((to) => ({ apiVersion, registered, from, to })),
    ),
  ),
);

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe.each(cases)('$apiVersion, registered=$registered: $from -> $to', ({ apiVersion, registered, from, to }) => {
  test('exact writes, the truth afterwards, and the residency change', async () => {
    await emu.admin.reset();
    if (apiVersion === LAST_REGISTER_VERSION) await emu.admin.setClock(BEFORE_V20_END);
    await emu.admin.patchPhoneNumber(NUM_DISABLED, {
      registered,
      status: registered ? 'CONNECTED' : 'DISCONNECTED',
      platform_type: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
      storage_configuration: stored(from),
    });
    await emu.admin.clearCalls();
    const engine = makeEngine(emu, { apiVersion });
    try {
      const result = await engine.converge(NUM_DISABLED, { storage: target(to) }, { pin: PIN });
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      const same = from === to;
      const writes = (await postCalls(emu, NUM_DISABLED)).map((c) => ({ endpoint: c.endpoint, params: c.params }));
      const reg = (extra: Record<string, unknown> = {}) => ({
        endpoint: 'register',
        params: { messaging_product: 'whatsapp', pin: '***', ...extra },
      });
      const legacyStorage =
        to === 'NO_STORAGE' ? { meta_store_retention_minutes: 60 } : to === 'DEFAULT' ? {} : { data_localization_region: to };
      const settingsBody = { storage_configuration: stored(to === 'DEFAULT' ? 'DEFAULT' : to) };
      if (to === 'DEFAULT') settingsBody.storage_configuration = { status: 'IN_COUNTRY_STORAGE_DISABLED' };
      let expected: Array<{ endpoint: string; params: unknown }>;
      if (apiVersion === FIRST_SETTINGS_VERSION) {
        if (registered)
          expected = same ? [] : [{ endpoint: 'deregister', params: {} }, { endpoint: 'settings', params: settingsBody }, reg()];
        else expected = same ? [reg()] : [{ endpoint: 'settings', params: settingsBody }, reg()];
      } else {
        expected = registered && same ? [] : [...(registered ? [{ endpoint: 'deregister', params: {} }] : []), reg(legacyStorage)];
      }
      expect(writes).toEqual(expected);
      expect(await truth(emu, NUM_DISABLED)).toEqual({ registered: true, ...read(to) });
      await expectTruthful(emu, result);
      if (to === 'NO_STORAGE') expect(result.observed.storage.retentionMinutes).toBe(60);
      expect(result.plan?.residency?.kind).toBe(residency(from, to));
      if (result.plan?.residency) expect(result.plan.explanation).toMatch(/Data residency (weakens|moves): from .+ to .+\./);
    } finally {
      engine.close();
    }
  });
});

describe('recovery never weakens residency on its own', () => {
  const invalid = { code: 100, http_status: 400, message: 'Invalid parameter' };

  beforeEach(async () => {
    await emu.admin.reset();
    await emu.admin.clearFaults();
    await emu.admin.patchPhoneNumber(NUM_DISABLED, { storage_configuration: stored('NO_STORAGE') });
    await emu.admin.clearCalls();
  });

  test(`${FIRST_SETTINGS_VERSION}: No Storage -> DE fails at the settings write: No Storage is restored before registering`, async () => {
    await emu.admin.injectFault({ endpoint: 'settings', method: 'POST', phoneNumberId: NUM_DISABLED, mode: 'error', error: invalid });
    const engine = makeEngine(emu);
    try {
      const result = await engine.converge(NUM_DISABLED, { storage: target('DE') }, { pin: PIN });
      expect(result.ok).toBe(false);
      expect(result.recovered).toBe(true);
      expect((await postCalls(emu, NUM_DISABLED)).map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'settings', 'register']);
      expect((await postCalls(emu, NUM_DISABLED))[2].params).toEqual({
        storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 },
      });
      expect(await truth(emu, NUM_DISABLED)).toEqual({ registered: true, status: 'NO_STORAGE_ENABLED' });
      expect(result.error?.message).toMatch(
        /re-registered with No Storage \(NO_STORAGE_ENABLED, retention 60 minutes\) \(its previous configuration\)/,
      );
    } finally {
      engine.close();
    }
  });

  test(`${FIRST_SETTINGS_VERSION}: when restoring No Storage fails too, the number stays unregistered rather than in default storage`, async () => {
    await emu.admin.injectFault({
      endpoint: 'settings',
      method: 'POST',
      phoneNumberId: NUM_DISABLED,
      mode: 'error',
      error: invalid,
      times: 2,
    });
    const engine = makeEngine(emu);
    try {
      const result = await engine.converge(NUM_DISABLED, { storage: target('DE') }, { pin: PIN });
      expect(result.ok).toBe(false);
      expect((await postCalls(emu, NUM_DISABLED)).map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'settings']);
      expect(await truth(emu, NUM_DISABLED)).toEqual({ registered: false, status: 'DEFAULT' });
      expect(result.error?.message).toMatch(/IS NOT REGISTERED/);
      expect(result.error?.message).toMatch(/restoring the previous configuration \(No Storage \(60 minutes in transit\)\) failed/);
    } finally {
      engine.close();
    }
  });

  test(`${LAST_REGISTER_VERSION}: No Storage -> DE fails at register: re-registered with meta_store_retention_minutes, never without`, async () => {
    await emu.admin.setClock(BEFORE_V20_END);
    await emu.admin.injectFault({ endpoint: 'register', phoneNumberId: NUM_DISABLED, mode: 'error', error: invalid });
    const engine = makeEngine(emu, { apiVersion: LAST_REGISTER_VERSION });
    try {
      const result = await engine.converge(NUM_DISABLED, { storage: target('DE') }, { pin: PIN });
      expect(result.ok).toBe(false);
      expect(result.recovered).toBe(true);
      const calls = await postCalls(emu, NUM_DISABLED);
      expect(calls.map((c) => c.endpoint)).toEqual(['deregister', 'register', 'register']);
      expect(calls[2].params).toEqual({ messaging_product: 'whatsapp', pin: '***', meta_store_retention_minutes: 60 });
      expect(await truth(emu, NUM_DISABLED)).toEqual({ registered: true, status: 'NO_STORAGE_ENABLED' });
    } finally {
      engine.close();
    }
  });

  test('a retention Meta does not accept is refused before anything changes, naming the accepted values', async () => {
    const engine = makeEngine(emu);
    try {
      const result = await engine.converge(NUM_DISABLED, { storage: { mode: 'NO_STORAGE', retentionMinutes: 1440 } }, { pin: PIN });
      expect(result.ok).toBe(false);
      expect(result.error).toMatchObject({ field: 'retentionMinutes', retryable: false });
      expect(result.error?.message).toMatch(/retentions Meta accepts for No Storage: 60/);
      expect(await postCalls(emu, NUM_DISABLED)).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
