/**
 * tfplugin5.Provider served by the v6-shaped ProviderService.
 *
 * Messages shared by 5.11 and 6.11 have the same camelCase field names and types, so a
 * decoded v5 request is a valid v6 request object and a v6 response encodes with the v5
 * classes. Where they differ is listed in V5_DIFFERENCES and adapted here;
 * test/plugin/protocol-versions.test.ts compares both .proto files field by field and
 * fails on any difference that list does not name.
 */
import { tfplugin5 } from './generated/tfplugin5';
import type { tfplugin6 } from './generated/tfplugin6';
import type { MethodHandler } from './grpc-server';
import type { ProviderService } from './provider-service';
import { TFPLUGIN6_RPCS, lowerCamel, messageType, providerHandler } from './tfplugin6-server';

/** v5 RPC name -> [message namespace in tfplugin5, ProviderService method]. */
export const RENAMED: Record<string, [string, keyof ProviderService]> = {
  GetSchema: ['GetProviderSchema', 'getProviderSchema'],
  PrepareProviderConfig: ['PrepareProviderConfig', 'validateProviderConfig'],
  ValidateResourceTypeConfig: ['ValidateResourceTypeConfig', 'validateResourceConfig'],
  ValidateDataSourceConfig: ['ValidateDataSourceConfig', 'validateDataResourceConfig'],
  Configure: ['Configure', 'configureProvider'],
  Stop: ['Stop', 'stopProvider'],
};

/**
 * Every difference between a message tfplugin5 and tfplugin6 share (after RENAMED) and how
 * this adapter handles it. Field numbers may differ: messages cross by field name.
 */
export const V5_DIFFERENCES: readonly { message: string; field: string; only: 5 | 6; handling: string }[] = [
  { message: 'Schema.Attribute', field: 'nestedType', only: 6, handling: 'assertNoNestedAttributes refuses the schema on v5' },
  { message: 'GetMetadata.Response', field: 'stateStores', only: 6, handling: 'state stores are v6-only RPCs (V6_ONLY)' },
  { message: 'GetProviderSchema.Response', field: 'stateStoreSchemas', only: 6, handling: 'state stores are v6-only RPCs (V6_ONLY)' },
  { message: 'PrepareProviderConfig.Response', field: 'preparedConfig', only: 5, handling: 'the config is echoed back' },
];

/** v5-only RPCs of tfplugin5.Provider: provisioners live in their own service and are never called on a provider. */
export const V5_ONLY_MESSAGES = ['GetProvisionerSchema', 'ValidateProvisionerConfig', 'ProvisionResource'] as const;

/** v6-only RPCs (state stores) that tfplugin5.Provider does not have. */
export const V6_ONLY = new Set([
  'ValidateStateStoreConfig',
  'ConfigureStateStore',
  'ReadStateBytes',
  'WriteStateBytes',
  'LockState',
  'UnlockState',
  'GetStates',
  'DeleteState',
]);

export const V6_NAME_OF: Record<string, string> = {
  GetProviderSchema: 'GetSchema',
  ValidateProviderConfig: 'PrepareProviderConfig',
  ValidateResourceConfig: 'ValidateResourceTypeConfig',
  ValidateDataResourceConfig: 'ValidateDataSourceConfig',
  ConfigureProvider: 'Configure',
  StopProvider: 'Stop',
};

/** Every RPC of tfplugin5.Provider (5.11) with its kind and message names. */
export const TFPLUGIN5_RPCS = TFPLUGIN6_RPCS.filter(([rpc]) => !V6_ONLY.has(rpc)).map(
  ([rpc, kind, req, res]) => [V6_NAME_OF[rpc] ?? rpc, kind, req, res] as const,
);

/** Throws if any attribute in the schema uses a nested attribute type (v6 only). */
export function assertNoNestedAttributes(response: tfplugin6.GetProviderSchema.IResponse): void {
  const checkBlock = (block: tfplugin6.Schema.IBlock | null | undefined, where: string): void => {
    if (!block) return;
    for (const attribute of block.attributes ?? []) {
      if (attribute.nestedType) {
        throw new Error(
          `schema ${where}: attribute "${attribute.name}" uses a nested attribute type, which protocol 5 cannot express; ` +
            'use a nested block or an object type, or run the engine with protocol 6',
        );
      }
    }
    for (const nested of block.blockTypes ?? []) checkBlock(nested.block, `${where}.${nested.typeName}`);
  };
  checkBlock(response.provider?.block, 'provider');
  checkBlock(response.providerMeta?.block, 'provider_meta');
  const maps: [string, Record<string, tfplugin6.ISchema> | null | undefined][] = [
    ['resource', response.resourceSchemas],
    ['data source', response.dataSourceSchemas],
    ['ephemeral resource', response.ephemeralResourceSchemas],
    ['list resource', response.listResourceSchemas],
  ];
  for (const [kind, schemas] of maps) {
    for (const [name, schema] of Object.entries(schemas ?? {})) checkBlock(schema.block, `${kind} ${name}`);
  }
  for (const [name, action] of Object.entries(response.actionSchemas ?? {})) checkBlock(action.schema?.block, `action ${name}`);
}

export function tfplugin5Handlers(service: () => ProviderService): Map<string, MethodHandler> {
  const handlers = new Map<string, MethodHandler>();
  for (const [rpc, kind, req, res] of TFPLUGIN5_RPCS) {
    const [namespace, method] = RENAMED[rpc] ?? [rpc, lowerCamel(rpc) as keyof ProviderService];
    let adaptResponse: ((response: unknown, request: unknown) => unknown) | undefined;
    if (rpc === 'GetSchema') {
      adaptResponse = (response) => {
        assertNoNestedAttributes(response as tfplugin6.GetProviderSchema.IResponse);
        return response;
      };
    } else if (rpc === 'PrepareProviderConfig') {
      adaptResponse = (response, request) => ({
        ...(response as object),
        preparedConfig: (request as tfplugin5.PrepareProviderConfig.IRequest).config,
      });
    }
    handlers.set(
      `/tfplugin5.Provider/${rpc}`,
      providerHandler({
        kind,
        request: messageType(tfplugin5, namespace, req),
        response: messageType(tfplugin5, namespace, res),
        method,
        protocolVersion: 5,
        service,
        adaptResponse,
      }),
    );
  }
  return handlers;
}
