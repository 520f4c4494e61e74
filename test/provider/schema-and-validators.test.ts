import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';
import { dataSourceSchemas, objectTypeOf, providerConfigSchema, resourceSchemas, schemaProblems } from '../../src/provider/schema';
import { toTfpluginSchema } from '../../src/plugin/schema/to-tfplugin';
import { validateConfig } from '../../src/plugin/validators/run-validators';
import { resolveProviderSettings } from '../../src/provider/provider-settings';
import { ObjectView, record, UNKNOWN, type Value } from '../../src/plugin/values';
import { secretAttributeNames, type BlockSchema } from '../../src/plugin/schema/model';
import { t } from '../../src/plugin/values/cty-type';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

function view(schema: BlockSchema, values: Record<string, Value>): ObjectView {
  return new ObjectView(objectTypeOf(schema), record(values));
}

const allSchemas: Array<[string, BlockSchema]> = [
  ['provider', providerConfigSchema],
  ...Object.entries(resourceSchemas),
  ...Object.entries(dataSourceSchemas),
];

describe('schemas', () => {
  it('derive the secret attributes from their sensitive and write-only flags', () => {
    expect(secretAttributeNames(localStorageResourceSchema)).toEqual(['pin', 'pin_wo', 'verification_code']);
    expect(secretAttributeNames(providerConfigSchema)).toEqual(['access_token']);
    expect(
      secretAttributeNames({
        version: 0,
        description: 'x',
        attributes: { w: { type: t.string, optional: true, writeOnly: true, description: 'w' } },
      }),
    ).toEqual(['w']);
  });

  it.each(allSchemas)('%s is consistent and documented', (_name, schema) => {
    expect(schemaProblems(schema)).toEqual([]);
    expect(schema.description.length).toBeGreaterThan(20);
  });

  it('converts to tfplugin6 with Markdown descriptions, JSON types and flags', () => {
    const converted = toTfpluginSchema(localStorageResourceSchema);
    expect(converted.version).toBe(3);
    const attrs = Object.fromEntries(converted.block!.attributes!.map((a) => [a.name!, a]));
    expect(Object.keys(attrs).sort()).toEqual(
      [
        'data_localization_region',
        'disable_on_destroy',
        'display_phone_number',
        'id',
        'one_at_a_time',
        'phone_number_id',
        'pin',
        'pin_wo',
        'pin_wo_version',
        'registered',
        'retention_minutes',
        'set_pin_before_deregister',
        'storage_mode',
        'storage_status',
        'verification_code',
        'register_calls_72h',
        'deregister_calls_72h',
        'quota_available_at',
      ].sort(),
    );
    expect(attrs.storage_mode).toMatchObject({ optional: true, computed: true });
    expect(Buffer.from(attrs.retention_minutes.type!).toString()).toBe('"number"');
    expect(Buffer.from(attrs.phone_number_id.type!).toString()).toBe('"string"');
    expect(attrs.phone_number_id).toMatchObject({ required: true, optional: false, computed: false, descriptionKind: 1 });
    expect(attrs.pin).toMatchObject({ optional: true, sensitive: true, writeOnly: false });
    expect(attrs.pin_wo).toMatchObject({ optional: true, sensitive: true, writeOnly: true });
    expect(attrs.verification_code).toMatchObject({ sensitive: true });
    expect(attrs.disable_on_destroy).toMatchObject({ optional: true, computed: true });
    expect(attrs.set_pin_before_deregister).toMatchObject({ optional: true, computed: true });
    expect(attrs.set_pin_before_deregister.description).toMatch(
      /changes the number's two-step verification PIN to the configured `pin`[\s\S]*before the deregister/,
    );
    expect(attrs.set_pin_before_deregister.description).toMatch(/133005[\s\S]*stays offline until the right PIN is applied/);
    expect(attrs.storage_status).toMatchObject({ computed: true, optional: false });
    for (const a of Object.values(attrs)) expect(a.description!.length).toBeGreaterThan(5);
    expect(converted.block!.attributes!.some((a) => a.nestedType)).toBe(false);
  });

  it('gives the regions data source a list of objects type', () => {
    const converted = toTfpluginSchema(dataSourceSchemas.whatsapp_local_storage_regions);
    const regions = converted.block!.attributes!.find((a) => a.name === 'regions')!;
    expect(JSON.parse(Buffer.from(regions.type!).toString())).toEqual([
      'list',
      ['object', { area: 'string', code: 'string', country: 'string' }],
    ]);
  });

  it('marks the access token sensitive', () => {
    const attrs = toTfpluginSchema(providerConfigSchema).block!.attributes!;
    expect(attrs.find((a) => a.name === 'access_token')).toMatchObject({ sensitive: true, optional: true });
  });
});

