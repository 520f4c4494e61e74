/**
 * A tiny ProviderService for exercising the protocol plumbing without the real provider
 * (used until src/provider/provider.ts exists, and for plumbing-only cases such as a
 * schema v5 cannot express). Behaviour is just rich enough to observe round trips:
 * - getProviderSchema: one resource `whatsapp_test` {id computed string, name required string};
 *   set env TEST_SERVICE_NESTED=1 to add a nested attribute type (v5 must refuse it).
 * - validateResourceConfig: decodes the msgpack config; garbage -> an ERROR diagnostic.
 * - readResource: echoes the current state. listResource streams two events.
 * - callFunction: throws (-> INTERNAL), to prove handler errors do not crash the process.
 */
import { decode } from '@msgpack/msgpack';
import type { ProviderService } from '../../src/plugin/protocol/provider-service';

const ERROR = 1;
const diag = (summary: string, detail = '') => ({ severity: ERROR, summary, detail });
const unsupported = (what: string) => async () => ({ diagnostics: [diag(`${what} is not supported by the test service`)] });

export function createTestService(): ProviderService {
  const nested = process.env.TEST_SERVICE_NESTED === '1';
  const stringType = Buffer.from(JSON.stringify('string'));
  return {
    getMetadata: async () => ({ resources: [{ typeName: 'whatsapp_test' }], serverCapabilities: { planDestroy: true } }),
    getProviderSchema: async () => ({
      provider: { version: 0, block: { attributes: [] } },
      resourceSchemas: {
        whatsapp_test: {
          version: 1,
          block: {
            attributes: [
              { name: 'id', type: stringType, computed: true },
              { name: 'name', type: stringType, required: true },
              ...(nested
                ? [
                    {
                      name: 'nested',
                      optional: true,
                      nestedType: { nesting: 1, attributes: [{ name: 'x', type: stringType, optional: true }] },
                    },
                  ]
                : []),
            ],
          },
        },
      },
      dataSourceSchemas: {},
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: false },
    }),
    getResourceIdentitySchemas: async () => ({ identitySchemas: {} }),
    validateProviderConfig: async () => ({ diagnostics: [] }),
    validateResourceConfig: async (request) => {
      try {
        decode(request.config?.msgpack ?? new Uint8Array());
        return { diagnostics: [] };
      } catch (error) {
        return { diagnostics: [diag('Invalid configuration value', `cannot decode msgpack: ${(error as Error).message}`)] };
      }
    },
    validateDataResourceConfig: async () => ({ diagnostics: [] }),
    upgradeResourceState: async (request) => ({ upgradedState: { json: request.rawState?.json ?? undefined } }),
    upgradeResourceIdentity: unsupported('resource identity'),
    configureProvider: async () => ({ diagnostics: [] }),
    readResource: async (request) => ({ newState: request.currentState, private: request.private }),
    planResourceChange: async (request) => ({ plannedState: request.proposedNewState }),
    applyResourceChange: async (request) => ({ newState: request.plannedState }),
    importResourceState: async () => ({ importedResources: [] }),
    moveResourceState: unsupported('moving resource state'),
    readDataSource: async (request) => ({ state: request.config }),
    generateResourceConfig: unsupported('config generation'),
    validateEphemeralResourceConfig: async () => ({ diagnostics: [] }),
    openEphemeralResource: unsupported('ephemeral resources'),
    renewEphemeralResource: unsupported('ephemeral resources'),
    closeEphemeralResource: unsupported('ephemeral resources'),
    listResource: async function* (request) {
      yield { displayName: `first ${request.typeName}` };
      yield { displayName: `second ${request.typeName}` };
    },
    validateListResourceConfig: async () => ({ diagnostics: [] }),
    getFunctions: async () => ({ functions: {} }),
    callFunction: async () => {
      throw new Error('test service: callFunction always throws');
    },
    validateActionConfig: async () => ({ diagnostics: [] }),
    planAction: unsupported('actions'),
    invokeAction: async function* () {
      yield { completed: { diagnostics: [diag('actions are not supported by the test service')] } };
    },
    validateStateStoreConfig: unsupported('state stores'),
    configureStateStore: unsupported('state stores'),
    readStateBytes: async function* () {
      yield { diagnostics: [diag('state stores are not supported by the test service')] };
    },
    writeStateBytes: async (chunks) => {
      let total = 0;
      for await (const chunk of chunks) total += chunk.bytes?.length ?? 0;
      return { diagnostics: [diag(`received ${total} bytes; state stores are not supported by the test service`)] };
    },
    lockState: unsupported('state stores'),
    unlockState: unsupported('state stores'),
    getStates: unsupported('state stores'),
    deleteState: unsupported('state stores'),
    stopProvider: async () => ({}),
  };
}
