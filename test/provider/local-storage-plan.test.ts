/**
 * Plan logic in-process (the service object, real engine code, no network:
 * updates plan from prior state; the base URL points nowhere on purpose).
 */
import { expect } from '@jest/globals';
import { createProviderService } from '../../src/provider/provider';
import type { ProviderService, CallContext } from '../../src/plugin/protocol/provider-service';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';
import { dataSourceSchemas, objectTypeOf, providerConfigSchema, resourceSchemas } from '../../src/provider/schema';
import { DATA_SOURCES, RESOURCES } from '../../src/provider/registry';
import { decodeMsgpack, encodeMsgpack, isUnknown, record, UNKNOWN, type Value } from '../../src/plugin/values';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

const type = objectTypeOf(localStorageResourceSchema);
const providerType = objectTypeOf(providerConfigSchema);
const ctx: CallContext = { signal: new AbortController().signal, protocolVersion: 6, method: '/tfplugin6.Provider/Test' };
const ID = '106540352242922';
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const obj = (values: Record<string, Value>) =>
  record(Object.fromEntries(Object.keys(type.attributes).map((k) => [k, k in values ? values[k] : null])));
const dv = (v: Value) => ({ msgpack: encodeMsgpack(v, type) });
const read = (bytes: Uint8Array | null | undefined) => {
  const r = decodeMsgpack(bytes, type);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value as Record<string, Value> | null;
};
const stateBR = obj({
  id: ID,
  phone_number_id: ID,
  data_localization_region: 'BR',
  pin: '123456',
  disable_on_destroy: false,
  set_pin_before_deregister: false,
  storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
  storage_mode: 'IN_COUNTRY',
  registered: true,
  display_phone_number: '+1 555-0100',
});

async function configured(accessToken: Value = 'token-for-tests', apiVersion: Value = null): Promise<ProviderService> {
  const service = createProviderService({ env: {}, logger: silent });
  const res = await service.configureProvider(
    {
      config: {
        msgpack: encodeMsgpack(
          record({
            access_token: accessToken,
            api_version: apiVersion,
            base_url: 'http://127.0.0.1:9',
            request_timeout_seconds: 1,
            max_retries: 0,
          }),
          providerType,
        ),
      },
    },
    ctx,
  );
  expect(res.diagnostics).toEqual([]);
  return service;
}

async function plan(service: ProviderService, prior: Value, cfg: Value, proposed: Value = cfg) {
  const res = await service.planResourceChange(
    { typeName: 'whatsapp_local_storage', priorState: dv(prior), proposedNewState: dv(proposed), config: dv(cfg) },
    ctx,
  );
  return { res, planned: read(res.plannedState?.msgpack) };
}

/** Config derived from state: what the user wrote. */
const configOf = (state: Record<string, Value>, changes: Record<string, Value> = {}) =>
  obj({ phone_number_id: state.phone_number_id, data_localization_region: state.data_localization_region, pin: state.pin, ...changes });
/** Proposed new state: config plus prior computed values, as Terraform builds it. */
const proposedOf = (state: Record<string, Value>, cfg: Record<string, Value>) =>
  record({
    ...cfg,
    id: state.id,
    storage_status: state.storage_status,
    registered: state.registered,
    display_phone_number: state.display_phone_number,
    disable_on_destroy: cfg.disable_on_destroy ?? state.disable_on_destroy,
    set_pin_before_deregister: cfg.set_pin_before_deregister ?? state.set_pin_before_deregister,
    storage_mode: cfg.storage_mode ?? state.storage_mode,
  });

