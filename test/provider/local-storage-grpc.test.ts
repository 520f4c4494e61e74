/**
 * The resource lifecycle through the real provider process (gRPC over mTLS,
 * protocol 6) against a real emulator: configure, validate, plan, apply,
 * drift, import, destroy, upgrade and the data sources.
 */
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { dv, fromDv, startProvider, UNKNOWN, type ProviderProcess, LOCAL_STORAGE_ATTRS } from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const TOKEN = 'demo-token';
const PIN = '123456';
const TYPE = 'whatsapp_local_storage';
const ATTRS = LOCAL_STORAGE_ATTRS;

type Obj = Record<string, unknown>;
type Diag = { severity?: number; summary?: string; detail?: string; attribute?: { steps?: Array<{ attributeName?: string }> } };

/** A full resource object: every attribute present, null unless given. */
function obj(values: Obj): Obj {
  return Object.fromEntries(ATTRS.map((k) => [k, k in values ? values[k] : null]));
}
/** Config as Terraform sends it: computed-only attributes null. */
function config(values: Obj): Obj {
  return obj(values);
}
const pathOf = (d: Diag) => (d.attribute?.steps ?? []).map((s) => s.attributeName);
const errors = (diags: Diag[] | undefined) => (diags ?? []).filter((d) => d.severity === 1);
const warnings = (diags: Diag[] | undefined) => (diags ?? []).filter((d) => d.severity === 2);

let emulator: RunningEmulator;
let p: ProviderProcess;

