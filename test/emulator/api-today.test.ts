/**
 * Conformance with the Cloud API as Meta runs it today (shared facts: "Graph API versions",
 * "Other corrections", "Two-step verification PIN"), over real HTTP.
 */
import { startEmulator } from '../../src/emulator';
import { body, DEMO_TOKEN, expectGraphError, GraphCaller, N_BR, N_LEGACY, N_REGISTERED, WABA, useEmulator } from './helpers';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, OLDEST_SERVED_VERSION, versionAfter } from '../graph-versions';

const REGISTER = { messaging_product: 'whatsapp', pin: '123456' };
const BEFORE_V20_END = Date.UTC(2026, 8, 23, 12);
const AFTER_V20_END = Date.UTC(2026, 8, 24, 0, 0, 1);

describe('Graph versions on the emulator clock', () => {
  const { graph, emu } = useEmulator();

  test(`the default clock is the real time: ${LAST_REGISTER_VERSION} has stopped, so a call to it is answered by ${FIRST_SETTINGS_VERSION} (facebook-api-version header, call log)`, async () => {
    const res = await graph().get(`/${LAST_REGISTER_VERSION}/${N_BR}/settings`);
    expect(res.status).toBe(200);
    expect(res.headers['facebook-api-version']).toBe(FIRST_SETTINGS_VERSION);
    expect(Math.abs(Date.parse(String(res.headers.date)) - Date.now())).toBeLessThan(5_000);
    const [call] = await emu().admin.calls({ endpoint: 'settings' });
    expect(call).toMatchObject({ apiVersion: LAST_REGISTER_VERSION, answeredVersion: FIRST_SETTINGS_VERSION });
    expect((await graph().get(`/${DEFAULT_API_VERSION}/${N_BR}/settings`)).headers['facebook-api-version']).toBe(DEFAULT_API_VERSION);
  });

  test(`before 2026-09-24 ${LAST_REGISTER_VERSION} answers as itself: the legacy register with a region enables Local Storage`, async () => {
    await emu().admin.setClock(BEFORE_V20_END);
    expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    const reg = await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
      json: { ...REGISTER, data_localization_region: 'IN' },
    });
    expect(reg.data).toEqual({ success: true });
    expect(reg.headers['facebook-api-version']).toBe(LAST_REGISTER_VERSION);
    expect(new Date(String(reg.headers.date)).getUTCFullYear()).toBe(2026);
    expect(Math.abs(Date.parse(String(reg.headers.date)) - BEFORE_V20_END)).toBeLessThan(60_000);
    expect(body(await graph().get(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/settings`)).storage_configuration).toEqual({
      status: 'IN_COUNTRY_STORAGE_ENABLED',
      data_localization_region: 'IN',
    });
  });

  test(`after 2026-09-24 the same legacy register on ${LAST_REGISTER_VERSION} is refused as ${FIRST_SETTINGS_VERSION} refuses it: (#12) deprecated, the number stays unregistered, no quota spent`, async () => {
    await emu().admin.setClock(AFTER_V20_END);
    expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    const reg = await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
      json: { ...REGISTER, data_localization_region: 'IN' },
    });
    const err = expectGraphError(reg, 12, 400);
    expect(err.message).toBe(`(#12) data_localization_region is deprecated for versions ${FIRST_SETTINGS_VERSION} or higher`);
    expect(reg.headers['facebook-api-version']).toBe(FIRST_SETTINGS_VERSION);
    const state = await emu().admin.state();
    expect(state.phone_numbers.find((n) => n.id === N_REGISTERED)!.registered).toBe(false);
    expect(state.counters[N_REGISTERED].register).toHaveLength(0);
    // The Settings API works on the v20.0 path now (it is answered by v21.0), and a plain register brings the number back.
    const settings = { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' } };
    expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/settings`, { json: settings })).data).toEqual({ success: true });
    expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({ success: true });
    expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status`)).status).toBe('CONNECTED');
  });

  test(`a stopped version is answered by the oldest usable one, not the newest (${OLDEST_SERVED_VERSION} -> ${FIRST_SETTINGS_VERSION} today; -> ${LAST_REGISTER_VERSION} before ${LAST_REGISTER_VERSION} stopped)`, async () => {
    expect((await graph().get(`/${OLDEST_SERVED_VERSION}/${N_BR}/settings`)).headers['facebook-api-version']).toBe(FIRST_SETTINGS_VERSION);
    await emu().admin.setClock(BEFORE_V20_END);
    expect((await graph().get(`/${OLDEST_SERVED_VERSION}/${N_BR}/settings`)).headers['facebook-api-version']).toBe(LAST_REGISTER_VERSION);
    await emu().admin.setClock(Date.UTC(2027, 1, 1));
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).headers['facebook-api-version']).toBe(
      versionAfter(FIRST_SETTINGS_VERSION),
    );
  });

  test('the seed file sets the date the emulator starts at (and reset returns to it); a malformed clock is refused naming the field', async () => {
    const { defaultSeed } = await import('../../src/emulator');
    const e = await startEmulator({ port: 0, seed: { ...defaultSeed(), clock: '2026-09-01T00:00:00Z' } });
    try {
      const caller = new GraphCaller(e);
      expect((await caller.get(`/${LAST_REGISTER_VERSION}/${N_BR}/settings`, { token: DEMO_TOKEN })).headers['facebook-api-version']).toBe(
        LAST_REGISTER_VERSION,
      );
      await e.admin.setClock(AFTER_V20_END);
      await e.admin.reset();
      expect(Math.abs((await e.admin.clock()).now - Date.UTC(2026, 8, 1))).toBeLessThan(60_000);
    } finally {
      await e.close();
    }
    await expect(startEmulator({ port: 0, seed: { ...defaultSeed(), clock: 'next tuesday' } })).rejects.toThrow(
      /"clock" must be an ISO 8601 date-time/,
    );
  });
});

