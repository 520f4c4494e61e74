/**
 * A register refused as an incomplete deregistration (Graph 133000) against the
 * emulator: the engine deregisters again, and since deregistering may reset
 * storage to DEFAULT it re-establishes the storage before registering (v21+:
 * the settings are written again; v20 and older: the register carries the
 * region). Each case asserts the calls in the emulator's log, the final state,
 * and, replaying the log, that no register was ever sent while the number's
 * storage was DEFAULT (US) -- under both of the emulator's deregister behaviours.
 */
import { expect } from '@jest/globals';
import type { CallLogEntry, FaultSpec, RunningEmulator } from '../../src/emulator';
import {
  collector,
  expectNoSecrets,
  expectTruthful,
  makeEngine,
  NUM_BR,
  PIN,
  postCalls,
  emulatorForFile,
  truth,
  writes,
} from './emulator-harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

const INCOMPLETE: Omit<FaultSpec, 'phoneNumberId'> = { endpoint: 'register', mode: 'error', error: { code: 133000, http_status: 500 } };
const REFUSED = { code: 100, http_status: 400, message: 'Invalid parameter' };
const SETTINGS_REFUSED: Omit<FaultSpec, 'phoneNumberId'> = { endpoint: 'settings', method: 'POST', mode: 'error', error: REFUSED };
const IN = { registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' };
const BR = { registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' };
const OFFLINE_DEFAULT = { registered: false, status: 'DEFAULT' };
/** v20.0 is served until 2026-09-24 (Meta's version schedule): the legacy cases run on a date it still is. */
const LEGACY_DATE = Date.UTC(2026, 8, 1);

interface Case {
  name: string;
  apiVersion: string;
  /** The number starts unregistered with storage already in BR (the plan is a single register). */
  startUnregistered?: boolean;
  declared: 'IN' | 'BR';
  faults: Omit<FaultSpec, 'phoneNumberId'>[];
  ok: boolean;
  recovered?: boolean;
  writes: string[];
  /** Of the calls answered normally (a faulted call's parameters are not logged): v21+ the region of each settings write, v20 the region each register carried. */
  regions: (string | undefined)[];
  end: { registered: boolean; status: string; region?: string };
  message?: RegExp;
  /**
   * Only where deregistering resets storage: when the region survives it, the failed
   * write is read back as already in effect and the register goes ahead (as it should).
   */
  onlyWhenReset?: boolean;
}

const CASES: Case[] = [
  {
    name: 'v21: the settings are written again after the second deregister, then registered in IN',
    apiVersion: FIRST_SETTINGS_VERSION,
    declared: 'IN',
    faults: [INCOMPLETE],
    ok: true,
    writes: ['deregister', 'settings', 'register', 'deregister', 'settings', 'register'],
    regions: ['IN', 'IN'],
    end: IN,
  },
  {
    name: 'v21, number unregistered with BR already set: BR is written before the register that follows the deregister',
    apiVersion: FIRST_SETTINGS_VERSION,
    startUnregistered: true,
    declared: 'BR',
    faults: [INCOMPLETE],
    ok: true,
    writes: ['register', 'deregister', 'settings', 'register'],
    regions: ['BR'],
    end: BR,
  },
  {
    name: 'v21, writing the storage again fails: left unregistered with a loud error, never registered in DEFAULT',
    apiVersion: FIRST_SETTINGS_VERSION,
    startUnregistered: true,
    declared: 'BR',
    faults: [INCOMPLETE, SETTINGS_REFUSED],
    ok: false,
    writes: ['register', 'deregister', 'settings'],
    regions: [],
    end: OFFLINE_DEFAULT,
    onlyWhenReset: true,
    message: /incomplete deregistration and the number was deregistered again.*writing local storage in BR again failed.*NOT registered/,
  },
  {
    name: 'v21, writing IN again fails after the plan deregistered: recovery restores the previous BR and registers',
    apiVersion: FIRST_SETTINGS_VERSION,
    declared: 'IN',
    faults: [INCOMPLETE, { ...SETTINGS_REFUSED, skip: 1 }],
    ok: false,
    recovered: true,
    writes: ['deregister', 'settings', 'register', 'deregister', 'settings', 'settings', 'register'],
    regions: ['IN', 'BR'],
    end: BR,
    onlyWhenReset: true,
    message: /writing local storage in IN again failed.*re-registered with local storage in BR \(its previous configuration\)/,
  },
  {
    name: 'v21, writing IN again and restoring BR both fail: NUMBER IS NOT REGISTERED, never registered in DEFAULT',
    apiVersion: FIRST_SETTINGS_VERSION,
    declared: 'IN',
    faults: [INCOMPLETE, { ...SETTINGS_REFUSED, skip: 1, times: 2 }],
    ok: false,
    recovered: false,
    writes: ['deregister', 'settings', 'register', 'deregister', 'settings', 'settings'],
    regions: ['IN'],
    end: OFFLINE_DEFAULT,
    onlyWhenReset: true,
    message: /IS NOT REGISTERED.*restoring the previous configuration \(local storage in BR\) failed/,
  },
  {
    name: "v21, recovery's own register meets 133000: the restored BR is written again before it registers",
    apiVersion: FIRST_SETTINGS_VERSION,
    declared: 'IN',
    faults: [{ endpoint: 'register', mode: 'error', error: REFUSED }, INCOMPLETE],
    ok: false,
    recovered: true,
    writes: ['deregister', 'settings', 'register', 'settings', 'register', 'deregister', 'settings', 'register'],
    regions: ['IN', 'BR', 'BR'],
    end: BR,
    message: /re-registered with local storage in BR/,
  },
  {
    name: 'v20 (legacy): the register after the second deregister carries data_localization_region IN',
    apiVersion: LAST_REGISTER_VERSION,
    declared: 'IN',
    faults: [INCOMPLETE],
    ok: true,
    writes: ['deregister', 'register', 'deregister', 'register'],
    regions: ['IN'],
    end: IN,
  },
];

let emu: RunningEmulator;
// Each scenario resets the emulator itself, after its own set-up.
const closeAfterTest = emulatorForFile((started) => (emu = started), { resetBeforeEach: false });

/**
 * Replays the call log: the storage (region or DEFAULT) the number had when each
 * register was sent (v21+), or that each register answered normally brought
 * online (v20: it carries the region; a faulted call's parameters are not logged).
 */
function storageAtEachRegister(calls: CallLogEntry[], start: string, clears: boolean, legacy: boolean): string[] {
  let storage = start;
  const seen: string[] = [];
  for (const call of calls) {
    const applied = call.status === 200;
    if (call.endpoint === 'deregister' && applied && clears) storage = 'DEFAULT';
    if (call.endpoint === 'settings' && applied) {
      storage = (call.params.storage_configuration as { data_localization_region?: string }).data_localization_region ?? 'DEFAULT';
    }
    if (call.endpoint === 'register' && !legacy) seen.push(storage);
    if (call.endpoint === 'register' && legacy && applied)
      seen.push((call.params.data_localization_region as string | undefined) ?? 'DEFAULT');
  }
  return seen;
}

const ROWS = CASES.flatMap((c) =>
  (c.onlyWhenReset ? [true] : [true, false]).map(
    (clears) => [`${c.name} (deregister ${clears ? 'resets storage to DEFAULT' : 'keeps the region'})`, c, clears] as const,
  ),
);

test.each(ROWS)('%s', async (_name, c, clears) => {
  await emu.admin.reset();
  await emu.admin.setOptions({ deregister_clears_storage: clears });
  if (c.apiVersion === LAST_REGISTER_VERSION) await emu.admin.setClock(LEGACY_DATE);
  if (c.startUnregistered)
    await emu.admin.patchPhoneNumber(NUM_BR, { registered: false, status: 'DISCONNECTED', platform_type: 'NOT_APPLICABLE' });
  for (const fault of c.faults) await emu.admin.injectFault({ ...fault, phoneNumberId: NUM_BR });
  const engine = makeEngine(emu, { apiVersion: c.apiVersion, timeoutMs: 300 });
  closeAfterTest(engine);
  const { events, onEvent } = collector();

  const result = await engine.converge(NUM_BR, { region: c.declared }, { pin: PIN, onEvent });

  expect(result.ok).toBe(c.ok);
  if (c.recovered !== undefined) expect(result.recovered).toBe(c.recovered);
  const calls = await postCalls(emu, NUM_BR);
  expect(calls.map((call) => call.endpoint)).toEqual(c.writes);
  const legacy = c.apiVersion === LAST_REGISTER_VERSION;
  const answered = calls.filter((call) => call.fault === undefined);
  const carried = legacy
    ? answered.filter((call) => call.endpoint === 'register').map((call) => call.params.data_localization_region)
    : answered
        .filter((call) => call.endpoint === 'settings')
        .map((call) => (call.params.storage_configuration as { data_localization_region?: string }).data_localization_region);
  expect(carried).toEqual(c.regions);
  expect(await truth(emu, NUM_BR)).toEqual(c.end);
  await expectTruthful(emu, result);
  if (c.message) expect(result.error?.message).toMatch(c.message);
  expect(events).toContainEqual({
    type: 'info',
    message: expect.stringMatching(/incomplete deregistration \(133000\): deregistering again before registering/),
  });
  expectNoSecrets(result, events);

  // Data residency: every register went out while the number's storage was a declared or previous region, never DEFAULT.
  const atRegister = storageAtEachRegister(calls, 'BR', clears, legacy);
  expect(atRegister).toHaveLength(calls.filter((call) => call.endpoint === 'register' && (!legacy || call.status === 200)).length);
  expect(atRegister.length).toBeGreaterThan(0);
  for (const storage of atRegister) expect(['IN', 'BR']).toContain(storage);
});

test('the 133000 handling spends no extra register: one 133000 costs exactly one deregister and one register more', async () => {
  await emu.admin.reset();
  await emu.admin.injectFault({ ...INCOMPLETE, phoneNumberId: NUM_BR });
  const engine = makeEngine(emu, { apiVersion: FIRST_SETTINGS_VERSION, timeoutMs: 300 });
  closeAfterTest(engine);
  const result = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
  expect(result.ok).toBe(true);
  const counted = (await writes(emu, NUM_BR)).filter((w) => w === 'register' || w === 'deregister');
  expect(counted).toEqual(['deregister', 'register', 'deregister', 'register']);
  const steps = result.completed.map((s) => s.kind);
  expect(steps).toEqual(['deregister', 'write_settings', 'write_settings', 'register']);
});

test('the write after the second deregister is refused and the read after it fails: recovery still restores BR before registering, never DEFAULT', async () => {
  await emu.admin.reset();
  await emu.admin.injectFault({ ...INCOMPLETE, phoneNumberId: NUM_BR });
  await emu.admin.injectFault({ ...SETTINGS_REFUSED, skip: 1, phoneNumberId: NUM_BR });
  // Reads: the initial one, the one after the 133000 (IN, unregistered); the third, after the refused write, fails.
  await emu.admin.injectFault({
    endpoint: 'settings',
    method: 'GET',
    skip: 2,
    mode: 'error',
    error: { code: 200, http_status: 403 },
    phoneNumberId: NUM_BR,
  });
  const engine = makeEngine(emu, { apiVersion: FIRST_SETTINGS_VERSION, timeoutMs: 300 });
  closeAfterTest(engine);

  const result = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN });

  expect(result).toMatchObject({ ok: false, recovered: true });
  const calls = await postCalls(emu, NUM_BR);
  expect(calls.map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'register', 'deregister', 'settings', 'settings', 'register']);
  expect(storageAtEachRegister(calls, 'BR', true, false)).toEqual(['IN', 'BR']);
  expect(await truth(emu, NUM_BR)).toEqual(BR);
  await expectTruthful(emu, result);
});