describe('whatsapp_local_storage validation', () => {
  const base = { phone_number_id: '106540352242922', data_localization_region: 'BR' };
  const validate = (values: Record<string, Value>) => validateConfig(localStorageResourceSchema, view(localStorageResourceSchema, values));

  it('accepts a valid configuration', () => {
    expect(validate({ ...base, pin: '123456' })).toEqual([]);
  });

  it('suggests the upper-case code for "br" at data_localization_region', () => {
    const [d, ...rest] = validate({ ...base, data_localization_region: 'br' });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: 'error', path: ['data_localization_region'] });
    expect(d.detail).toContain('did you mean BR');
  });

  it('names the alias for "UK"', () => {
    expect(validate({ ...base, data_localization_region: 'UK' })[0].detail).toContain('did you mean GB');
  });

  it('rejects a phone number id with path tricks', () => {
    const [d] = validate({ ...base, phone_number_id: '123/../me' });
    expect(d).toMatchObject({ severity: 'error', path: ['phone_number_id'] });
    expect(d.detail).toContain('digits');
  });

  it('rejects a 5-digit PIN without echoing it', () => {
    const [d] = validate({ ...base, pin: '98765' });
    expect(d).toMatchObject({ severity: 'error', path: ['pin'] });
    expect(d.detail).toContain('exactly 6 digits');
    expect(JSON.stringify(d)).not.toContain('98765');
  });

  it('rejects a non-digit write-only PIN at pin_wo', () => {
    const [d] = validate({ ...base, pin_wo: '12a456' });
    expect(d).toMatchObject({ path: ['pin_wo'] });
    expect(JSON.stringify(d)).not.toContain('12a456');
  });

  it('allows only one of pin and pin_wo', () => {
    const diags = validate({ ...base, pin: '123456', pin_wo: '123456' });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', path: ['pin_wo'] });
  });

  it('tolerates unknown values everywhere', () => {
    const unknownEverywhere = Object.fromEntries(Object.keys(localStorageResourceSchema.attributes).map((k) => [k, UNKNOWN]));
    expect(validate(unknownEverywhere)).toEqual([]);
    expect(validate({ ...base, pin: UNKNOWN, pin_wo: '123456' })).toEqual([]);
  });

  it('a configuration that states no storage mode is an error naming the three ways to say it', () => {
    const diags = validate({ phone_number_id: '106540352242922', pin: '123456' });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', summary: 'Storage mode not stated', path: ['storage_mode'] });
    expect(diags[0].detail).toContain('data_localization_region = "<country code>"');
    expect(diags[0].detail).toContain('storage_mode = "DEFAULT"');
    expect(diags[0].detail).toContain('storage_mode = "NO_STORAGE" with retention_minutes = 60');
  });

  it('accepts each of the three modes stated', () => {
    const id = { phone_number_id: '106540352242922' };
    expect(validate({ ...id, data_localization_region: 'BR' })).toEqual([]);
    expect(validate({ ...id, data_localization_region: 'BR', storage_mode: 'IN_COUNTRY' })).toEqual([]);
    expect(validate({ ...id, storage_mode: 'DEFAULT' })).toEqual([]);
    expect(validate({ ...id, storage_mode: 'NO_STORAGE', retention_minutes: 60 })).toEqual([]);
  });

  it.each([
    [{ storage_mode: 'IN_COUNTRY' }, 'data_localization_region', /set data_localization_region to its code/],
    [
      { storage_mode: 'DEFAULT', data_localization_region: 'BR' },
      'data_localization_region',
      /declares in-country storage but storage_mode is "DEFAULT"/,
    ],
    [
      { storage_mode: 'NO_STORAGE', data_localization_region: 'BR', retention_minutes: 60 },
      'data_localization_region',
      /declares in-country storage but storage_mode is "NO_STORAGE"/,
    ],
    [{ storage_mode: 'NO_STORAGE' }, 'retention_minutes', /Meta accepts: 60/],
    [{ data_localization_region: 'BR', retention_minutes: 60 }, 'retention_minutes', /only applies to storage_mode = "NO_STORAGE"/],
    [{ storage_mode: 'DEFAULT', retention_minutes: 60 }, 'retention_minutes', /only applies/],
    [{ storage_mode: 'NO_STORAGE', retention_minutes: 1440 }, 'retention_minutes', /retentions Meta accepts for No Storage: 60/],
    [{ storage_mode: 'no_storage', retention_minutes: 60 }, 'storage_mode', /must be one of "IN_COUNTRY", "DEFAULT", "NO_STORAGE"/],
  ])('rejects %p at %s', (values, path, detail) => {
    const diags = validate({ phone_number_id: '106540352242922', ...values });
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ severity: 'error', path: [path] });
    expect(diags[0].detail).toMatch(detail);
  });

  it('waits for unknown values before judging the storage mode', () => {
    expect(validate({ phone_number_id: '106540352242922', data_localization_region: UNKNOWN })).toEqual([]);
    expect(validate({ phone_number_id: '106540352242922', storage_mode: UNKNOWN })).toEqual([]);
    expect(validate({ phone_number_id: '106540352242922', storage_mode: 'NO_STORAGE', retention_minutes: UNKNOWN })).toEqual([]);
  });

  it('rejects a fractional pin_wo_version', () => {
    expect(validate({ ...base, pin_wo_version: 1.5 })[0]).toMatchObject({ path: ['pin_wo_version'] });
  });
});