describe("the emulator's former gaps", () => {
  const { graph, emu } = useEmulator();

  test('deregistering a number that is not registered: HTTP 400, code 100, subcode 2207051, no quota spent', async () => {
    const before = (await emu().admin.state()).counters[N_LEGACY]?.deregister ?? [];
    const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/deregister`);
    expectGraphError(res, 100, 400, 2207051);
    expect((await emu().admin.state()).counters[N_LEGACY]?.deregister ?? []).toEqual(before);
    // Twice in a row on a registered number: the second is the same refusal and the quota counts one.
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`), 100, 400, 2207051);
    expect((await emu().admin.state()).counters[N_REGISTERED].deregister).toHaveLength(1);
  });

  test('status takes undocumented values too (LINKED) and reads back verbatim', async () => {
    await emu().admin.patchPhoneNumber(N_BR, { status: 'LINKED' });
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}?fields=status,platform_type`)).data).toEqual({
      status: 'LINKED',
      platform_type: 'CLOUD_API',
      id: N_BR,
    });
    const list = await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers`, { token: DEMO_TOKEN, query: { fields: 'status' } });
    expect(body(list).data).toContainEqual({ status: 'LINKED', id: N_BR });
  });

  test('/register accepts tier (one of the documented tiers) and refuses an unknown one naming it', async () => {
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`);
    expectGraphError(
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, tier: 'TIER_BIG' } }),
      100,
      400,
    );
    expect(
      (await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, tier: 'TIER_1K' } })).data,
    ).toEqual({
      success: true,
    });
  });

  test('verification codes are exactly 6 digits', async () => {
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code?code_method=SMS&language=en_US`);
    for (const code of ['12383', '1238300', '12383a', '']) {
      const err = expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, { json: { code } }), 100, 400);
      expect(String(err.message)).toMatch(/code/);
    }
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, { json: { code: '123830' } })).data).toEqual({
      success: true,
    });
  });

  test('a rate-limited answer has the documented shape: code 4, subcode 2446079, HTTP 429', async () => {
    await emu().admin.injectFault({ endpoint: 'register', mode: 'rate_limited' });
    const err = expectGraphError(
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }),
      4,
      429,
      2446079,
    );
    expect(err.is_transient).toBe(true);
  });

  test('POST /<ID> {"pin"} sets the two-step PIN on a live number (it stays registered); the new PIN then registers, the old one is 133005', async () => {
    const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}`, { json: { pin: '246810' } });
    expect(res.data).toEqual({ success: true });
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status,is_pin_enabled`)).data).toEqual({
      status: 'CONNECTED',
      is_pin_enabled: true,
      id: N_REGISTERED,
    });
    const [call] = await emu().admin.calls({ endpoint: 'phone_number' });
    expect(call.params).toEqual({ pin: '***' });
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`);
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }), 133005, 400);
    expect(
      (await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, pin: '246810' } })).data,
    ).toEqual({
      success: true,
    });
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}`, { json: { pin: '12345' } }), 100, 400);
  });
});
