/**
 * The engine against the Cloud API as Meta runs it today, over real HTTP on the
 * emulator: Graph versions past their end (on the emulator's clock), unknown
 * statuses, rate-limited writes, and the wrong-PIN opt-in.
 */
import { expect } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator';
import type { LocalStorageEngine } from '../../src/engine/engine';
import {
  collector,
  expectNoSecrets,
  expectTruthful,
  makeEngine,
  NUM_BR,
  NUM_DISABLED,
  PIN,
  postCalls,
  emulatorForFile,
  truth,
  writes,
} from './emulator-harness';
import { DEFAULT_API_VERSION, versionToMoveTo } from '../../src/cloud-api/api-version';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

const BEFORE_V20_END = Date.UTC(2026, 8, 1);
const IN = { registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' };

let emu: RunningEmulator;
const closeAfterTest = emulatorForFile((started) => (emu = started));
function engine(apiVersion?: string): LocalStorageEngine {
  return closeAfterTest(makeEngine(emu, apiVersion ? { apiVersion } : {}));
}

describe(`${LAST_REGISTER_VERSION} before and after 2026-09-24 (emulator clock)`, () => {
  test('before: the legacy flow, deregister -> register with data_localization_region; registered in IN at the end', async () => {
    await emu.admin.setClock(BEFORE_V20_END);
    const result = await engine(LAST_REGISTER_VERSION).converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => c.endpoint)).toEqual(['deregister', 'register']);
    expect(posts[1].params).toMatchObject({ data_localization_region: 'IN' });
    expect(await truth(emu, NUM_BR)).toEqual(IN);
    await expectTruthful(emu, result);
  });

  test(`after: Meta answers ${LAST_REGISTER_VERSION} as ${FIRST_SETTINGS_VERSION}, so the engine plans and applies the Settings API flow and says so; registered in IN at the end`, async () => {
    const e = engine(LAST_REGISTER_VERSION);
    const { events, onEvent } = collector();
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN, onEvent });
    expect(result.ok).toBe(true);
    expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
    expect((await postCalls(emu, NUM_BR))[2].params).not.toHaveProperty('data_localization_region');
    expect(events).toContainEqual({
      type: 'info',
      message: expect.stringMatching(
        new RegExp(
          String.raw`${versionPattern(LAST_REGISTER_VERSION)} is answered as ${versionPattern(FIRST_SETTINGS_VERSION)} now.*Settings API flow`,
        ),
      ),
    });
    expect(result.plan!.explanation).toMatch(
      new RegExp(String.raw`Steps \(${versionPattern(LAST_REGISTER_VERSION)}\): deregister -> write_settings\(IN\) -> register`),
    );
    expect(await truth(emu, NUM_BR)).toEqual(IN);
    // The plan a caller gets from the engine is in the flow Meta answers with, and says which version that is.
    const lifecycle = e.versionLifecycle();
    expect(lifecycle).toMatchObject({
      configured: LAST_REGISTER_VERSION,
      effective: FIRST_SETTINGS_VERSION,
      state: 'expired',
      availableUntil: '2026-09-24',
    });
    expect(lifecycle.notice).toMatch(
      new RegExp(
        String.raw`Graph API ${versionPattern(LAST_REGISTER_VERSION)} stopped on 2026-09-24: Meta answers calls to it as ${versionPattern(FIRST_SETTINGS_VERSION)}`,
      ),
    );
    expect(e.flowApiVersion()).toMatchObject({
      raw: LAST_REGISTER_VERSION,
      flow: 'settings',
      answeredAs: FIRST_SETTINGS_VERSION,
    });
  });

  test('crossing the end during an apply: the legacy register is refused as deprecated after the deregister, and the same apply finishes with the Settings API flow', async () => {
    await emu.admin.setClock(Date.UTC(2026, 8, 23, 23, 59, 0));
    // The deregister is held for a moment, during which the date passes 2026-09-24.
    await emu.admin.injectFault({ endpoint: 'deregister', mode: 'slow', delayMs: 800, phoneNumberId: NUM_BR });
    const e = engine(LAST_REGISTER_VERSION);
    const { events, onEvent } = collector();
    const running = e.converge(NUM_BR, { region: 'IN' }, { pin: PIN, onEvent });
    await new Promise((r) => setTimeout(r, 300));
    await emu.admin.setClock(Date.UTC(2026, 8, 24, 0, 0, 5));
    const result = await running;

    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => `${c.endpoint}:${c.graphCode ?? c.status}`)).toEqual([
      'deregister:200',
      'register:12',
      'settings:200',
      'register:200',
    ]);
    expect(posts[3].params).not.toHaveProperty('data_localization_region');
    expect(events).toContainEqual({
      type: 'info',
      message: expect.stringMatching(/refused data_localization_region on \/register as deprecated.*write_settings\(IN\) -> register/),
    });
    expect(await truth(emu, NUM_BR)).toEqual(IN);
    expectNoSecrets(result, events);
  });

  test('crossing the end with No Storage declared: the legacy register with meta_store_retention_minutes is refused as deprecated, and the same apply writes NO_STORAGE_ENABLED with retention 60 through the Settings API', async () => {
    await emu.admin.setClock(Date.UTC(2026, 8, 23, 23, 59, 0));
    await emu.admin.injectFault({ endpoint: 'deregister', mode: 'slow', delayMs: 800, phoneNumberId: NUM_BR });
    const e = engine(LAST_REGISTER_VERSION);
    const { events, onEvent } = collector();
    const running = e.converge(NUM_BR, { storage: { mode: 'NO_STORAGE', retentionMinutes: 60 } }, { pin: PIN, onEvent });
    await new Promise((r) => setTimeout(r, 300));
    await emu.admin.setClock(Date.UTC(2026, 8, 24, 0, 0, 5));
    const result = await running;

    expect(result.ok).toBe(true);
    const posts = await postCalls(emu, NUM_BR);
    expect(posts.map((c) => `${c.endpoint}:${c.graphCode ?? c.status}`)).toEqual([
      'deregister:200',
      'register:12',
      'settings:200',
      'register:200',
    ]);
    expect(posts[1].params).toMatchObject({ meta_store_retention_minutes: 60 });
    expect(posts[2].params).toMatchObject({ storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 } });
    expect(posts[3].params).not.toHaveProperty('meta_store_retention_minutes');
    expect(events).toContainEqual({
      type: 'info',
      message: expect.stringMatching(
        /refused meta_store_retention_minutes on \/register as deprecated.*write_settings\(no storage 60m\) -> register/,
      ),
    });
    expect(await truth(emu, NUM_BR)).toEqual({ registered: true, status: 'NO_STORAGE_ENABLED' });
    expect(result.observed.storage).toMatchObject({ status: 'NO_STORAGE_ENABLED', retentionMinutes: 60 });
    expectNoSecrets(result, events);
  });

  test('recovery never repeats the register just refused as deprecated: when the settings write fails too, the number is brought back through the Settings API', async () => {
    await emu.admin.setClock(Date.UTC(2026, 8, 23, 23, 59, 0));
    await emu.admin.injectFault({ endpoint: 'deregister', mode: 'slow', delayMs: 800, phoneNumberId: NUM_BR });
    await emu.admin.injectFault({
      endpoint: 'settings',
      mode: 'error',
      method: 'POST',
      phoneNumberId: NUM_BR,
      error: { code: 100, message: '(#100) Invalid parameter' },
    });
    const running = engine(LAST_REGISTER_VERSION).converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    await new Promise((r) => setTimeout(r, 300));
    await emu.admin.setClock(Date.UTC(2026, 8, 24, 0, 0, 5));
    const result = await running;

    const registers = (await postCalls(emu, NUM_BR)).filter((c) => c.endpoint === 'register');
    expect(registers.filter((c) => c.params.data_localization_region !== undefined)).toHaveLength(1);
    expect(result.ok).toBe(false);
    expect(result.recovered).toBe(true);
    // The emulator clears storage on deregister; the previous BR is restored (Settings API) before registering again.
    expect(await truth(emu, NUM_BR)).toEqual({ registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' });
    expect((await postCalls(emu, NUM_BR)).map((c) => `${c.endpoint}:${c.graphCode ?? c.status}`)).toEqual([
      'deregister:200',
      'register:12',
      'settings:100',
      'settings:200',
      'register:200',
    ]);
  });
});