describe('provider settings', () => {
  const config = (values: Record<string, Value>) => view(providerConfigSchema, values);

  it('uses configuration, then environment, then defaults', () => {
    const fromEnv = resolveProviderSettings(config({}), { WHATSAPP_ACCESS_TOKEN: 'env-token', WHATSAPP_BASE_URL: 'http://127.0.0.1:9/' });
    expect(fromEnv).toMatchObject({
      kind: 'ready',
      settings: { accessToken: 'env-token', baseUrl: 'http://127.0.0.1:9', apiVersion: { raw: DEFAULT_API_VERSION, flow: 'settings' } },
      sources: { access_token: 'env', api_version: 'default', base_url: 'env' },
    });
    const fromConfig = resolveProviderSettings(
      config({ access_token: 'cfg', api_version: LAST_REGISTER_VERSION, request_timeout_seconds: 2.5, max_retries: 0 }),
      {
        WHATSAPP_ACCESS_TOKEN: 'env-token',
      },
    );
    expect(fromConfig).toMatchObject({
      kind: 'ready',
      settings: { accessToken: 'cfg', apiVersion: { flow: 'register' }, timeoutMs: 2500, maxRetries: 0 },
    });
  });

  it('names access_token and WHATSAPP_ACCESS_TOKEN when no token is given', () => {
    const r = resolveProviderSettings(config({}), {});
    expect(r.kind).toBe('invalid');
    const d = (r as { diagnostics: { detail: string; path?: unknown }[] }).diagnostics[0];
    expect(d.path).toEqual(['access_token']);
    expect(d.detail).toContain('access_token');
    expect(d.detail).toContain('WHATSAPP_ACCESS_TOKEN');
  });

  it('reports unknown configuration values without failing', () => {
    expect(resolveProviderSettings(config({ access_token: UNKNOWN }), {})).toEqual({
      kind: 'unknown',
      unknownAttributes: ['access_token'],
    });
  });

  it('rejects a bad api_version from the environment, naming the variable', () => {
    const r = resolveProviderSettings(config({ access_token: 't' }), { WHATSAPP_API_VERSION: 'latest' });
    expect(r.kind).toBe('invalid');
    expect(JSON.stringify(r)).toContain('WHATSAPP_API_VERSION');
  });

  it.each([
    [{ base_url: 'ftp://x' }, 'base_url'],
    [{ base_url: `https://graph.facebook.com/${FIRST_SETTINGS_VERSION}` }, 'base_url'],
    [{ base_url: 'https://graph.facebook.com?access_token=x' }, 'base_url'],
    [{ max_retries: -1 }, 'max_retries'],
    [{ request_timeout_seconds: 0 }, 'request_timeout_seconds'],
    [{ api_version: '21' }, 'api_version'],
  ])('validates %p at its path', (values, path) => {
    const diags = validateConfig(providerConfigSchema, config({ access_token: 't', ...values }));
    expect(diags.map((d) => d.path)).toEqual([[path]]);
  });
});
