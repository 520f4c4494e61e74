/**
 * Answers for protocol features the server does not implement (ephemeral
 * resources, functions, actions, state stores, moves): an error diagnostic naming the requested type and what the provider
 * does offer, or an empty list where the RPC lists things. Never a throw, never
 * UNIMPLEMENTED. A feature the server gains later is dropped from this set and
 * answered by the server instead.
 */
import type { ProviderService } from '../protocol/provider-service';
import type { tfplugin6 } from '../protocol/generated/tfplugin6';
import { errorDiag } from '../diagnostics';
import { toWireDiagnostics } from '../wire';

const name = (n: string | null | undefined): string => (n && n.length ? `"${n}"` : '(no name given)');

export type UnsupportedRpcs = Pick<
  ProviderService,
  | 'moveResourceState'
  | 'validateEphemeralResourceConfig'
  | 'openEphemeralResource'
  | 'renewEphemeralResource'
  | 'closeEphemeralResource'
  | 'getFunctions'
  | 'callFunction'
  | 'validateActionConfig'
  | 'planAction'
  | 'invokeAction'
  | 'validateStateStoreConfig'
  | 'configureStateStore'
  | 'readStateBytes'
  | 'writeStateBytes'
  | 'lockState'
  | 'unlockState'
  | 'getStates'
  | 'deleteState'
>;

/**
 * @param providerName the provider's local name, e.g. "example"
 * @param offer a sentence saying which types the provider has (from its type registry)
 */
export function unsupportedRpcs(providerName: string, offer: string): UnsupportedRpcs {
  const unsupported = (kind: string, typeName: string | null | undefined): tfplugin6.IDiagnostic[] =>
    toWireDiagnostics([errorDiag(`Unsupported ${kind}`, `The ${providerName} provider has no ${kind} ${name(typeName)}. ${offer}`)]);
  return {
    moveResourceState: async (req) => ({
      diagnostics: unsupported('move target (moved blocks across resource types are not supported) for', req.targetTypeName),
    }),

    validateEphemeralResourceConfig: async (req) => ({ diagnostics: unsupported('ephemeral resource type', req.typeName) }),
    openEphemeralResource: async (req) => ({ diagnostics: unsupported('ephemeral resource type', req.typeName) }),
    renewEphemeralResource: async (req) => ({ diagnostics: unsupported('ephemeral resource type', req.typeName) }),
    closeEphemeralResource: async (req) => ({ diagnostics: unsupported('ephemeral resource type', req.typeName) }),

    getFunctions: async () => ({ functions: {}, diagnostics: [] }),
    callFunction: async (req) => ({ error: { text: `The ${providerName} provider has no function ${name(req.name)}.` } }),

    validateActionConfig: async (req) => ({ diagnostics: unsupported('action type', req.actionType) }),
    planAction: async (req) => ({ diagnostics: unsupported('action type', req.actionType) }),
    async *invokeAction(req) {
      yield { completed: { diagnostics: unsupported('action type', req.actionType) } };
    },

    validateStateStoreConfig: async (req) => ({ diagnostics: unsupported('state store type', req.typeName) }),
    configureStateStore: async (req) => ({ diagnostics: unsupported('state store type', req.typeName) }),
    async *readStateBytes(req) {
      yield { diagnostics: unsupported('state store type', req.typeName) };
    },
    async writeStateBytes(chunks) {
      let typeName: string | null | undefined;
      for await (const chunk of chunks) typeName ??= chunk.meta?.typeName; // drain, so the client's stream completes
      return { diagnostics: unsupported('state store type', typeName) };
    },
    lockState: async (req) => ({ diagnostics: unsupported('state store type', req.typeName) }),
    unlockState: async (req) => ({ diagnostics: unsupported('state store type', req.typeName) }),
    getStates: async (req) => ({ stateIds: [], diagnostics: unsupported('state store type', req.typeName) }),
    deleteState: async (req) => ({ diagnostics: unsupported('state store type', req.typeName) }),
  };
}
