/**
 * Every example request in Meta's Local Storage page (shared/seeds/000_ddcf934abcc59367.txt),
 * sent as the page writes it against the default seed, returns what the page says.
 * The page's examples assume an unregistered number where it says so; the default seed's
 * 106540352242922 is registered, so those steps first deregister it, as the page instructs.
 */
import { body, expectGraphError, ISSUE_MINIMAL_SEED, N_BR, N_LEGACY, N_REGISTERED, TOKEN, useEmulator } from './helpers';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

describe('seed document examples (default seed, literal token EAAJB...)', () => {
  const { graph, emu } = useEmulator();

  test('the default seed carries the literal example token', () => {
    expect(TOKEN).toBe('EAAJB...');
  });

  test('v21+ enable: POST settings on an unregistered number, then register (typo path fixed)', async () => {
    // On the registered number the page's precondition is not met: the rule answers 100.
    const early = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
      json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } },
    });
    expectGraphError(early, 100, 400);

    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    const enable = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
      json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } },
    });
    expect(enable.status).toBe(200);
    expect(enable.data).toEqual({ success: true });

    // The page's URL reads v21.0/v21.0/register (a typo); the literal path is not a phone number.
    const typo = await graph().post(`/${FIRST_SETTINGS_VERSION}/${FIRST_SETTINGS_VERSION}/register`, {
      json: { messaging_product: 'whatsapp', pin: '123456' },
    });
    expect(typo.status).toBeGreaterThanOrEqual(400);
    const register = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
      json: { messaging_product: 'whatsapp', pin: '123456' },
    });
    expect(register.status).toBe(200);
    expect(register.data).toEqual({ success: true });

    const read = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`);
    expect(read.data).toEqual({ storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } });
  });

  test('GET settings of 179776755229976 returns exactly the documented node', async () => {
    const res = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } });
  });

  test('v21+ disable: POST settings IN_COUNTRY_STORAGE_DISABLED on the unregistered number', async () => {
    await emu().admin.setOptions({ deregister_clears_storage: false });
    await emu().admin.patchPhoneNumber(N_REGISTERED, {
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' },
    });
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
      json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } },
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ success: true });
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).data).toEqual({
      storage_configuration: { status: 'DEFAULT' },
    });
  });

  test('v20-and-older flow on 110200345501442: check status, request_code, verify_code 123830, register with IN, deregister', async () => {
    const node = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}`, { query: { fields: 'code_verification_status' } });
    expect(node.data).toEqual({ code_verification_status: 'NOT_VERIFIED', id: N_LEGACY });

    const req = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code?code_method=SMS&language=en_US`);
    expect(req.status).toBe(200);
    expect(req.data).toEqual({ success: true });
    expect(await emu().admin.lastVerificationCode(N_LEGACY)).toBe('123830');

    const verify = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code?code=123830`);
    expect(verify.status).toBe(200);
    expect(verify.data).toEqual({ success: true });

    const register = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/register`, {
      json: { messaging_product: 'whatsapp', pin: '123456', data_localization_region: 'IN' },
    });
    // Meta refuses the region on /register from v21.0 on (code 12); the Settings API is the v21+ way.
    expectGraphError(register, 12, 400);
    expect(String(body(register).error?.message)).toContain(`deprecated for versions ${FIRST_SETTINGS_VERSION} or higher`);
    expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}?fields=status`)).status).toBe('DISCONNECTED');
    expect(
      (await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/register`, { json: { messaging_product: 'whatsapp', pin: '123456' } }))
        .data,
    ).toEqual({
      success: true,
    });
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/settings`)).data).toEqual({
      storage_configuration: { status: 'DEFAULT' },
    });

    const dereg = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/deregister`);
    expect(dereg.status).toBe(200);
    expect(dereg.data).toEqual({ success: true });
  });

  test(`the same legacy register on ${LAST_REGISTER_VERSION} (on a date before ${LAST_REGISTER_VERSION} stopped) enables local storage in IN, and re-registering without it disables it`, async () => {
    await emu().admin.setClock(Date.UTC(2026, 8, 1));
    await graph().post(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/request_code?code_method=SMS&language=en_US`);
    await graph().post(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/verify_code?code=123830`);
    const register = await graph().post(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/register`, {
      json: { messaging_product: 'whatsapp', pin: '123456', data_localization_region: 'IN' },
    });
    expect(register.data).toEqual({ success: true });
    expect((await graph().get(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/settings`)).data).toEqual({
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' },
    });
    await emu().admin.setOptions({ deregister_clears_storage: false });
    expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/deregister`)).data).toEqual({ success: true });
    expect(
      (await graph().post(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/register`, { json: { messaging_product: 'whatsapp', pin: '123456' } }))
        .data,
    ).toEqual({
      success: true,
    });
    expect((await graph().get(`/${LAST_REGISTER_VERSION}/${N_LEGACY}/settings`)).data).toEqual({
      storage_configuration: { status: 'DEFAULT' },
    });
  });

  test("the issue's minimal seed shape is accepted and IN_COUNTRY_STORAGE_DISABLED reads back as DEFAULT", async () => {
    const { startEmulator } = await import('../../src/emulator');
    const e = await startEmulator({
      port: 0,
      seed: ISSUE_MINIMAL_SEED,
    });
    try {
      const axios = (await import('axios')).default;
      const res = await axios.get(`${e.url}/${FIRST_SETTINGS_VERSION}/106540352242922/settings`, {
        headers: { authorization: 'Bearer TOKEN' },
        proxy: false,
      });
      expect(res.data).toEqual({ storage_configuration: { status: 'DEFAULT' } });
    } finally {
      await e.close();
    }
  });
});