async function graph(method: 'GET' | 'POST', path: string, body?: object): Promise<Obj> {
  const res = await fetch(`${emulator.url}/${FIRST_SETTINGS_VERSION}/${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Obj;
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}
const settingsOf = async (id: string) => (await graph('GET', `${id}/settings`)).storage_configuration as Obj;

/** Plans like Terraform: proposed = config merged with prior computed values. */
async function plan(prior: Obj | null, cfg: Obj | null) {
  const proposed =
    cfg === null
      ? null
      : prior === null
        ? cfg
        : {
            ...cfg,
            ...Object.fromEntries(
              [
                'id',
                'storage_status',
                'registered',
                'display_phone_number',
                'register_calls_72h',
                'deregister_calls_72h',
                'quota_available_at',
              ].map((k) => [k, prior[k]]),
            ),
            disable_on_destroy: cfg.disable_on_destroy ?? prior.disable_on_destroy,
            set_pin_before_deregister: cfg.set_pin_before_deregister ?? prior.set_pin_before_deregister,
            storage_mode: cfg.storage_mode ?? prior.storage_mode,
          };
  const res = await p.v6.planResourceChange({
    typeName: TYPE,
    priorState: dv(prior),
    proposedNewState: dv(proposed),
    config: dv(cfg),
    clientCapabilities: { writeOnlyAttributesAllowed: true },
  });
  return { res, planned: fromDv(res.plannedState) as Obj | null };
}

async function apply(prior: Obj | null, planned: Obj | null, cfg: Obj | null) {
  const res = await p.v6.applyResourceChange({ typeName: TYPE, priorState: dv(prior), plannedState: dv(planned), config: dv(cfg) });
  return { res, state: fromDv(res.newState) as Obj | null };
}

beforeAll(async () => {
  emulator = await startEmulator();
  p = await startProvider({ env: { TF_LOG_PROVIDER: 'trace' } });
  const res = await p.v6.configureProvider({
    terraformVersion: '1.12.6',
    config: dv({ access_token: TOKEN, api_version: null, base_url: emulator.url, request_timeout_seconds: 10, max_retries: 0 }),
  });
  expect(res.diagnostics ?? []).toEqual([]);
});

afterAll(async () => {
  await p?.close();
  await emulator?.close();
});

describe('whatsapp_local_storage over gRPC', () => {
  it('serves the schema with every attribute described', async () => {
    const schema = await p.v6.getProviderSchema({});
    const attrs = schema.resourceSchemas![TYPE].block!.attributes!;
    expect(attrs.map((a) => a.name).sort()).toEqual([...ATTRS].sort());
    expect(attrs.every((a) => (a.description ?? '').length > 0 && a.descriptionKind === 1)).toBe(true);
    expect(Object.keys(schema.dataSourceSchemas!).sort()).toEqual([
      'whatsapp_local_storage_regions',
      'whatsapp_phone_number',
      'whatsapp_phone_numbers',
    ]);
    expect(schema.serverCapabilities?.planDestroy).toBe(true);
  });

  it('validates fields at their attribute paths', async () => {
    const validate = (values: Obj) =>
      p.v6.validateResourceConfig({ typeName: TYPE, config: dv(config(values)), clientCapabilities: { writeOnlyAttributesAllowed: true } });
    const region = errors((await validate({ phone_number_id: '106540352242922', data_localization_region: 'br' })).diagnostics as Diag[]);
    expect(region).toHaveLength(1);
    expect(pathOf(region[0])).toEqual(['data_localization_region']);
    expect(region[0].detail).toContain('did you mean BR');

    const id = errors((await validate({ phone_number_id: '123/../me' })).diagnostics as Diag[]);
    expect(pathOf(id[0])).toEqual(['phone_number_id']);

    const pin = errors((await validate({ phone_number_id: '106540352242922', pin: '12345' })).diagnostics as Diag[]);
    expect(pathOf(pin[0])).toEqual(['pin']);
    expect(JSON.stringify(pin)).not.toContain('12345"');

    const fine = await validate({ phone_number_id: UNKNOWN, data_localization_region: UNKNOWN, pin: UNKNOWN });
    expect(fine.diagnostics ?? []).toEqual([]);
  });

  it('answers garbage values and unknown types with diagnostics', async () => {
    const garbage = await p.v6.validateResourceConfig({ typeName: TYPE, config: { msgpack: Buffer.from([0xc1, 0xff]) } });
    expect(errors(garbage.diagnostics as Diag[])).toHaveLength(1);
    const unknownType = await p.v6.readDataSource({ typeName: 'whatsapp_nope', config: dv({}) });
    expect(errors(unknownType.diagnostics as Diag[])[0].detail).toContain('whatsapp_nope');
    const eph = await p.v6.openEphemeralResource({ typeName: 'whatsapp_secret', config: dv({}) });
    expect(errors(eph.diagnostics as Diag[])[0].detail).toContain('whatsapp_secret');
    const fns = await p.v6.getFunctions({});
    expect(fns.functions ?? {}).toEqual({});
  });

  it('creates, warns before taking a live number offline, then moves BR -> IN', async () => {
    const id = '106540352242922';
    const cfgBR = config({ phone_number_id: id, data_localization_region: 'BR', pin: PIN });
    const created = await plan(null, cfgBR);
    expect(errors(created.res.diagnostics as Diag[])).toEqual([]);
    const offline = warnings(created.res.diagnostics as Diag[]);
    expect(offline.map((d) => d.summary)).toEqual([
      "Storage change takes numbers offline: local storage disabled (Meta's default storage) -> local storage in BR",
    ]);
    expect(pathOf(offline[0])).toEqual(['data_localization_region']);
    expect(offline[0].detail).toMatch(
      new RegExp(
        `^Phone number ${id}: offline (~\\d+\\.\\d s|under 0\\.1 s), one number at a time \\(deregister -> write_settings\\(BR\\) -> register\\)\\. Quota: 9 \\+ 9 of 10 left in 72 h\\. ` +
          'Why, PIN risk: "Downtime" in the resource docs\\.$',
      ),
    );
    expect(created.planned).toMatchObject({
      id,
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
      disable_on_destroy: false,
    });
    expect(JSON.stringify(created.res.diagnostics)).not.toContain(PIN);

    const applied = await apply(null, created.planned, cfgBR);
    expect(applied.res.diagnostics ?? []).toEqual([]);
    expect(applied.state).toMatchObject({
      id,
      data_localization_region: 'BR',
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
      pin: PIN,
      pin_wo: null,
    });
    expect(typeof applied.state!.display_phone_number).toBe('string');
    expect(await settingsOf(id)).toMatchObject({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });

    // No change: empty plan, no warnings.
    const same = await plan(applied.state, cfgBR);
    expect(same.res.diagnostics ?? []).toEqual([]);
    expect(same.planned).toEqual(applied.state);

    const cfgIN = { ...cfgBR, data_localization_region: 'IN' };
    const update = await plan(applied.state, cfgIN);
    expect(update.res.requiresReplace ?? []).toEqual([]);
    const [moves] = warnings(update.res.diagnostics as Diag[]);
    expect(moves.summary).toBe('Data residency moves: local storage in BR -> local storage in IN');
    expect(moves.detail).toMatch(
      new RegExp(
        `^Phone number ${id}: offline (~\\d+\\.\\d s|under 0\\.1 s), one number at a time \\(deregister -> write_settings\\(IN\\) -> register\\)\\. Quota: 9 \\+ 9 of 10 left in 72 h\\. `,
      ),
    );
    expect(update.planned).toMatchObject({
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
      display_phone_number: applied.state!.display_phone_number,
    });
    const updated = await apply(applied.state, update.planned, cfgIN);
    expect(updated.res.diagnostics ?? []).toEqual([]);
    expect(updated.state).toMatchObject({ data_localization_region: 'IN', registered: true });
    expect(await settingsOf(id)).toMatchObject({ data_localization_region: 'IN' });

    // Changing the number replaces the resource.
    const replace = await plan(updated.state, { ...cfgIN, phone_number_id: '106540352242923' });
    expect(replace.res.requiresReplace).toMatchObject([{ steps: [{ attributeName: 'phone_number_id' }] }]);
  });

  it('refuses at plan time to register without a PIN, before anything goes offline', async () => {
    const id = '106540352242925';
    const res = await plan(null, config({ phone_number_id: id, data_localization_region: 'DE' }));
    const [e] = errors(res.res.diagnostics as Diag[]);
    expect(pathOf(e)).toEqual(['pin']);
    expect(e.summary).toContain('pin is required');
    expect(await settingsOf(id)).toMatchObject({ status: 'DEFAULT' });
  });

  it('reads drift made outside Terraform through Graph', async () => {
    const id = '106540352242923';
    const imported = await p.v6.importResourceState({ typeName: TYPE, id });
    expect(imported.diagnostics ?? []).toEqual([]);
    const importedState = fromDv(imported.importedResources![0].state) as Obj;
    expect(importedState).toMatchObject({ id, phone_number_id: id, disable_on_destroy: false });
    const read1 = await p.v6.readResource({ typeName: TYPE, currentState: imported.importedResources![0].state });
    const state1 = fromDv(read1.newState) as Obj;
    expect(state1).toMatchObject({ data_localization_region: null, storage_status: 'DEFAULT', registered: true });

    await graph('POST', `${id}/deregister`);
    await graph('POST', `${id}/settings`, {
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' },
    });
    await graph('POST', `${id}/register`, { messaging_product: 'whatsapp', pin: PIN });

    const read2 = await p.v6.readResource({ typeName: TYPE, currentState: dv(state1) });
    expect(read2.diagnostics ?? []).toEqual([]);
    expect(fromDv(read2.newState)).toMatchObject({
      data_localization_region: 'DE',
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
    });

    const badImport = await p.v6.importResourceState({ typeName: TYPE, id: '123/../me' });
    expect(pathOf(errors(badImport.diagnostics as Diag[])[0])).toEqual([]);
    expect(errors(badImport.diagnostics as Diag[])[0].summary).toBe('Invalid import id');
    expect(badImport.importedResources ?? []).toEqual([]);
  });

  it('keeps state and explains when the number cannot be read', async () => {
    const state = obj({
      id: '999999999999',
      phone_number_id: '999999999999',
      data_localization_region: 'BR',
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
      disable_on_destroy: false,
    });
    const res = await p.v6.readResource({ typeName: TYPE, currentState: dv(state) });
    const [e] = errors(res.diagnostics as Diag[]);
    expect(e.summary).toBe('Phone number 999999999999 not found or not visible to this token');
    expect(e.detail).toContain('The state is kept');
    expect(pathOf(e)).toEqual(['phone_number_id']);
    expect(fromDv(res.newState)).toEqual(state);
  });

  it('returns the observed truth with the error when apply fails (wrong PIN)', async () => {
    const id = '106540352242924';
    const cfg = config({ phone_number_id: id, data_localization_region: 'SG', pin: '000000' });
    const planned = await plan(null, cfg);
    expect(errors(planned.res.diagnostics as Diag[])).toEqual([]);
    const applied = await apply(null, planned.planned, cfg);
    const [e] = errors(applied.res.diagnostics as Diag[]);
    expect(pathOf(e)).toEqual(['pin']);
    expect(JSON.stringify(applied.res.diagnostics)).not.toContain('000000');
    const node = await graph('GET', `${id}?fields=status`);
    const settings = await settingsOf(id);
    expect(applied.state).toMatchObject({
      id,
      registered: node.status === 'CONNECTED',
      storage_status: settings.status,
      data_localization_region: (settings.data_localization_region as string | undefined) ?? null,
    });
  });

  it('leaves storage alone on destroy unless disable_on_destroy is set', async () => {
    const id = '179776755229976';
    const keep = obj({
      id,
      phone_number_id: id,
      data_localization_region: 'BR',
      pin: PIN,
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
      disable_on_destroy: false,
    });
    const planKeep = await plan(keep, null);
    expect(planKeep.planned).toBeNull();
    const [w] = warnings(planKeep.res.diagnostics as Diag[]);
    expect(w.summary).toContain('stays as it is');
    expect(w.detail).toContain('disable_on_destroy = true');
    const gone = await apply(keep, null, null);
    expect(gone.res.diagnostics ?? []).toEqual([]);
    expect(gone.state).toBeNull();
    expect(await settingsOf(id)).toMatchObject({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });

    const disable = { ...keep, disable_on_destroy: true };
    const planDisable = await plan(disable, null);
    const disableWarnings = warnings(planDisable.res.diagnostics as Diag[]);
    expect(disableWarnings.map((d) => d.summary)).toEqual([
      "Data residency weakens: local storage in BR -> local storage disabled (Meta's default storage)",
    ]);
    expect(disableWarnings[0].detail).toContain(`On destroy (disable_on_destroy): Phone number ${id}: offline`);
    const disabled = await apply(disable, null, null);
    expect(disabled.res.diagnostics ?? []).toEqual([]);
    expect(disabled.state).toBeNull();
    expect(await settingsOf(id)).toMatchObject({ status: 'DEFAULT' });
  });

  it('upgrades v0 and v1 JSON state to v2, stating the mode the status shows', async () => {
    const v0 = {
      id: '106540352242926',
      phone_number_id: '106540352242926',
      data_localization_region: 'AU',
      pin: PIN,
      disable_on_destroy: null,
      storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
      registered: true,
    };
    const up0 = await p.v6.upgradeResourceState({ typeName: TYPE, version: 0, rawState: { json: Buffer.from(JSON.stringify(v0)) } });
    expect(up0.diagnostics ?? []).toEqual([]);
    expect(fromDv(up0.upgradedState)).toEqual(
      obj({ ...v0, disable_on_destroy: false, set_pin_before_deregister: false, storage_mode: 'IN_COUNTRY' }),
    );

    const {
      storage_mode: _m,
      retention_minutes: _r,
      ...v1
    } = obj({ ...v0, disable_on_destroy: true, set_pin_before_deregister: true, display_phone_number: '+1 555' });
    const up1 = await p.v6.upgradeResourceState({ typeName: TYPE, version: 1, rawState: { json: Buffer.from(JSON.stringify(v1)) } });
    expect(fromDv(up1.upgradedState)).toEqual({ ...v1, storage_mode: 'IN_COUNTRY', retention_minutes: null });
    // An early version 1 state, written before set_pin_before_deregister and one_at_a_time existed.
    const { set_pin_before_deregister: _s, one_at_a_time: _o, ...early } = v1;
    const off = { ...early, data_localization_region: null, storage_status: 'DEFAULT' };
    const upOff = await p.v6.upgradeResourceState({ typeName: TYPE, version: 1, rawState: { json: Buffer.from(JSON.stringify(off)) } });
    expect(fromDv(upOff.upgradedState)).toEqual({
      ...off,
      set_pin_before_deregister: false,
      one_at_a_time: null,
      storage_mode: 'DEFAULT',
      retention_minutes: null,
    });

    const v2 = obj({
      ...v0,
      data_localization_region: null,
      storage_status: 'NO_STORAGE_ENABLED',
      storage_mode: 'NO_STORAGE',
      retention_minutes: 60,
      disable_on_destroy: false,
      set_pin_before_deregister: false,
    });
    const up2 = await p.v6.upgradeResourceState({ typeName: TYPE, version: 2, rawState: { json: Buffer.from(JSON.stringify(v2)) } });
    expect(fromDv(up2.upgradedState)).toEqual(v2);
    // Version 3 holds the quota attributes; the ledger behind them is private state, which the engine keeps.
    const v3 = { ...v2, register_calls_72h: 2, deregister_calls_72h: 2, quota_available_at: '2026-12-08T09:00:00Z' };
    const up3 = await p.v6.upgradeResourceState({ typeName: TYPE, version: 3, rawState: { json: Buffer.from(JSON.stringify(v3)) } });
    expect(fromDv(up3.upgradedState)).toEqual(v3);

    const future = await p.v6.upgradeResourceState({ typeName: TYPE, version: 7, rawState: { json: Buffer.from('{}') } });
    expect(errors(future.diagnostics as Diag[])[0].summary).toContain('newer provider');
    const junk = await p.v6.upgradeResourceState({ typeName: TYPE, version: 1, rawState: { json: Buffer.from('{"id": ') } });
    expect(errors(junk.diagnostics as Diag[])).toHaveLength(1);
  });

  it('reads the data sources', async () => {
    const regions = await p.v6.readDataSource({ typeName: 'whatsapp_local_storage_regions', config: dv({ codes: null, regions: null }) });
    const r = fromDv(regions.state) as { codes: string[]; regions: Obj[] };
    expect(r.codes).toContain('BR');
    expect(r.regions).toContainEqual({ code: 'GB', country: 'United Kingdom', area: 'Europe' });

    const number = await p.v6.readDataSource({
      typeName: 'whatsapp_phone_number',
      config: dv({
        phone_number_id: '110200345501442',
        display_phone_number: null,
        verified_name: null,
        code_verification_status: null,
        platform_type: null,
        status: null,
        quality_rating: null,
        name_status: null,
        throughput_level: null,
        registered: null,
        storage_status: null,
        data_localization_region: null,
      }),
    });
    expect(number.diagnostics ?? []).toEqual([]);
    expect(fromDv(number.state)).toMatchObject({
      phone_number_id: '110200345501442',
      registered: false,
      code_verification_status: 'NOT_VERIFIED',
      storage_status: 'DEFAULT',
      data_localization_region: null,
    });
  });

  it('serves the same schema over protocol 5', async () => {
    const v5 = await startProvider({ protocolVersions: '5' });
    try {
      expect(v5.handshake.protocolVersion).toBe(5);
      const schema = await v5.v5.getSchema({});
      const attrs = schema.resourceSchemas![TYPE].block!.attributes!;
      expect(attrs.find((a) => a.name === 'pin_wo')?.writeOnly).toBe(true);
      expect(attrs.map((a) => a.name).sort()).toEqual([...ATTRS].sort());
    } finally {
      await v5.close();
    }
  });

  it('asks the engine to defer plan, read and data-source reads while the provider arguments are unknown', async () => {
    const unknown = await startProvider();
    try {
      const configured = await unknown.v6.configureProvider({
        terraformVersion: '1.12.6',
        config: dv({ access_token: UNKNOWN, api_version: null, base_url: emulator.url, request_timeout_seconds: null, max_retries: null }),
        clientCapabilities: { deferralAllowed: true },
      });
      expect(errors(configured.diagnostics as Diag[])).toEqual([]);
      const PROVIDER_CONFIG_UNKNOWN = 2;
      const id = '106540352242922';
      const cfg = config({ phone_number_id: id, data_localization_region: 'DE', pin: PIN, disable_on_destroy: false });
      const planned = await unknown.v6.planResourceChange({
        typeName: TYPE,
        priorState: dv(null),
        proposedNewState: dv(cfg),
        config: dv(cfg),
        clientCapabilities: { deferralAllowed: true },
      });
      expect(planned.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
      const notAllowed = await unknown.v6.planResourceChange({
        typeName: TYPE,
        priorState: dv(null),
        proposedNewState: dv(cfg),
        config: dv(cfg),
      });
      expect(notAllowed.deferred ?? undefined).toBeUndefined();

      const state = obj({
        id,
        phone_number_id: id,
        data_localization_region: 'DE',
        storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
        registered: true,
        disable_on_destroy: false,
      });
      const read = await unknown.v6.readResource({
        typeName: TYPE,
        currentState: dv(state),
        clientCapabilities: { deferralAllowed: true },
      });
      expect(read.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
      expect(fromDv(read.newState)).toEqual(state);

      const number = await unknown.v6.readDataSource({
        typeName: 'whatsapp_phone_number',
        config: dv({
          phone_number_id: id,
          display_phone_number: null,
          verified_name: null,
          code_verification_status: null,
          platform_type: null,
          status: null,
          quality_rating: null,
          name_status: null,
          throughput_level: null,
          registered: null,
          storage_status: null,
          data_localization_region: null,
        }),
        clientCapabilities: { deferralAllowed: true },
      });
      expect(number.deferred?.reason).toBe(PROVIDER_CONFIG_UNKNOWN);
    } finally {
      await unknown.close();
    }
  });

  it('never writes secrets to its log (trace level)', () => {
    expect(p.logs().some((l) => String(l['@message']).includes('deregister'))).toBe(true);
    expect(p.stderr()).not.toContain(TOKEN);
    expect(p.stderr()).not.toContain(PIN);
  });
});
