/**
 * The executor against the emulator over real HTTP: call order per API version,
 * zero writes when converged, both deregister behaviours, legacy verification,
 * wrong PIN, the 72-hour limit, and secrets never leaking.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { LocalStorageEngine } from '../../src/engine/engine';
import {
  collector,
  expectNoSecrets,
  expectTruthful,
  makeEngine,
  NUM_BR,
  NUM_UNVERIFIED,
  PIN,
  postCalls,
  emulatorForFile,
  truth,
  writes,
} from './emulator-harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

let emu: RunningEmulator;
const closeAfterTest = emulatorForFile((started) => (emu = started));
const engine = (extra: Parameters<typeof makeEngine>[1] = {}): LocalStorageEngine => closeAfterTest(makeEngine(emu, extra));

describe.each([true, false])('v21+ with deregister_clears_storage=%s', (clears) => {
  beforeEach(async () => {
    await emu.admin.setOptions({ deregister_clears_storage: clears });
  });

  test('a region change is deregister -> settings -> register, back to back, then a read-back', async () => {
    const { events, onEvent } = collector();
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN, onEvent });
    expect(result.ok).toBe(true);
    expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts[1].params).toEqual({ storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' } });
    // No sleeps and no reads between the writes: the gap between them is only the HTTP round trip.
    const calls = await emu.admin.calls({ phoneNumberId: NUM_BR });
    const first = calls.findIndex((c) => c.endpoint === 'deregister');
    expect(calls.slice(first, first + 3).map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'register']);
    expect(posts[2].startedAt - posts[0].finishedAt).toBeLessThan(200);
    // Read-back after the register.
    expect(calls.slice(first + 3).every((c) => c.method === 'GET')).toBe(true);
    expect(calls.length).toBeGreaterThan(first + 3);
    expect(result.observed).toMatchObject({ registered: true, storage: { status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' } });
    expect(result.completed.map((s) => s.kind)).toEqual(['deregister', 'write_settings', 'register']);
    expect(events.filter((e) => e.type === 'step_finished')).toHaveLength(3);
    await expectTruthful(emu, result);
    expectNoSecrets(result, events);
  });

  test('disabling writes IN_COUNTRY_STORAGE_DISABLED between deregister and register', async () => {
    const result = await engine().converge(NUM_BR, { region: null }, { pin: PIN });
    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => c.endpoint)).toEqual(['deregister', 'settings', 'register']);
    expect(posts[1].params).toEqual({ storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } });
    expect(result.observed.storage.status).toBe('DEFAULT');
    await expectTruthful(emu, result);
  });

  test('a converged number costs zero writes', async () => {
    const result = await engine().converge(NUM_BR, { region: 'BR' }, { pin: PIN });
    expect(result).toMatchObject({ ok: true, completed: [] });
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });
});

describe(`legacy flow (${LAST_REGISTER_VERSION}, on a date Meta still served it)`, () => {
  beforeEach(async () => {
    await emu.admin.setClock(Date.UTC(2026, 8, 1));
  });
  test('a region change is deregister -> register with data_localization_region', async () => {
    const result = await engine({ apiVersion: LAST_REGISTER_VERSION }).converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => c.endpoint)).toEqual(['deregister', 'register']);
    expect(posts[1].params).toMatchObject({ messaging_product: 'whatsapp', data_localization_region: 'IN' });
    expect(posts.every((c) => c.path.startsWith(`/${LAST_REGISTER_VERSION}/`))).toBe(true);
    await expectTruthful(emu, result);
  });

  test('disabling is deregister -> register without a region', async () => {
    const result = await engine({ apiVersion: LAST_REGISTER_VERSION }).converge(NUM_BR, { region: null }, { pin: PIN });
    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => c.endpoint)).toEqual(['deregister', 'register']);
    expect(posts[1].params).not.toHaveProperty('data_localization_region');
    expect(result.observed.storage.status).toBe('DEFAULT');
  });

  test('an unverified number: the code is requested and the run stops, then the code completes it', async () => {
    const e = engine({ apiVersion: LAST_REGISTER_VERSION });
    const first = collector();
    const stopped = await e.converge(NUM_UNVERIFIED, { region: 'IN' }, { pin: PIN, onEvent: first.onEvent });
    expect(stopped.ok).toBe(false);
    expect(stopped.error).toMatchObject({ field: 'verificationCode', retryable: false });
    expect(stopped.error!.message).toMatch(/verification code was sent/);
    expect(stopped.error!.message).toMatch(/Set verificationCode/);
    expect(stopped.requirement?.kind).toBe('verification_code');
    expect(await writes(emu, NUM_UNVERIFIED)).toEqual(['request_code']);
    await expectTruthful(emu, stopped);

    const code = (await emu.admin.lastVerificationCode(NUM_UNVERIFIED))!;
    await emu.admin.clearCalls();
    const second = collector();
    const done = await e.converge(NUM_UNVERIFIED, { region: 'IN' }, { pin: PIN, verificationCode: code, onEvent: second.onEvent });
    expect(done.ok).toBe(true);
    const posts = await postCalls(emu, NUM_UNVERIFIED);
    expect(posts.map((c) => c.endpoint)).toEqual(['verify_code', 'register']);
    expect(posts[1].params).toMatchObject({ data_localization_region: 'IN' });
    expect(done.observed).toMatchObject({ registered: true, codeVerificationStatus: 'VERIFIED', storage: { region: 'IN' } });
    expectNoSecrets(done, second.events, code);
  });

  test('a wrong verification code fails before anything disruptive', async () => {
    await emu.admin.patchPhoneNumber(NUM_BR, { code_verification_status: 'EXPIRED' });
    const e = engine({ apiVersion: LAST_REGISTER_VERSION });
    await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN, verificationCode: '000001' });
    expect(result.ok).toBe(false);
    expect(result.error!.message).toMatch(/not taken offline/);
    expect(await truth(emu, NUM_BR)).toEqual({ registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' });
    expect(await writes(emu, NUM_BR)).toEqual(['request_code', 'verify_code']);
  });
});

describe('preflight: predictable failures never take a number offline', () => {
  test.each([
    ['missing PIN', {}, 'pin', /pin is required/],
    ['5-digit PIN', { pin: '12345' }, 'pin', /exactly 6 digits/],
    ['non-digit PIN', { pin: '12a456' }, 'pin', /exactly 6 digits/],
  ])('%s', async (_name, options, field, message) => {
    const result = await engine().converge(NUM_BR, { region: 'IN' }, options);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ field, retryable: false });
    expect(result.error!.message).toMatch(message);
    expect(await writes(emu, NUM_BR)).toEqual([]);
    await expectTruthful(emu, result);
  });

  test('an unsupported region names the input and suggests the code', async () => {
    const result = await engine().converge(NUM_BR, { region: 'UK' as never }, { pin: PIN });
    expect(result.error).toMatchObject({ field: 'region' });
    expect(result.error!.message).toMatch(/did you mean GB/);
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });

  test('a bad token fails on the first read, at accessToken, without leaking it', async () => {
    const e = makeEngine(emu, { accessToken: 'EAAwrongTOKENvalue987654321' });
    closeAfterTest(e);
    const { events, onEvent } = collector();
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN, onEvent });
    expect(result).toMatchObject({ ok: false, observationFailed: true, error: { kind: 'auth', field: 'accessToken' } });
    expect(result.error!.message).toContain('Graph error 190');
    expect(JSON.stringify(result)).not.toContain('EAAwrongTOKENvalue987654321');
    expectNoSecrets(result, events);
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });

  test('a number the token cannot see is a failure at phoneNumberId', async () => {
    const result = await engine().converge('999999999999999', { region: 'IN' }, { pin: PIN });
    expect(result.error).toMatchObject({ field: 'phoneNumberId', retryable: false });
  });

  test('a path-like id is rejected before any request', async () => {
    const result = await engine().converge('123/../me', { region: 'IN' }, { pin: PIN });
    expect(result.error).toMatchObject({ field: 'phoneNumberId' });
    expect(await emu.admin.calls()).toEqual([]);
  });

  test('an invalid apiVersion is a clear configuration error', () => {
    expect(() => makeEngine(emu, { apiVersion: 'latest' })).toThrow(
      new RegExp(String.raw`apiVersion "latest".*${versionPattern(FIRST_SETTINGS_VERSION)}`),
    );
  });

  test('an On-Premises number is refused without writes', async () => {
    await emu.admin.patchPhoneNumber(NUM_BR, { platform_type: 'ON_PREMISE' });
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.error!.message).toMatch(/ON_PREMISE/);
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });
});

describe('wrong PIN and the 72-hour limit', () => {
  test('a wrong PIN: clear error on pin, the truth (unregistered) reported, and a re-run with the right PIN converges', async () => {
    const e = engine();
    const { events, onEvent } = collector();
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: '111111', onEvent });
    expect(result).toMatchObject({ ok: false, recovered: false, error: { kind: 'pin', field: 'pin', retryable: false } });
    expect(result.error!.message).toContain('Graph error 133005');
    expect(result.error!.message).toMatch(/IS NOT REGISTERED/);
    expect(result.error!.message).toMatch(/two-step verification PIN is wrong/);
    // Recovery must not burn register calls (or PIN guesses) on a PIN it knows is wrong.
    expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
    await expectTruthful(emu, result);
    expectNoSecrets(result, events, '111111');

    await emu.admin.clearCalls();
    const rerun = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(rerun.ok).toBe(true);
    expect(await writes(emu, NUM_BR)).toEqual(['register']); // settings already IN: nothing repeated
  });

  test('the deregister quota: clear 72-hour error, number untouched', async () => {
    await emu.admin.setOptions({ registration_limit: 1 });
    const e = engine();
    expect((await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN })).ok).toBe(true);
    const result = await e.converge(NUM_BR, { region: 'DE' }, { pin: PIN });
    expect(result).toMatchObject({ ok: false, error: { kind: 'quota', retryable: false } });
    expect(result.error!.message).toContain('Graph error 133016');
    expect(result.error!.message).toMatch(/72-hour/);
    expect(result.error!.message).toMatch(/not taken offline/);
    expect(await truth(emu, NUM_BR)).toEqual({ registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' });
  });

  test('the register quota after a deregister: loud error naming the state, no futile retries', async () => {
    await emu.admin.injectFault({
      endpoint: 'register',
      phoneNumberId: NUM_BR,
      mode: 'error',
      times: 5,
      error: { code: 133016, http_status: 400, message: 'Too many register requests' },
    });
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result).toMatchObject({ ok: false, recovered: false, error: { kind: 'quota' } });
    expect(result.error!.message).toContain('Graph error 133016');
    expect(result.error!.message).toMatch(/NUMBER 179776755229976 IS NOT REGISTERED/);
    expect(result.error!.message).toMatch(/72-hour/);
    expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
    await expectTruthful(emu, result);
  });
});