describe('phone number status Meta does not document', () => {
  test('LINKED is unknown, not unregistered: no write is planned or sent, and the error says why', async () => {
    await emu.admin.patchPhoneNumber(NUM_BR, { status: 'LINKED' });
    const e = engine();
    const observed = await e.observe(NUM_BR);
    expect(observed.unknownStatus).toBe('LINKED');
    const plan = e.plan(observed, { region: 'IN' });
    expect(plan.steps).toEqual([]);
    expect(plan.impossible).toMatch(/status "LINKED", which does not say whether it is registered/);
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(false);
    expect(result.error!.message).toMatch(/LINKED/);
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });
});

describe('never a deregister for an unregistered number', () => {
  test('an unregistered number gets settings -> register only (the emulator would refuse the deregister with 2207051)', async () => {
    await emu.admin.patchPhoneNumber(NUM_DISABLED, { registered: false, status: 'DISCONNECTED', platform_type: 'NOT_APPLICABLE' });
    const result = await engine().converge(NUM_DISABLED, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    expect(await writes(emu, NUM_DISABLED)).toEqual(['settings', 'register']);
  });
});

describe('a rate-limited write is an unknown outcome', () => {
  test('register answered 4/2446079 (HTTP 429) after it took effect: read, seen registered, not sent again', async () => {
    await emu.admin.injectFault({ endpoint: 'register', mode: 'rate_limited', applyFirst: true, phoneNumberId: NUM_BR });
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
    expect(await truth(emu, NUM_BR)).toEqual(IN);
  });

  test('register answered 4/2446079 before it took effect: the number is read first, then the register is sent once more', async () => {
    await emu.admin.injectFault({ endpoint: 'register', mode: 'rate_limited', phoneNumberId: NUM_BR });
    const result = await engine().converge(NUM_BR, { region: 'IN' }, { pin: PIN });
    expect(result.ok).toBe(true);
    const calls = (await emu.admin.calls({ phoneNumberId: NUM_BR })).map((c) => `${c.method} ${c.endpoint}`);
    const first = calls.indexOf('POST register');
    const second = calls.lastIndexOf('POST register');
    expect(second).toBeGreaterThan(first);
    expect(calls.slice(first + 1, second)).toContain('GET phone_number');
    expect(await truth(emu, NUM_BR)).toEqual(IN);
  });
});

describe('a wrong two-step PIN', () => {
  test('without set_pin_before_deregister: the register after the deregister fails with 133005 and the number stays offline (the plan warned)', async () => {
    const e = engine();
    const plan = e.plan(await e.observe(NUM_BR), { region: 'IN' });
    expect(plan.explanation).toMatch(/stays offline until the right PIN is applied/);
    expect(plan.explanation).toMatch(/setPinBeforeDeregister: true/);
    const result = await e.converge(NUM_BR, { region: 'IN' }, { pin: '111111' });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ field: 'pin', kind: 'pin' });
    expect(result.error!.message).toMatch(/133005/);
    expect(result.error!.message).toMatch(/NUMBER 179776755229976 IS NOT REGISTERED/);
    expect((await truth(emu, NUM_BR)).registered).toBe(false);
  });

  test('with set_pin_before_deregister: the PIN is set on the live number first, so the register succeeds; the number ends registered with the configured PIN', async () => {
    const e = engine();
    const plan = e.plan(await e.observe(NUM_BR), { region: 'IN', setPinBeforeDeregister: true });
    expect(plan.steps.map((s) => s.kind)).toEqual(['set_pin', 'deregister', 'write_settings', 'register']);
    expect(plan.explanation).not.toMatch(/stays offline until the right PIN/);
    const { events, onEvent } = collector();
    const result = await e.converge(NUM_BR, { region: 'IN', setPinBeforeDeregister: true }, { pin: '111111', onEvent });
    expect(result.ok).toBe(true);
    expect(await writes(emu, NUM_BR)).toEqual(['phone_number', 'deregister', 'settings', 'register']);
    expect(await truth(emu, NUM_BR)).toEqual(IN);
    expect((await emu.admin.state()).phone_numbers.find((n) => n.id === NUM_BR)!.pin).toBe('111111');
    expectNoSecrets(result, events, '111111');
  });

  test('with the opt-in, a failing PIN write stops before the deregister: the number stays online', async () => {
    await emu.admin.injectFault({
      endpoint: 'phone_number',
      method: 'POST',
      mode: 'error',
      phoneNumberId: NUM_BR,
      error: { code: 100, message: '(#100) Invalid parameter' },
    });
    const result = await engine().converge(NUM_BR, { region: 'IN', setPinBeforeDeregister: true }, { pin: '111111' });
    expect(result.ok).toBe(false);
    expect(result.error!.message).toMatch(/not taken offline/);
    expect(await writes(emu, NUM_BR)).toEqual(['phone_number']);
    expect((await truth(emu, NUM_BR)).registered).toBe(true);
  });
});

