/** Conformance: each documented rule answers the documented Graph error over real HTTP. */
import { body, DEMO_TOKEN, expectGraphError, N_BR, N_LEGACY, N_REGISTERED, WABA, useEmulator } from './helpers';
import { DEFAULT_API_VERSION, parseApiVersion } from '../../src/cloud-api/api-version';
import {
  FIRST_SETTINGS_VERSION,
  LAST_REGISTER_VERSION,
  NEWER_THAN_TABLE,
  OLDER_THAN_TABLE,
  OLDEST_SERVED_VERSION,
  versionBefore,
  versionPattern,
} from '../graph-versions';

const ENABLE_BR = { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } };
const REGISTER = { messaging_product: 'whatsapp', pin: '123456' };
/** A date on which v20.0 is still served (it stopped on 2026-09-24). */
const BEFORE_V20_END = Date.UTC(2026, 8, 1);

describe('emulator rules', () => {
  const { graph, emu } = useEmulator();
  const deregister = async (id = N_REGISTERED) =>
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${id}/deregister`)).status).toBe(200);

  describe('tokens and objects', () => {
    test('missing token: 190, HTTP 401', async () => {
      expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { token: null }), 190, 401);
    });
    test('unknown token: 190, HTTP 401 with WWW-Authenticate', async () => {
      const res = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { token: 'nope' });
      expectGraphError(res, 190, 401);
      expect(res.headers['www-authenticate']).toContain('invalid_token');
    });
    test('expired token: 190 subcode 463', async () => {
      const { startEmulator } = await import('../../src/emulator');
      const e = await startEmulator({
        seed: {
          tokens: { old: { phone_numbers: ['1'], expired: true } },
          phone_numbers: [{ id: '1', display_phone_number: '1', verified_name: 'x' }],
        },
      });
      try {
        const { GraphCaller } = await import('./helpers');
        expectGraphError(await new GraphCaller(e).get(`/${FIRST_SETTINGS_VERSION}/1`, { token: 'old' }), 190, 401, 463);
      } finally {
        await e.close();
      }
    });
    test('token as access_token query, form and JSON parameter', async () => {
      expect(
        (await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`, { token: null, query: { access_token: 'EAAJB...' } })).status,
      ).toBe(200);
      await deregister();
      const form = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
        token: null,
        form: { access_token: 'EAAJB...', storage_configuration: JSON.stringify(ENABLE_BR.storage_configuration) },
      });
      expect(form.data).toEqual({ success: true });
      const json = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
        token: null,
        json: { ...REGISTER, access_token: 'EAAJB...' },
      });
      expect(json.data).toEqual({ success: true });
      const calls = await emu().admin.calls({ endpoint: 'register' });
      expect(calls[0].params).toEqual({ messaging_product: 'whatsapp', pin: '***', access_token: '***' });
    });
    test('unknown id: 100 subcode 33, HTTP 400', async () => {
      const err = expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/999999999999999`), 100, 400, 33);
      expect(err.type).toBe('GraphMethodException');
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/999999999999999/register`, { json: REGISTER }), 100, 400, 33);
    });
    test('a number the token may not touch: 100 subcode 33', async () => {
      const { startEmulator } = await import('../../src/emulator');
      const e = await startEmulator({
        seed: {
          tokens: { a: { phone_numbers: ['1'] }, b: { wabas: ['20'] } },
          phone_numbers: [
            { id: '1', waba_id: '10', display_phone_number: '1', verified_name: 'one' },
            { id: '2', waba_id: '20', display_phone_number: '2', verified_name: 'two' },
          ],
        },
      });
      try {
        const { GraphCaller } = await import('./helpers');
        const g = new GraphCaller(e);
        expect((await g.get(`/${FIRST_SETTINGS_VERSION}/1`, { token: 'a' })).status).toBe(200);
        expectGraphError(await g.get(`/${FIRST_SETTINGS_VERSION}/2`, { token: 'a' }), 100, 400, 33);
        expectGraphError(await g.get(`/${FIRST_SETTINGS_VERSION}/1`, { token: 'b' }), 100, 400, 33);
        expect((await g.get(`/${FIRST_SETTINGS_VERSION}/2/settings`, { token: 'b' })).status).toBe(200);
        expectGraphError(await g.get(`/${FIRST_SETTINGS_VERSION}/20/phone_numbers`, { token: 'a' }), 100, 400, 33);
      } finally {
        await e.close();
      }
    });
  });

  describe('POST settings (storage_configuration)', () => {
    test('only while unregistered: 100, HTTP 400, message says deregister first', async () => {
      const err = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: ENABLE_BR }),
        100,
        400,
      );
      expect(String(err.message)).toMatch(/deregister/);
      expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).storage_configuration).toEqual({
        status: 'DEFAULT',
      });
    });
    test('region must be a supported code', async () => {
      await deregister();
      for (const region of ['US', 'EU', 'br', 'XX', '']) {
        const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region } },
        });
        expectGraphError(res, 100, 400);
      }
      for (const region of ['AU', 'IN', 'ID', 'JP', 'SG', 'KR', 'DE', 'CH', 'GB', 'BR', 'BH', 'ZA', 'AE', 'CA']) {
        const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region } },
        });
        expect(res.data).toEqual({ success: true });
      }
    });
    test('status must be one of the two enums; region required exactly when enabling', async () => {
      await deregister();
      const cases = [
        { status: 'ENABLED', data_localization_region: 'BR' },
        { status: 'in_country_storage_enabled', data_localization_region: 'BR' },
        { status: 'DEFAULT' },
        { status: 'IN_COUNTRY_STORAGE_ENABLED' },
        { status: 'IN_COUNTRY_STORAGE_DISABLED', data_localization_region: 'BR' },
        { data_localization_region: 'BR' },
        { enabled: true, region: 'BR' },
      ];
      for (const sc of cases)
        expectGraphError(
          await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: { storage_configuration: sc } }),
          100,
          400,
        );
      expect((await emu().admin.state()).phone_numbers.find((n) => n.id === N_REGISTERED)!.storage_configuration).toEqual({
        status: 'DEFAULT',
      });
    });
    test(`${LAST_REGISTER_VERSION} and older: storage_configuration is not available (100) while ${LAST_REGISTER_VERSION} is served`, async () => {
      await emu().admin.setClock(BEFORE_V20_END);
      await deregister();
      const err = expectGraphError(await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/settings`, { json: ENABLE_BR }), 100, 400);
      expect(String(err.message)).toMatch(new RegExp(String.raw`${versionPattern(FIRST_SETTINGS_VERSION)}|data_localization_region`));
    });
    test('ON_PREMISE and coexistence numbers cannot enable local storage', async () => {
      await deregister();
      await emu().admin.patchPhoneNumber(N_REGISTERED, { platform_type: 'ON_PREMISE' });
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: ENABLE_BR }), 100, 400);
      await emu().admin.patchPhoneNumber(N_REGISTERED, { platform_type: 'NOT_APPLICABLE', is_on_biz_app: true });
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: ENABLE_BR }), 100, 400);
      expect(
        (
          await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
            json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } },
          })
        ).data,
      ).toEqual({ success: true });
    });
    test('malformed bodies: 100', async () => {
      await deregister();
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          rawBody: '{"storage_configuration": ',
          headers: { 'content-type': 'application/json' },
        }),
        100,
        400,
      );
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          rawBody: '[1,2]',
          headers: { 'content-type': 'application/json' },
        }),
        100,
        400,
      );
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { form: { storage_configuration: '{not json' } }),
        100,
        400,
      );
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: {} }), 100, 400);
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          json: { ...ENABLE_BR, calling: { status: 'ENABLED' } },
        }),
        100,
        400,
      );
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: { storage_configuration: 'BR' } }),
        100,
        400,
      );
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
          rawBody: 'x',
          headers: { 'content-type': 'application/xml' },
        }),
        100,
        400,
      );
    });
    test('other settings features are stored and read back beside storage_configuration', async () => {
      expect(
        (await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: { calling: { status: 'ENABLED' } } })).data,
      ).toEqual({
        success: true,
      });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).data).toEqual({
        calling: { status: 'ENABLED' },
        storage_configuration: { status: 'DEFAULT' },
      });
    });
  });

  describe('GET settings', () => {
    test('lower-case option and unknown statuses verbatim', async () => {
      await emu().admin.setOptions({ status_case: 'lower' });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).data).toEqual({
        storage_configuration: { status: 'in_country_storage_enabled', data_localization_region: 'BR' },
      });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).data).toEqual({
        storage_configuration: { status: 'default' },
      });
      await emu().admin.setOptions({ status_case: 'upper' });
      await emu().admin.patchPhoneNumber(N_REGISTERED, { storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 } });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).data).toEqual({
        storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 },
      });
    });
  });

  describe('register', () => {
    beforeEach(() => deregister());
    test('needs messaging_product "whatsapp" and a 6-digit PIN', async () => {
      const bad = [
        { pin: '123456' },
        { messaging_product: 'sms', pin: '123456' },
        { messaging_product: 'whatsapp' },
        { messaging_product: 'whatsapp', pin: '12345' },
        { messaging_product: 'whatsapp', pin: '12345a' },
        { messaging_product: 'whatsapp', pin: '1234567' },
      ];
      for (const body of bad)
        expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: body }), 100, 400);
      expect(
        (
          await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
            form: { messaging_product: 'whatsapp', pin: '123456' },
          })
        ).data,
      ).toEqual({ success: true });
    });
    test('wrong PIN: 133005; repeated wrong PINs lock: 133008 until the lockout passes on the clock', async () => {
      const wrong = { messaging_product: 'whatsapp', pin: '000000' };
      for (let i = 0; i < 5; i++)
        expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: wrong }), 133005, 400);
      const locked = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }),
        133008,
        400,
      );
      expect(String((locked.error_data as { details: string }).details)).toMatch(/after/);
      await emu().admin.advanceClock(61 * 60_000);
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
    });
    test('not VERIFIED: 133006 until request_code + verify_code', async () => {
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/register`, { json: REGISTER }), 133006, 400);
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code`, { form: { code_method: 'VOICE', language: 'en' } });
      const code = await emu().admin.lastVerificationCode(N_LEGACY);
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, {
          json: { code: code === '111111' ? '222222' : '111111' },
        }),
        100,
        400,
      );
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, { json: { code } })).data).toEqual({
        success: true,
      });
      expect(
        body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}?fields=code_verification_status`)).code_verification_status,
      ).toBe('VERIFIED');
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/register`, { json: REGISTER })).data).toEqual({ success: true });
    });
    test('register keeps storage written with settings; sets CONNECTED and CLOUD_API', async () => {
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: ENABLE_BR });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status,platform_type`)).data).toEqual({
        status: 'DISCONNECTED',
        platform_type: 'NOT_APPLICABLE',
        id: N_REGISTERED,
      });
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER });
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status,platform_type`)).data).toEqual({
        status: 'CONNECTED',
        platform_type: 'CLOUD_API',
        id: N_REGISTERED,
      });
      expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).storage_configuration).toEqual({
        status: 'IN_COUNTRY_STORAGE_ENABLED',
        data_localization_region: 'BR',
      });
    });
    test(`data_localization_region on /register: honoured on ${LAST_REGISTER_VERSION} before its end, refused as deprecated (12) on ${FIRST_SETTINGS_VERSION}; unsupported region is 100 on ${LAST_REGISTER_VERSION}`, async () => {
      await emu().admin.setClock(BEFORE_V20_END);
      expectGraphError(
        await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, data_localization_region: 'US' } }),
        100,
        400,
      );
      const deprecated = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
          json: { ...REGISTER, data_localization_region: 'DE' },
        }),
        12,
        400,
      );
      expect(String(deprecated.message)).toMatch(
        new RegExp(
          String.raw`^\(#12\) data_localization_region is deprecated for versions ${versionPattern(FIRST_SETTINGS_VERSION)} or higher$`,
        ),
      );
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER });
      expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).storage_configuration).toEqual({
        status: 'DEFAULT',
      });
      await deregister();
      await graph().post(`/${versionBefore(LAST_REGISTER_VERSION)}/${N_REGISTERED}/register`, {
        json: { ...REGISTER, data_localization_region: 'DE' },
      });
      expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).storage_configuration).toEqual({
        status: 'IN_COUNTRY_STORAGE_ENABLED',
        data_localization_region: 'DE',
      });
      // Changing the region on a registered number through legacy register is refused.
      expectGraphError(
        await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, data_localization_region: 'GB' } }),
        100,
        400,
      );
    });
    test('register on an already registered number succeeds (re-register) and counts', async () => {
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER });
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
      expect((await emu().admin.state()).counters[N_REGISTERED].register).toHaveLength(2);
    });
    test('a number without two-step PIN takes the register PIN as its new PIN', async () => {
      await emu().admin.patchPhoneNumber(N_REGISTERED, { pin: null });
      expect(
        (
          await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
            json: { messaging_product: 'whatsapp', pin: '654321' },
          })
        ).data,
      ).toEqual({ success: true });
      await deregister();
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }), 133005, 400);
    });
  });

  describe('register/deregister rate limit: 10 per number per 72 hours, separate counters', () => {
    test('the 11th register in 72 h is 133016; deregister has its own counter; the window moves on the clock', async () => {
      for (let i = 0; i < 10; i++)
        expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).status).toBe(200);
      const err = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }),
        133016,
        400,
      );
      expect(err.is_transient).toBe(false);
      // Deregister is counted separately: still allowed.
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
      // Other numbers are not affected.
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/106540352242923/register`, { json: REGISTER })).status).toBe(200);
      await emu().admin.advanceClock(71 * 3_600_000);
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }), 133016, 400);
      await emu().admin.advanceClock(1 * 3_600_000 + 1000);
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
    });
    test('the 11th deregister in 72 h is 133016 while register still works', async () => {
      // Only a registered number can be deregistered: the admin API registers it again between calls, spending no register quota.
      const relink = () =>
        emu().admin.patchPhoneNumber(N_REGISTERED, { registered: true, status: 'CONNECTED', platform_type: 'CLOUD_API' });
      for (let i = 0; i < 10; i++) {
        expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).status).toBe(200);
        await relink();
      }
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`), 133016, 400);
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
      await emu().admin.advanceClock(72 * 3_600_000 + 1);
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`)).data).toEqual({ success: true });
    });
  });

  describe('deregister', () => {
    test('clears local storage by default; the option keeps it', async () => {
      await deregister(N_BR);
      expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).data).toEqual({
        storage_configuration: { status: 'DEFAULT' },
      });
      await emu().admin.reset();
      await emu().admin.setOptions({ deregister_clears_storage: false });
      await deregister(N_BR);
      expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).storage_configuration?.data_localization_region).toBe(
        'BR',
      );
    });
    test('on an unregistered number is refused (100, subcode 2207051) and does not count', async () => {
      await deregister();
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`), 100, 400, 2207051);
      expect((await emu().admin.state()).counters[N_REGISTERED].deregister).toHaveLength(1);
    });
    test('coexistence numbers cannot be deregistered', async () => {
      await emu().admin.patchPhoneNumber(N_REGISTERED, { is_on_biz_app: true });
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`), 100, 400);
    });
  });

  describe('request_code / verify_code', () => {
    test('parameters are checked; codes expire on the clock', async () => {
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code`, { json: { language: 'en' } }), 100, 400);
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code`, { json: { code_method: 'FAX', language: 'en' } }),
        100,
        400,
      );
      expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code`, { json: { code_method: 'SMS' } }),
        100,
        400,
      );
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, { json: { code: '123830' } }), 100, 400);
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/request_code?code_method=SMS&language=en_US`);
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code`, { json: { code: 'abc' } }), 100, 400);
      await emu().admin.advanceClock(11 * 60_000);
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_LEGACY}/verify_code?code=123830`), 100, 400);
    });
    test('a random 6-digit code when the seed fixes none', async () => {
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/request_code`, { form: { code_method: 'SMS', language: 'pt_BR' } });
      const info = await emu().admin.verificationCode(N_REGISTERED);
      expect(info).toMatchObject({ phoneNumberId: N_REGISTERED, method: 'SMS', language: 'pt_BR' });
      expect(info!.code).toMatch(/^\d{6}$/);
      expect(await emu().admin.lastVerificationCode(N_BR)).toBeUndefined();
    });
  });

  describe('GET phone number node and list', () => {
    test('default fields; fields=; status only when asked; unknown field is 100', async () => {
      const def = body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}`));
      expect(def).toEqual({ id: N_REGISTERED, display_phone_number: '+55 11 5555 0100', verified_name: 'Acme', quality_rating: 'GREEN' });
      expect(def).not.toHaveProperty('status');
      const asked = body(
        await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}`, {
          query: { fields: 'id,display_phone_number,verified_name,code_verification_status,platform_type,status,throughput{level}' },
        }),
      );
      expect(asked).toEqual({
        id: N_REGISTERED,
        display_phone_number: '+55 11 5555 0100',
        verified_name: 'Acme',
        code_verification_status: 'VERIFIED',
        platform_type: 'CLOUD_API',
        status: 'CONNECTED',
        throughput: { level: 'STANDARD' },
      });
      expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}`, { query: { fields: 'id,bogus' } }), 100, 400);
    });
    test('GET /{waba}/phone_numbers pages with limit/after and lists only what the token may touch', async () => {
      const first = body(
        await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers`, { token: DEMO_TOKEN, query: { limit: '3' } }),
      );
      expect(first.data).toHaveLength(3);
      expect(first.paging?.cursors.after).toEqual(expect.any(String));
      expect(first.paging?.next).toContain('after=');
      const ids = (first.data ?? []).map((n) => n.id);
      let after = first.paging?.cursors.after ?? '';
      for (;;) {
        const page = body(
          await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers`, { token: DEMO_TOKEN, query: { limit: '3', after } }),
        );
        ids.push(...(page.data ?? []).map((n) => n.id));
        if (!page.paging?.next) break;
        after = page.paging.cursors.after;
      }
      expect(ids.sort()).toEqual([
        '106540352242922',
        '106540352242923',
        '106540352242924',
        '106540352242925',
        '106540352242926',
        '110200345501442',
        '179776755229976',
      ]);
      const withFields = body(
        await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers?fields=id,status`, { token: DEMO_TOKEN }),
      );
      expect(withFields.data?.[0]).toEqual<Record<string, unknown>>({ id: expect.any(String), status: expect.any(String) });
      expectGraphError(
        await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers`, { token: DEMO_TOKEN, query: { after: 'bm9wZQ' } }),
        100,
        400,
      );
      expectGraphError(
        await graph().get(`/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers`, { token: DEMO_TOKEN, query: { limit: '0' } }),
        100,
        400,
      );
    });
  });

  describe('paths and versions', () => {
    test('unsupported or missing version and unknown edges: 2500 Unknown path components, HTTP 400', async () => {
      for (const path of [
        `/${NEWER_THAN_TABLE}/${N_REGISTERED}/settings`,
        `/${OLDER_THAN_TABLE}/${N_REGISTERED}/settings`,
        `/${N_REGISTERED}/settings`,
        `/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/bogus`,
        `/${FIRST_SETTINGS_VERSION}/`,
        `/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings/x`,
      ]) {
        const err = expectGraphError(await graph().get(path), 2500, 400);
        expect(String(err.message)).toMatch(/^Unknown path components/);
      }
    });
    test('wrong method on an edge: 100', async () => {
      expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`), 100, 400, 33);
    });
    test(`every served version ${OLDEST_SERVED_VERSION}..${DEFAULT_API_VERSION} answers`, async () => {
      for (let v = parseApiVersion(OLDEST_SERVED_VERSION).major; v <= parseApiVersion(DEFAULT_API_VERSION).major; v++)
        expect((await graph().get(`/v${v}.0/${N_BR}/settings`)).status).toBe(200);
    });
  });
});
