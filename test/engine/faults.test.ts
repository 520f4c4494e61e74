/**
 * Fault injection at every step of a region change (BR -> IN) against the
 * emulator: each row asserts the calls made, the outcome, that the reported
 * state is the emulator's truth, that no secret leaks, and that a re-run after
 * the fault converges without repeating completed work.
 */
import type { FaultSpec, RunningEmulator } from '../../src/emulator';
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

interface Scenario {
  name: string;
  apiVersion?: string;
  clears?: boolean;
  fault: Omit<FaultSpec, 'phoneNumberId'>;
  ok: boolean;
  recovered?: boolean;
  writes: string[];
  end: { registered: boolean; status: string; region?: string };
  message?: RegExp;
  rerunWrites: string[];
}

const transient = { code: 2, http_status: 503, message: 'Service temporarily unavailable' };
const invalid = { code: 100, http_status: 400, message: 'Invalid parameter' };
const IN = { registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' };
const BR = { registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' };
const FULL = ['deregister', 'settings', 'register'];

const SCENARIOS: Scenario[] = [
  // deregister
  {
    name: 'deregister: transient error, retried after a read',
    fault: { endpoint: 'deregister', mode: 'error', error: transient },
    ok: true,
    writes: ['deregister', ...FULL],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'deregister: hang before it applies (timeout), read shows registered, sent again',
    fault: { endpoint: 'deregister', mode: 'hang' },
    ok: true,
    writes: ['deregister', ...FULL],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'deregister: applied then hang (timeout), read shows it took effect, not repeated',
    fault: { endpoint: 'deregister', mode: 'hang', applyFirst: true },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'deregister: applied then connection reset, not repeated',
    fault: { endpoint: 'deregister', mode: 'reset', applyFirst: true },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'deregister: applied then error answer, not repeated',
    fault: { endpoint: 'deregister', mode: 'error', applyFirst: true, error: transient },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'deregister: permanent error, number untouched',
    fault: { endpoint: 'deregister', mode: 'error', error: invalid },
    ok: false,
    writes: ['deregister'],
    end: BR,
    message: /not taken offline/,
    rerunWrites: FULL,
  },
  // settings
  {
    name: 'settings: transient error, retried',
    fault: { endpoint: 'settings', method: 'POST', mode: 'error', error: transient },
    ok: true,
    writes: ['deregister', 'settings', 'settings', 'register'],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'settings: applied then hang, not repeated',
    fault: { endpoint: 'settings', method: 'POST', mode: 'hang', applyFirst: true },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'settings: HTML 200 (outcome unknown), read shows not applied, sent again',
    fault: { endpoint: 'settings', method: 'POST', mode: 'raw', httpStatus: 200, body: '<html>ok</html>' },
    ok: true,
    writes: ['deregister', 'settings', 'settings', 'register'],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'settings: permanent error, storage was reset by deregister: previous BR restored, then registered',
    clears: true,
    fault: { endpoint: 'settings', method: 'POST', mode: 'error', error: invalid },
    ok: false,
    recovered: true,
    writes: ['deregister', 'settings', 'settings', 'register'],
    end: BR,
    message: /re-registered with local storage in BR \(its previous configuration\)/,
    rerunWrites: FULL,
  },
  {
    name: 'settings: permanent error, storage kept BR through deregister: registered straight back',
    clears: false,
    fault: { endpoint: 'settings', method: 'POST', mode: 'error', error: invalid },
    ok: false,
    recovered: true,
    writes: FULL,
    end: BR,
    message: /re-registered with local storage in BR/,
    rerunWrites: FULL,
  },
  {
    name: 'settings: permanent error and the restore fails too: left unregistered, never registered in DEFAULT (US) storage',
    clears: true,
    fault: { endpoint: 'settings', method: 'POST', mode: 'error', times: 2, error: invalid },
    ok: false,
    recovered: false,
    writes: ['deregister', 'settings', 'settings'],
    end: { registered: false, status: 'DEFAULT' },
    message: /IS NOT REGISTERED.*restoring the previous configuration \(local storage in BR\) failed/,
    rerunWrites: ['settings', 'register'],
  },
  // register
  {
    name: 'register: transient error, retried',
    fault: { endpoint: 'register', mode: 'error', error: transient },
    ok: true,
    writes: [...FULL, 'register'],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'register: applied then hang, not repeated',
    fault: { endpoint: 'register', mode: 'hang', applyFirst: true },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'register: applied then reset, not repeated',
    fault: { endpoint: 'register', mode: 'reset', applyFirst: true },
    ok: true,
    writes: FULL,
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'register: resets on every attempt, recovery registers once more and converges',
    fault: { endpoint: 'register', mode: 'reset', times: 3 },
    ok: true,
    recovered: true,
    writes: [...FULL, 'register', 'register', 'register'],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'register: the declared storage is refused, previous BR restored and registered',
    clears: true,
    fault: { endpoint: 'register', mode: 'error', error: invalid },
    ok: false,
    recovered: true,
    writes: [...FULL, 'settings', 'register'],
    end: BR,
    message: /re-registered with local storage in BR/,
    rerunWrites: FULL,
  },
  {
    name: 'register: refused again during recovery, left unregistered in the restored BR storage',
    clears: true,
    fault: { endpoint: 'register', mode: 'error', times: 2, error: invalid },
    ok: false,
    recovered: false,
    writes: [...FULL, 'settings', 'register'],
    end: { registered: false, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' },
    message: /NUMBER 179776755229976 IS NOT REGISTERED.*re-registering failed too/,
    rerunWrites: ['settings', 'register'],
  },
  // legacy
  {
    name: 'legacy register: refused, re-registered with the previous region BR',
    apiVersion: LAST_REGISTER_VERSION,
    fault: { endpoint: 'register', mode: 'error', error: invalid },
    ok: false,
    recovered: true,
    writes: ['deregister', 'register', 'register'],
    end: BR,
    rerunWrites: ['deregister', 'register'],
  },
  {
    name: 'legacy register: applied then hang, not repeated',
    apiVersion: LAST_REGISTER_VERSION,
    fault: { endpoint: 'register', mode: 'hang', applyFirst: true },
    ok: true,
    writes: ['deregister', 'register'],
    end: IN,
    rerunWrites: [],
  },
  {
    name: 'legacy deregister: reset before it applies, sent again',
    apiVersion: LAST_REGISTER_VERSION,
    fault: { endpoint: 'deregister', mode: 'reset' },
    ok: true,
    writes: ['deregister', 'deregister', 'register'],
    end: IN,
    rerunWrites: [],
  },
];

let emu: RunningEmulator;
// Each scenario resets the emulator itself, after its own set-up.
const closeAfterTest = emulatorForFile((started) => (emu = started), { resetBeforeEach: false });

test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
  await emu.admin.reset();
  if (s.clears !== undefined) await emu.admin.setOptions({ deregister_clears_storage: s.clears });
  // The legacy flow exists only while Meta serves v20.0 (until 2026-09-24): the emulator's clock goes back there.
  if (s.apiVersion === LAST_REGISTER_VERSION) await emu.admin.setClock(Date.UTC(2026, 8, 1));
  await emu.admin.injectFault({ ...s.fault, phoneNumberId: NUM_BR });
  const engine = makeEngine(emu, { apiVersion: s.apiVersion ?? FIRST_SETTINGS_VERSION, timeoutMs: 300 });
  closeAfterTest(engine);
  const { events, onEvent } = collector();

  const result = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN, onEvent });

  expect(result.ok).toBe(s.ok);
  if (s.recovered !== undefined) expect(result.recovered).toBe(s.recovered);
  expect(await writes(emu, NUM_BR)).toEqual(s.writes);
  expect(await truth(emu, NUM_BR)).toEqual(s.end);
  await expectTruthful(emu, result);
  if (s.message) expect(result.error?.message).toMatch(s.message);
  if (!s.ok) expect(events.some((e) => e.type === 'step_failed')).toBe(true);
  if (s.recovered !== undefined && !s.ok) {
    expect(events.some((e) => e.type === 'recovery_started')).toBe(true);
    expect(events).toContainEqual({ type: 'recovery_finished', registered: s.recovered });
  }
  expectNoSecrets(result, events);

  // Data residency: replaying the call log, every register was sent while storage was BR or IN, never DEFAULT.
  if (s.apiVersion !== LAST_REGISTER_VERSION) {
    const clears = s.clears ?? true; // the emulator's default
    let storage = 'BR';
    for (const call of await postCalls(emu, NUM_BR)) {
      const applied = call.fault === undefined ? call.status === 200 : s.fault.applyFirst === true;
      if (call.endpoint === 'deregister' && applied && clears) storage = 'DEFAULT';
      if (call.endpoint === 'settings' && applied) {
        const sc = call.params.storage_configuration as { data_localization_region?: string };
        storage = sc.data_localization_region ?? 'DEFAULT';
      }
      if (call.endpoint === 'register') expect(storage).not.toBe('DEFAULT');
    }
  }

  // Re-run without the fault: converges, repeating nothing that was done.
  await emu.admin.clearFaults();
  await emu.admin.clearCalls();
  const rerun = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
  expect(rerun.ok).toBe(true);
  expect(await writes(emu, NUM_BR)).toEqual(s.rerunWrites);
  expect(await truth(emu, NUM_BR)).toEqual(IN);
});

test('a failed write whose retry would wait beyond the cap ends as rate_limited, number untouched', async () => {
  await emu.admin.reset();
  await emu.admin.injectFault({
    endpoint: 'deregister',
    phoneNumberId: NUM_BR,
    mode: 'error',
    error: transient,
    headers: { 'Retry-After': '600' },
  });
  const engine = makeEngine(emu, { timeoutMs: 300, maxRateLimitWaitMs: 60_000 });
  closeAfterTest(engine);
  const result = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
  expect(result).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryable: true } });
  expect(result.error!.message).toMatch(/wait 10 minutes before calling again, longer than the 60 s/);
  expect(result.error!.message).toMatch(/not taken offline/);
  expect(await writes(emu, NUM_BR)).toEqual(['deregister']);
  expect(await truth(emu, NUM_BR)).toEqual(BR);
});