describe('the version lifecycle the engine reports', () => {
  test(`${FIRST_SETTINGS_VERSION} today: stops on 2027-01-21, within 90 days, move to the newest version`, async () => {
    const e = engine(FIRST_SETTINGS_VERSION);
    await e.observe(NUM_BR);
    const l = e.versionLifecycle();
    const newest = versionToMoveTo(Date.now());
    expect(l).toMatchObject({
      configured: FIRST_SETTINGS_VERSION,
      effective: FIRST_SETTINGS_VERSION,
      state: 'expiring',
      availableUntil: '2027-01-21',
      moveTo: newest,
    });
    expect(l.notice).toMatch(
      new RegExp(`Graph API v21\\.0 stops on 2027-01-21 \\(in \\d+ days\\).*apiVersion: '${newest.replace('.', '\\.')}'`),
    );
  });

  test('the default version is the newest in the table and is current', async () => {
    const e = engine();
    await e.observe(NUM_BR);
    expect(e.apiVersion.raw).toBe(DEFAULT_API_VERSION);
    expect(e.versionLifecycle()).toMatchObject({ configured: DEFAULT_API_VERSION, effective: DEFAULT_API_VERSION, state: 'current' });
    expect((await emu.admin.calls({ phoneNumberId: NUM_BR }))[0].path.startsWith(`/${DEFAULT_API_VERSION}/`)).toBe(true);
  });
});
