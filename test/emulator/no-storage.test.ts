/**
 * Conformance for No Storage (shared/docs/cloud-api.md, "No Storage") over real HTTP:
 * accepted, stored, returned and enforced on the settings flow (v21.0+) and on
 * the legacy register flow (v20.0 and older, at a date v20.0 is still served).
 */
import { body, expectGraphError, N_BR, N_REGISTERED, useEmulator } from './helpers';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

const NO_STORAGE = { storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 } };
const REGISTER = { messaging_product: 'whatsapp', pin: '123456' };
/** A day v20.0 is still usable (Meta ends it on 2026-09-24). */
const BEFORE_V20_END = Date.parse('2026-06-01T12:00:00Z');

describe('No Storage in the emulator', () => {
  const { graph, emu } = useEmulator();
  const deregister = async (id = N_REGISTERED) =>
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${id}/deregister`)).status).toBe(200);
  const settings = async (id = N_REGISTERED, version = FIRST_SETTINGS_VERSION) =>
    body(await graph().get(`/${version}/${id}/settings`)).storage_configuration;

  describe(`settings flow (${FIRST_SETTINGS_VERSION}+)`, () => {
    test('accepted while unregistered, stored, and read back with retention_minutes; registering keeps it', async () => {
      await deregister();
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: NO_STORAGE })).data).toEqual({
        success: true,
      });
      expect(await settings()).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
      expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
      expect(await settings()).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
      const state = await emu().admin.state();
      expect(state.phone_numbers.find((n) => n.id === N_REGISTERED)!.storage_configuration).toEqual({
        status: 'NO_STORAGE_ENABLED',
        retention_minutes: 60,
      });
    });

    test('as a form parameter (JSON text) too', async () => {
      await deregister();
      const res = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
        form: { storage_configuration: JSON.stringify(NO_STORAGE.storage_configuration) },
      });
      expect(res.data).toEqual({ success: true });
      expect(await settings()).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
    });

    test('only while unregistered: 100, storage unchanged', async () => {
      const err = expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`, { json: NO_STORAGE }), 100, 400);
      expect(String((err.error_data as { details: string }).details)).toMatch(/deregister/);
      expect(await settings(N_BR)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });
    });

    test.each([
      [{ status: 'NO_STORAGE_ENABLED' }, /retention_minutes\] is required/],
      [{ status: 'NO_STORAGE_ENABLED', retention_minutes: 1440 }, /must be one of \{60\}/],
      [{ status: 'NO_STORAGE_ENABLED', retention_minutes: '60m' }, /must be one of \{60\}/],
      [
        { status: 'NO_STORAGE_ENABLED', retention_minutes: 60, data_localization_region: 'BR' },
        /data_localization_region\] is only allowed/,
      ],
      [
        { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR', retention_minutes: 60 },
        /retention_minutes\] is only allowed when status is NO_STORAGE_ENABLED/,
      ],
      [{ status: 'IN_COUNTRY_STORAGE_DISABLED', retention_minutes: 60 }, /retention_minutes\] is only allowed/],
    ])('refuses %p with 100 naming the rule', async (body, message) => {
      await deregister();
      const err = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: { storage_configuration: body } }),
        100,
        400,
      );
      expect(String((err.error_data as { details: string }).details)).toMatch(message);
      expect(await settings()).toEqual({ status: 'DEFAULT' });
    });

    test('leaving it: another status written while unregistered replaces it', async () => {
      await deregister();
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: NO_STORAGE });
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, {
        json: { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } },
      });
      expect(await settings()).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' });
    });

    test('lower-case status option reads no_storage_enabled', async () => {
      await deregister();
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: NO_STORAGE });
      await emu().admin.setOptions({ status_case: 'lower' });
      expect(await settings()).toEqual({ status: 'no_storage_enabled', retention_minutes: 60 });
    });

    test('not for a coexistence number', async () => {
      await deregister();
      await emu().admin.patchPhoneNumber(N_REGISTERED, { is_on_biz_app: true });
      expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`, { json: NO_STORAGE }), 100, 400);
    });
  });

  describe(`legacy flow (${LAST_REGISTER_VERSION}, on a date it is still served)`, () => {
    beforeEach(async () => {
      await emu().admin.setClock(BEFORE_V20_END);
    });

    test('register with meta_store_retention_minutes 60 enables No Storage', async () => {
      await deregister();
      const res = await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
        json: { ...REGISTER, meta_store_retention_minutes: 60 },
      });
      expect(res.data).toEqual({ success: true });
      expect(await settings(N_REGISTERED, LAST_REGISTER_VERSION)).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
    });

    test('never together with data_localization_region: 100, nothing changes', async () => {
      await deregister();
      const res = await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
        json: { ...REGISTER, data_localization_region: 'BR', meta_store_retention_minutes: 60 },
      });
      const err = expectGraphError(res, 100, 400);
      expect(String((err.error_data as { details: string }).details)).toMatch(/cannot be combined with data_localization_region/);
      expect(await settings()).toEqual({ status: 'DEFAULT' });
      const n = (await emu().admin.state()).phone_numbers.find((p) => p.id === N_REGISTERED)!;
      expect(n.registered).toBe(false);
    });

    test('only 60 minutes', async () => {
      await deregister();
      const err = expectGraphError(
        await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
          json: { ...REGISTER, meta_store_retention_minutes: 30 },
        }),
        100,
        400,
      );
      expect(String((err.error_data as { details: string }).details)).toMatch(/meta_store_retention_minutes must be one of \{60\}/);
    });

    test('only while unregistered: a registered number is refused', async () => {
      expectGraphError(
        await graph().post(`/${LAST_REGISTER_VERSION}/${N_BR}/register`, { json: { ...REGISTER, meta_store_retention_minutes: 60 } }),
        100,
        400,
      );
      expect(await settings(N_BR)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });
    });

    test('leaving it: deregister, then register without the parameter disables it', async () => {
      await deregister();
      await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, { json: { ...REGISTER, meta_store_retention_minutes: 60 } });
      await deregister();
      expect((await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).data).toEqual({
        success: true,
      });
      expect(await settings()).toEqual({ status: 'DEFAULT' });
    });

    test(`answered by ${FIRST_SETTINGS_VERSION}+ (${FIRST_SETTINGS_VERSION} itself, or ${LAST_REGISTER_VERSION} after its end) meta_store_retention_minutes is refused as deprecated (12): nothing changes, no quota counted`, async () => {
      await deregister();
      const deprecated = expectGraphError(
        await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, {
          json: { ...REGISTER, meta_store_retention_minutes: 60 },
        }),
        12,
        400,
      );
      expect(String(deprecated.message)).toMatch(
        new RegExp(
          String.raw`^\(#12\) meta_store_retention_minutes is deprecated for versions ${versionPattern(FIRST_SETTINGS_VERSION)} or higher$`,
        ),
      );
      await emu().admin.setClock(Date.UTC(2026, 8, 25));
      expectGraphError(
        await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/register`, {
          json: { ...REGISTER, meta_store_retention_minutes: 60 },
        }),
        12,
        400,
      );
      expect(await settings()).toEqual({ status: 'DEFAULT' });
      const state = await emu().admin.state();
      expect(state.phone_numbers.find((p) => p.id === N_REGISTERED)!.registered).toBe(false);
      expect(state.counters[N_REGISTERED].register).toHaveLength(0);
    });

    test(`the settings flow refuses No Storage on ${LAST_REGISTER_VERSION}`, async () => {
      await deregister();
      expectGraphError(await graph().post(`/${LAST_REGISTER_VERSION}/${N_REGISTERED}/settings`, { json: NO_STORAGE }), 100, 400);
    });
  });
});