describe('whatsapp_local_storage planning', () => {
  it('plans no change when configuration and state agree', async () => {
    const service = await configured();
    const cfg = configOf(stateBR);
    const { res, planned } = await plan(service, stateBR, cfg, proposedOf(stateBR, cfg));
    expect(res.diagnostics).toEqual([]);
    expect(planned).toEqual(stateBR);
  });

  it('plans re-registration when the number fell offline, though the configuration did not change', async () => {
    const service = await configured();
    const offline = record({ ...stateBR, registered: false });
    const cfg = configOf(offline);
    const { res, planned } = await plan(service, offline, cfg, proposedOf(offline, cfg));
    expect(res.diagnostics).toEqual([]); // registering an offline number takes nothing offline
    expect(planned).toMatchObject({ registered: true, storage_status: 'IN_COUNTRY_STORAGE_ENABLED', display_phone_number: '+1 555-0100' });
  });

  it('predicts DEFAULT when disabling and warns once, short: residency from and to, the number, offline, the steps, the docs', async () => {
    const service = await configured();
    const cfg = configOf(stateBR, { data_localization_region: null, storage_mode: 'DEFAULT' });
    const { res, planned } = await plan(service, stateBR, cfg, proposedOf(stateBR, cfg));
    expect(planned).toMatchObject({ storage_status: 'DEFAULT', storage_mode: 'DEFAULT', registered: true, data_localization_region: null });
    expect(res.diagnostics).toHaveLength(1);
    const [w] = res.diagnostics!;
    expect(w).toMatchObject({
      severity: 2,
      summary: "Data residency weakens: local storage in BR -> local storage disabled (Meta's default storage)",
    });
    expect(w.detail).toBe(
      `Phone number ${ID}: offline a few seconds, one number at a time (deregister -> write_settings(disabled) -> register). ` +
        'Quota: 9 + 9 of 10 left in 72 h. Why, PIN risk: "Downtime" in the resource docs.',
    );
  });

  it(`on ${LAST_REGISTER_VERSION}, which Meta stopped serving on 2026-09-24, plans the Settings API flow of ${FIRST_SETTINGS_VERSION} and says so (no answer read yet: the version table and the clock decide)`, async () => {
    const service = await configured('token-for-tests', LAST_REGISTER_VERSION);
    const cfg = configOf(stateBR, { data_localization_region: 'IN' });
    const { res } = await plan(service, stateBR, cfg, proposedOf(stateBR, cfg));
    expect(res.diagnostics![0].detail).toContain('deregister -> write_settings(IN) -> register');
    expect(res.diagnostics![0].detail).not.toContain('legacy');
    const version = res.diagnostics!.find((d) =>
      new RegExp(String.raw`Graph API ${versionPattern(LAST_REGISTER_VERSION)} has stopped`).test(d.summary ?? ''),
    );
    expect(version?.detail).toMatch(
      new RegExp(
        String.raw`stopped on 2026-09-24: Meta answers calls to it as ${versionPattern(FIRST_SETTINGS_VERSION)} does, so this plan uses the Settings API flow of ${versionPattern(FIRST_SETTINGS_VERSION)}`,
      ),
    );
    // The fix is written as HCL: the engine words the client's notice in the provider's names.
    expect(version?.detail).toMatch(/ Set api_version = "v\d+\.0" \(or newer\)\.$/);
  });

  it('leaves storage_status unknown while the region is unknown, and never plans a write-only value', async () => {
    const service = await configured();
    const cfg = configOf(stateBR, { data_localization_region: UNKNOWN, pin: null, pin_wo: '123456', pin_wo_version: 1 });
    const { res, planned } = await plan(service, stateBR, cfg, proposedOf(stateBR, cfg));
    expect(res.diagnostics).toEqual([]);
    expect(isUnknown(planned!.storage_status)).toBe(true);
    expect(planned!.pin_wo).toBeNull();
    expect(planned!.registered).toBe(true);
  });

  it('asks for pin_wo when pin_wo_version changes without it', async () => {
    const service = await configured();
    const prior = record({ ...stateBR, pin: null, pin_wo_version: 1 });
    const cfg = configOf(prior, { pin_wo_version: 2 });
    const { res } = await plan(service, prior, cfg, proposedOf(prior, cfg));
    expect(res.diagnostics).toEqual([expect.objectContaining({ severity: 1, attribute: { steps: [{ attributeName: 'pin_wo' }] } })]);
  });

  it('refuses a destroy that must disable storage without a stored PIN', async () => {
    const service = await configured();
    const prior = record({ ...stateBR, pin: null, disable_on_destroy: true });
    const { res, planned } = await plan(service, prior, null, null);
    expect(planned).toBeNull();
    expect(res.diagnostics!.map((d) => d.severity)).toEqual([2, 1]);
    expect(res.diagnostics![0].summary).toBe(
      "Data residency weakens: local storage in BR -> local storage disabled (Meta's default storage)",
    );
    expect(res.diagnostics![0].detail).toContain(`On destroy (disable_on_destroy): Phone number ${ID}:`);
    expect(res.diagnostics![1].summary).toContain('pin is required');
  });

  it('plans without an engine while the provider configuration is unknown, and reads nothing', async () => {
    const service = await configured(UNKNOWN);
    const cfg = obj({ phone_number_id: ID, data_localization_region: 'BR', pin: UNKNOWN });
    const { res, planned } = await plan(service, null, cfg);
    expect(res.diagnostics).toEqual([]);
    expect(planned).toMatchObject({ id: ID, storage_status: 'IN_COUNTRY_STORAGE_ENABLED', registered: true, disable_on_destroy: false });
    expect(isUnknown(planned!.display_phone_number)).toBe(true);
    const readRes = await service.readResource({ typeName: 'whatsapp_local_storage', currentState: dv(stateBR) }, ctx);
    expect(readRes.diagnostics).toEqual([]);
    expect(read(readRes.newState?.msgpack)).toEqual(stateBR);
    const applyRes = await service.applyResourceChange(
      { typeName: 'whatsapp_local_storage', priorState: dv(null), plannedState: dv(planned), config: dv(cfg) },
      ctx,
    );
    expect(applyRes.diagnostics![0].summary).toBe('Provider configuration not known yet');
  });

  it('reports a missing token at configure, naming the attribute and the variable', async () => {
    const service = createProviderService({ env: {}, logger: silent });
    const res = await service.configureProvider({ config: { msgpack: encodeMsgpack(record({}), providerType) } }, ctx);
    expect(res.diagnostics).toEqual([
      expect.objectContaining({
        severity: 1,
        attribute: { steps: [{ attributeName: 'access_token' }] },
        detail: expect.stringContaining('WHATSAPP_ACCESS_TOKEN'),
      }),
    ]);
  });

  it('answers every unsupported feature with a diagnostic or an empty list', async () => {
    const service = createProviderService({ env: {}, logger: silent });
    expect((await service.getFunctions({}, ctx)).functions).toEqual({});
    expect(Object.keys((await service.getResourceIdentitySchemas({}, ctx)).identitySchemas ?? {})).toEqual(['whatsapp_local_storage']);
    expect((await service.callFunction({ name: 'f' }, ctx)).error?.text).toContain('"f"');
    expect((await service.lockState({ typeName: 'whatsapp_state' }, ctx)).diagnostics![0].detail).toContain('whatsapp_state');
    expect((await service.moveResourceState({ targetTypeName: 'whatsapp_local_storage' }, ctx)).diagnostics![0].severity).toBe(1);
    const events: unknown[] = [];
    for await (const e of service.listResource({ typeName: 'whatsapp_list' }, ctx)) events.push(e);
    expect(JSON.stringify(events)).toContain('whatsapp_list');
    async function* chunks() {
      yield { meta: { typeName: 'whatsapp_state' } };
    }
    expect((await service.writeStateBytes(chunks(), ctx)).diagnostics![0].detail).toContain('whatsapp_state');
  });

  it('names what it offers from the one type registry', async () => {
    const service = createProviderService({ env: {}, logger: silent });
    const detail = (await service.openEphemeralResource({ typeName: 'whatsapp_token' }, ctx)).diagnostics![0].detail;
    expect(detail).toBe(
      'The whatsapp provider has no ephemeral resource type "whatsapp_token". ' +
        'It offers the resource whatsapp_local_storage, the data sources whatsapp_phone_number, whatsapp_phone_numbers and whatsapp_local_storage_regions ' +
        'and the list resource whatsapp_local_storage.',
    );
    const metadata = await service.getMetadata({}, ctx);
    expect(metadata.resources!.map((r) => r.typeName)).toEqual(RESOURCES.map((r) => r.typeName));
    expect(metadata.dataSources!.map((d) => d.typeName)).toEqual(DATA_SOURCES.map((d) => d.typeName));
    expect(Object.keys(resourceSchemas)).toEqual(RESOURCES.map((r) => r.typeName));
    expect(Object.keys(dataSourceSchemas)).toEqual(['whatsapp_phone_number', 'whatsapp_phone_numbers', 'whatsapp_local_storage_regions']);
    expect(metadata.listResources!.map((l) => l.typeName)).toEqual(['whatsapp_local_storage']);
  });
});

describe('whatsapp_local_storage config generation', () => {
  it('generates the managed arguments from state and leaves secrets out', async () => {
    const service = createProviderService({ env: {}, logger: silent });
    const res = await service.generateResourceConfig({ typeName: 'whatsapp_local_storage', state: dv(stateBR) }, ctx);
    expect(res.diagnostics).toEqual([]);
    // The generated configuration states the mode (a configuration without one is refused).
    expect(read(res.config?.msgpack)).toEqual(obj({ phone_number_id: ID, data_localization_region: 'BR', storage_mode: 'IN_COUNTRY' }));
  });
});
