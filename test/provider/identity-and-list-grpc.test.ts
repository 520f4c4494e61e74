/**
 * Resource identity, the whatsapp_phone_numbers data source and the
 * whatsapp_local_storage list resource through the real provider process, over
 * gRPC, on protocol 6 and protocol 5, against an emulator with a WABA of more
 * than one page of numbers in mixed states and another tenant's WABA.
 */
import { generatedPhoneNumberId, generatedSeed, defaultSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import {
  commonClient,
  ctyType,
  dv,
  fromDv,
  startProvider,
  type CommonClient,
  type Diagnostic,
  type ProviderProcess,
  LOCAL_STORAGE_ATTRS,
} from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const TOKEN = 'fleet-token';
const PIN = '246810';
const WABA = '300000000000001';
const OTHER_TENANT_WABA = '102290129340398'; // the default seed's WABA: this token is not granted it
const COUNT = 130; // more than one page of 100
const TYPE = 'whatsapp_local_storage';
const RESOURCE_ATTRS = LOCAL_STORAGE_ATTRS;
const DATA_ATTRS = [
  'waba_id',
  'registered_only',
  'storage_status',
  'data_localization_region',
  'include_storage',
  'id',
  'ids',
  'phone_numbers',
];
const LIST_ATTRS = ['waba_id', 'registered_only', 'storage_status', 'data_localization_region'];

type Obj = Record<string, unknown>;
const errors = (diags: Diagnostic[] | null | undefined) => (diags ?? []).filter((d) => d.severity === 1);
const full = (names: string[], values: Obj): Obj => Object.fromEntries(names.map((k) => [k, k in values ? values[k] : null]));

/** Mixed fleet: every 3rd number stores in DE, every 5th is unregistered, every 7th is not verified. */
const storageOf = (i: number) =>
  i % 3 === 0 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' };
const registeredOf = (i: number) => i % 5 !== 0;

let emulator: RunningEmulator;

beforeAll(async () => {
  const seed = generatedSeed(COUNT, {
    token: TOKEN,
    pin: PIN,
    base: defaultSeed(),
    storage: storageOf,
    number: (i) => ({ registered: registeredOf(i), ...(i % 7 === 0 ? { code_verification_status: 'NOT_VERIFIED' } : {}) }),
  });
  emulator = await startEmulator({ port: 0, quiet: true, seed });
});

afterAll(async () => {
  await emulator?.close();
});

describe.each([
  { protocol: 6 as const, versions: '6' },
  { protocol: 5 as const, versions: '5' },
])('protocol $protocol', ({ protocol, versions }) => {
  let p: ProviderProcess;
  /** The same RPCs on either protocol (v5 spells a few names differently). */
  let rpc: CommonClient;

  beforeAll(async () => {
    p = await startProvider({ protocolVersions: versions });
    rpc = commonClient(p, protocol);
    const res = await rpc.configureProvider({
      terraformVersion: '1.14.0',
      config: dv({
        access_token: TOKEN,
        api_version: FIRST_SETTINGS_VERSION,
        base_url: emulator.url,
        request_timeout_seconds: 10,
        max_retries: 0,
      }),
    });
    expect(errors(res.diagnostics)).toEqual([]);
  });

  afterAll(async () => {
    await p?.close();
  });

  test('announces the identity schema of whatsapp_local_storage and the list resource, nothing more', async () => {
    const ids = await rpc.getResourceIdentitySchemas({});
    expect(Object.keys(ids.identitySchemas!)).toEqual([TYPE]);
    const schema = ids.identitySchemas![TYPE];
    expect(Number(schema.version)).toBe(0);
    expect(schema.identityAttributes).toEqual([
      expect.objectContaining({ name: 'phone_number_id', type: ctyType('string'), requiredForImport: true, optionalForImport: false }),
    ]);
    const meta = await rpc.getMetadata({});
    expect(meta.listResources).toEqual([{ typeName: TYPE }]);
    expect(meta.dataSources!.map((d) => d.typeName)).toContain('whatsapp_phone_numbers');
    const providerSchema = await rpc.getProviderSchema({});
    const attributes = providerSchema.listResourceSchemas![TYPE].block!.attributes!;
    expect(attributes.map((a) => a.name)).toEqual([...LIST_ATTRS].sort());
    expect(attributes.find((a) => a.name === 'waba_id')!.required).toBe(true);
  });

  test('read, plan, apply and import answer with the identity; import by identity works', async () => {
    const id = generatedPhoneNumberId(3); // DE, registered
    const imported = await rpc.importResourceState({ typeName: TYPE, identity: { identityData: dv({ phone_number_id: id }) } });
    expect(errors(imported.diagnostics)).toEqual([]);
    expect(imported.importedResources).toHaveLength(1);
    const [importedResource] = imported.importedResources!;
    expect(fromDv(importedResource.identity!.identityData)).toEqual({ phone_number_id: id });
    expect((fromDv(importedResource.state) as Obj).phone_number_id).toBe(id);

    const byId = await rpc.importResourceState({ typeName: TYPE, id });
    expect(fromDv(byId.importedResources![0].identity!.identityData)).toEqual({ phone_number_id: id });

    const read = await rpc.readResource({
      typeName: TYPE,
      currentState: importedResource.state,
      currentIdentity: importedResource.identity,
    });
    expect(errors(read.diagnostics)).toEqual([]);
    const state = fromDv(read.newState) as Obj;
    expect(state).toMatchObject({ phone_number_id: id, data_localization_region: 'DE', registered: true });
    expect(fromDv(read.newIdentity!.identityData)).toEqual({ phone_number_id: id });

    const cfg = full(RESOURCE_ATTRS, { phone_number_id: id, data_localization_region: 'DE' });
    const proposed = {
      ...cfg,
      id,
      storage_status: state.storage_status,
      registered: state.registered,
      display_phone_number: state.display_phone_number,
      disable_on_destroy: false,
    };
    const plan = await rpc.planResourceChange({
      typeName: TYPE,
      priorState: read.newState,
      proposedNewState: dv(proposed),
      config: dv(cfg),
      priorIdentity: read.newIdentity,
    });
    expect(errors(plan.diagnostics)).toEqual([]);
    expect(fromDv(plan.plannedIdentity!.identityData)).toEqual({ phone_number_id: id });

    await emulator.admin.clearCalls();
    const apply = await rpc.applyResourceChange({
      typeName: TYPE,
      priorState: read.newState,
      plannedState: plan.plannedState,
      config: dv(cfg),
      plannedIdentity: plan.plannedIdentity,
    });
    expect(errors(apply.diagnostics)).toEqual([]);
    expect(fromDv(apply.newIdentity!.identityData)).toEqual({ phone_number_id: id });
    expect((await emulator.admin.calls()).filter((c) => c.method === 'POST')).toEqual([]);
  });

  test('a bad identity is refused at import with the field named', async () => {
    const res = await rpc.importResourceState({ typeName: TYPE, identity: { identityData: dv({ phone_number_id: '12/../me' }) } });
    expect(res.importedResources ?? []).toEqual([]);
    expect(errors(res.diagnostics)[0]).toMatchObject({ summary: 'Invalid import identity' });
  });

  test('UpgradeResourceIdentity reads version 0 and refuses a newer version', async () => {
    const ok = await rpc.upgradeResourceIdentity({
      typeName: TYPE,
      version: 0,
      rawIdentity: { json: Buffer.from(JSON.stringify({ phone_number_id: '106540352242922' })) },
    });
    expect(errors(ok.diagnostics)).toEqual([]);
    expect(fromDv(ok.upgradedIdentity!.identityData)).toEqual({ phone_number_id: '106540352242922' });
    const newer = await rpc.upgradeResourceIdentity({
      typeName: TYPE,
      version: 3,
      rawIdentity: { json: Buffer.from('{"phone_number_id":"1"}') },
    });
    expect(errors(newer.diagnostics)[0].summary).toBe('Identity from a newer provider');
  });

  test('ValidateListResourceConfig checks the config fields and the limit', async () => {
    const good = await rpc.validateListResourceConfig({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA, storage_status: 'DEFAULT' })),
    });
    expect(errors(good.diagnostics)).toEqual([]);
    const bad = await rpc.validateListResourceConfig({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: 'x1', storage_status: 'ON', data_localization_region: 'XX' })),
      limit: dv(0),
    });
    const paths = errors(bad.diagnostics).map((d) => (d.attribute?.steps ?? []).map((s) => s.attributeName).join('.'));
    expect(paths.sort()).toEqual(['data_localization_region', 'limit', 'storage_status', 'waba_id']);
  });

  test('ListResource streams every number across pages with identity, and the resource object when asked', async () => {
    await emulator.admin.clearCalls();
    const events = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA })),
      includeResourceObject: false,
      limit: 1000,
    });
    expect(events.flatMap((e) => errors(e.diagnostic))).toEqual([]);
    expect(events).toHaveLength(COUNT);
    expect(events.map((e) => (fromDv(e.identity!.identityData) as Obj).phone_number_id)).toEqual(
      Array.from({ length: COUNT }, (_, i) => generatedPhoneNumberId(i)),
    );
    expect(events[1].displayName).toBe('+1 555 0000001 (Generated 1)');
    expect(events[5].displayName).toBe('+1 555 0000005 (Generated 5), not registered');
    expect(events.every((e) => e.resourceObject == null)).toBe(true);
    const calls = await emulator.admin.calls();
    expect(calls.map((c) => c.endpoint)).toEqual(['phone_numbers', 'phone_numbers']); // two pages, no per-number reads

    await emulator.admin.clearCalls();
    const withObjects = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA, registered_only: true })),
      includeResourceObject: true,
      limit: 1000,
    });
    const registered = Array.from({ length: COUNT }, (_, i) => i).filter(registeredOf);
    expect(withObjects).toHaveLength(registered.length);
    // Storage is read once per listed number, and not at all for the unregistered ones left out.
    const reads = (await emulator.admin.calls()).map((c) => c.endpoint);
    expect(reads.filter((e) => e === 'settings')).toHaveLength(registered.length);
    expect(reads.filter((e) => e === 'phone_numbers')).toHaveLength(2);
    const third = fromDv(withObjects[2].resourceObject) as Obj; // number 3
    expect(third).toEqual(
      full(RESOURCE_ATTRS, {
        id: generatedPhoneNumberId(3),
        phone_number_id: generatedPhoneNumberId(3),
        data_localization_region: 'DE',
        disable_on_destroy: false,
        storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
        storage_mode: 'IN_COUNTRY',
        registered: true,
        display_phone_number: '+1 555 0000003',
        set_pin_before_deregister: false,
      }),
    );
  });

  test('GenerateResourceConfig turns a listed object into configuration that keeps its storage', async () => {
    const [event] = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA, data_localization_region: 'DE' })),
      includeResourceObject: true,
      limit: 1,
    });
    const res = await rpc.generateResourceConfig({ typeName: TYPE, state: event.resourceObject });
    expect(errors(res.diagnostics)).toEqual([]);
    expect(fromDv(res.config)).toEqual(
      full(RESOURCE_ATTRS, { phone_number_id: generatedPhoneNumberId(0), data_localization_region: 'DE', storage_mode: 'IN_COUNTRY' }),
    );
  });

  test('ListResource stops at the limit and filters by storage', async () => {
    const limited = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA })),
      includeResourceObject: false,
      limit: 5,
    });
    expect(limited).toHaveLength(5);
    const de = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: WABA, data_localization_region: 'DE' })),
      includeResourceObject: false,
      limit: 1000,
    });
    expect(de).toHaveLength(Math.ceil(COUNT / 3));
  });

  test("another tenant's WABA: one error event naming the WABA and the token, no results", async () => {
    const events = await rpc.listResource({
      typeName: TYPE,
      config: dv(full(LIST_ATTRS, { waba_id: OTHER_TENANT_WABA })),
      includeResourceObject: true,
      limit: 10,
    });
    expect(events).toHaveLength(1);
    expect(events[0].identity ?? null).toBeNull();
    const [diag] = errors(events[0].diagnostic);
    expect(diag.summary).toBe(`WABA ${OTHER_TENANT_WABA} not found or not visible to this token`);
    expect(diag.detail).toContain('this token cannot see it');
    expect(diag.detail).not.toContain(TOKEN);
  });

  test('whatsapp_phone_numbers reads every page, with storage and filters', async () => {
    const read = (values: Obj) => rpc.readDataSource({ typeName: 'whatsapp_phone_numbers', config: dv(full(DATA_ATTRS, values)) });
    const all = await read({ waba_id: WABA, include_storage: true });
    expect(errors(all.diagnostics)).toEqual([]);
    const state = fromDv(all.state) as { ids: string[]; phone_numbers: Obj[]; id: string };
    expect(state.id).toBe(WABA);
    expect(state.ids).toHaveLength(COUNT);
    expect(state.phone_numbers[3]).toEqual({
      id: generatedPhoneNumberId(3),
      display_phone_number: '+1 555 0000003',
      verified_name: 'Generated 3',
      registered: true,
      status: 'CONNECTED',
      platform_type: 'CLOUD_API',
      code_verification_status: 'VERIFIED',
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      storage_mode: 'IN_COUNTRY',
      data_localization_region: 'DE',
      retention_minutes: null,
    });
    expect(state.phone_numbers[5]).toMatchObject({
      registered: false,
      storage_status: 'DEFAULT',
      storage_mode: 'DEFAULT',
      data_localization_region: null,
    });
    expect(state.phone_numbers[7]).toMatchObject({ code_verification_status: 'NOT_VERIFIED' });

    const noStorage = fromDv((await read({ waba_id: WABA })).state) as { phone_numbers: Obj[] };
    expect(noStorage.phone_numbers[3]).toMatchObject({ storage_status: null, data_localization_region: null });

    const off = fromDv((await read({ waba_id: WABA, storage_status: 'DEFAULT', registered_only: true })).state) as { ids: string[] };
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => i % 3 !== 0 && registeredOf(i))
      .map(generatedPhoneNumberId);
    expect(off.ids).toEqual(expected);

    const other = await read({ waba_id: OTHER_TENANT_WABA });
    const [diag] = errors(other.diagnostics);
    expect(diag.summary).toBe(`WABA ${OTHER_TENANT_WABA} not found or not visible to this token`);
    expect((diag.attribute?.steps ?? []).map((s) => s.attributeName)).toEqual(['waba_id']);
  });
});
