/**
 * The generic provider server with a provider of its own (no WhatsApp): the data its
 * configure step produces reaches every resource, dispatch is by type name, secrets
 * come from the schema's sensitive and write-only flags, and a throw becomes a diagnostic.
 */
import { expect } from '@jest/globals';
import type { CallContext } from '../../src/plugin/protocol/provider-service';
import { errorDiag } from '../../src/plugin/diagnostics';
import { objectTypeOf, type BlockSchema } from '../../src/plugin/schema/model';
import type { ProviderDefinition } from '../../src/plugin/server/provider-definition';
import { createProviderServer } from '../../src/plugin/server/provider-server';
import type { ManagedResource } from '../../src/plugin/server/resource';
import { encodeMsgpack, decodeMsgpack, record, t, type Value } from '../../src/plugin/values';

const ctx: CallContext = { signal: new AbortController().signal, protocolVersion: 6, method: '/tfplugin6.Provider/Test' };
const lines: string[] = [];
const logger = { trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => void lines.push(m) };

const providerSchema: BlockSchema = {
  version: 0,
  description: 'Example provider.',
  attributes: { greeting: { type: t.string, required: true, description: 'Greeting.' } },
};
const thingSchema: BlockSchema = {
  version: 0,
  description: 'A thing.',
  attributes: {
    name: { type: t.string, required: true, description: 'Name.' },
    password: { type: t.string, optional: true, sensitive: true, description: 'Secret.' },
    token_wo: { type: t.string, optional: true, writeOnly: true, description: 'Write-only secret.' },
    message: { type: t.string, computed: true, description: 'Greeting for the thing.' },
  },
};
const thingType = objectTypeOf(thingSchema);

type Data = { greeting: string } | undefined;

const thing: ManagedResource<Data> = {
  typeName: 'example_thing',
  schema: thingSchema,
  validate: (config) =>
    config.knownString('name') === 'bad'
      ? [
          errorDiag('Bad name', `password ${config.knownString('password')} and token ${config.knownString('token_wo')} leak here`, [
            'name',
          ]),
        ]
      : [],
  plan: async () => {
    throw new Error('not used');
  },
  apply: async () => {
    throw new Error('apply exploded');
  },
  read: async (state, c) => ({
    state: state.with({ message: `${c.providerData?.greeting ?? 'unconfigured'}, ${state.knownString('name')}` }),
    diagnostics: [],
  }),
  importState: async () => {
    throw new Error('not used');
  },
  upgradeState: () => {
    throw new Error('not used');
  },
};

const definition: ProviderDefinition<Data> = {
  name: 'example',
  schema: providerSchema,
  resources: [thing],
  dataSources: [],
  unconfigured: undefined,
  configure: (config) => ({ data: { greeting: config.knownString('greeting') ?? '?' }, diagnostics: [] }),
};

const thingValue = (values: Record<string, Value>): Uint8Array =>
  encodeMsgpack(record({ name: null, password: null, token_wo: null, message: null, ...values }), thingType);

test('hands the configured data to resources and dispatches by type name', async () => {
  const service = createProviderServer(definition, { logger });
  const before = await service.readResource({ typeName: 'example_thing', currentState: { msgpack: thingValue({ name: 'a' }) } }, ctx);
  expect((decodeMsgpack(before.newState?.msgpack, thingType) as { value: Record<string, Value> }).value.message).toBe('unconfigured, a');

  const configured = await service.configureProvider(
    { config: { msgpack: encodeMsgpack(record({ greeting: 'hello' }), objectTypeOf(providerSchema)) } },
    ctx,
  );
  expect(configured.diagnostics).toEqual([]);
  const after = await service.readResource({ typeName: 'example_thing', currentState: { msgpack: thingValue({ name: 'a' }) } }, ctx);
  expect((decodeMsgpack(after.newState?.msgpack, thingType) as { value: Record<string, Value> }).value.message).toBe('hello, a');

  expect((await service.getMetadata({}, ctx)).resources).toEqual([{ typeName: 'example_thing' }]);
  const unknown = await service.readResource({ typeName: 'example_other', currentState: { msgpack: thingValue({ name: 'a' }) } }, ctx);
  expect(unknown.diagnostics![0]).toMatchObject({
    summary: 'Unknown resource type',
    detail: 'The example provider has no resource type "example_other". It offers: example_thing.',
  });
  const unsupported = await service.openEphemeralResource({ typeName: 'example_eph' }, ctx);
  expect(unsupported.diagnostics![0].detail).toBe(
    'The example provider has no ephemeral resource type "example_eph". It offers the resource example_thing.',
  );
  const noList = await service.validateListResourceConfig({ typeName: 'example_list' }, ctx);
  expect(noList.diagnostics![0]).toMatchObject({
    summary: 'Unknown list resource type',
    detail: 'The example provider has no list resource "example_list". It has no list resources.',
  });
  expect((await service.getResourceIdentitySchemas({}, ctx)).identitySchemas).toEqual({});
});

test('masks the values of sensitive and write-only attributes in diagnostics, and turns a throw into one', async () => {
  const service = createProviderServer(definition, { logger });
  const res = await service.validateResourceConfig(
    { typeName: 'example_thing', config: { msgpack: thingValue({ name: 'bad', password: 'hunter2-secret', token_wo: 'wo-token-value' }) } },
    ctx,
  );
  expect(res.diagnostics![0].detail).toBe('password *** and token *** leak here');

  const applied = await service.applyResourceChange(
    {
      typeName: 'example_thing',
      priorState: { msgpack: thingValue({ name: 'a' }) },
      plannedState: { msgpack: thingValue({ name: 'a' }) },
      config: { msgpack: thingValue({ name: 'a' }) },
    },
    ctx,
  );
  expect(applied.diagnostics![0]).toMatchObject({
    severity: 1,
    summary: 'Internal error in the example provider',
    detail: expect.stringContaining('apply exploded'),
  });
  expect(lines).toEqual(['ApplyResourceChange failed unexpectedly']);
});
