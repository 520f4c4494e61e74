/**
 * A provider of its own for the framework tests (no WhatsApp): one resource with no plan
 * code at all and one data source. Whatever its plans show (defaults, plan modifiers,
 * deferral while the provider configuration is unknown) comes from the server.
 */
import { requiresReplace, useStateForUnknown } from '../../src/plugin/plan-modifiers/common';
import type { BlockSchema } from '../../src/plugin/schema/model';
import type { DataSource } from '../../src/plugin/server/data-source';
import type { ProviderDefinition } from '../../src/plugin/server/provider-definition';
import type { ManagedResource } from '../../src/plugin/server/resource';
import { DiagnosticsError, errorDiag } from '../../src/plugin/diagnostics';
import { isUnknown } from '../../src/plugin/values/value';
import { t } from '../../src/plugin/values/cty-type';

type Data = { kind: 'unconfigured' } | { kind: 'ready'; endpoint: string };

const providerSchema: BlockSchema = {
  version: 0,
  description: 'Example provider.',
  attributes: { endpoint: { type: t.string, required: true, description: 'Where widgets live.' } },
};

export const widgetSchema: BlockSchema = {
  version: 0,
  description: 'A widget.',
  attributes: {
    id: { type: t.string, computed: true, description: 'Widget id.', planModifiers: [useStateForUnknown()] },
    name: { type: t.string, required: true, description: 'Changing it makes a new widget.', planModifiers: [requiresReplace()] },
    size: { type: t.number, optional: true, computed: true, default: 3, description: 'Size, 3 unless set.' },
    location: { type: t.string, computed: true, description: 'Where the widget was made; may change with any change.' },
  },
};

const widget: ManagedResource<Data> = {
  typeName: 'example_widget',
  schema: widgetSchema,
  async apply({ planned, ctx }) {
    if (planned.isNullObject) return { state: planned, diagnostics: [] };
    const endpoint = ctx.providerData.kind === 'ready' ? ctx.providerData.endpoint : '?';
    return { state: planned.with({ id: `w-${planned.knownString('name')}`, location: endpoint }), diagnostics: [] };
  },
  async read(state) {
    return { state, diagnostics: [] };
  },
  async importState() {
    throw new DiagnosticsError([errorDiag('Import not supported', 'example_widget cannot be imported.')]);
  },
};

export const echoSchema: BlockSchema = {
  version: 0,
  description: 'Echoes its input.',
  attributes: {
    input: { type: t.string, required: true, description: 'Input.' },
    output: { type: t.string, computed: true, description: 'The input, from the endpoint.' },
  },
};

const echo: DataSource<Data> = {
  typeName: 'example_echo',
  schema: echoSchema,
  async read(config, ctx) {
    const endpoint = ctx.providerData.kind === 'ready' ? ctx.providerData.endpoint : '?';
    return { state: config.with({ output: `${endpoint}:${config.knownString('input')}` }), diagnostics: [] };
  },
};

export const exampleProvider: ProviderDefinition<Data> = {
  name: 'example',
  schema: providerSchema,
  resources: [widget],
  dataSources: [echo],
  unconfigured: { kind: 'unconfigured' },
  requiresConfigure: true,
  configure(config) {
    const endpoint = config.get('endpoint');
    if (isUnknown(endpoint)) {
      return {
        data: { kind: 'unconfigured' },
        diagnostics: [],
        deferred: { reason: 'provider_config_unknown', unknownAttributes: ['endpoint'] },
      };
    }
    return { data: { kind: 'ready', endpoint: typeof endpoint === 'string' ? endpoint : '' }, diagnostics: [] };
  },
};
