/**
 * The contract between the plugin-protocol plumbing (this folder) and whatever serves
 * the RPCs: normally src/plugin/server, which implements it for a provider definition
 * (schema, configure, resources, data sources).
 *
 * NOTES FOR AN IMPLEMENTER
 * - The executable's entry requires the module that builds the service lazily, on
 *   the first Provider RPC (start-up speed).
 * - One method per tfplugin6 RPC, named like the RPC in lowerCamelCase. Requests and
 *   responses are the pbjs-generated plain-object interfaces (`tfplugin6.X.IRequest`,
 *   camelCase field names, int64 as `number`, bytes as `Uint8Array`). Return plain
 *   objects; unset fields may be omitted.
 * - Protocol 5 is served by the same methods: the tfplugin5 server decodes v5 requests
 *   (same camelCase field names), calls the v6-shaped method and encodes the result
 *   with the v5 types. Consequences: `GetSchema` is `getProviderSchema`,
 *   `PrepareProviderConfig` is `validateProviderConfig` (prepared_config = config is
 *   filled in for you), `Configure` is `configureProvider`, `Stop` is `stopProvider`.
 *   v5 has no nested attribute types: a schema with `nestedType` fails loudly on v5.
 * - Report problems as diagnostics (severity ERROR, summary, detail, attribute path).
 *   A thrown error becomes gRPC INTERNAL plus an error log line, never a crash; the
 *   engine then shows a generic "rpc error", so throwing is for bugs only.
 * - Never put secrets in diagnostics or logs; register secret values with
 *   `registerSecret()` from ./logger so the logger masks them.
 * - RPCs we do not support (state stores, actions, list, ...) should still answer:
 *   an empty response, or an ERROR diagnostic naming the unsupported feature.
 * - `ctx.signal` aborts when the engine cancels the call or its deadline passes.
 */
import type { tfplugin6 } from './generated/tfplugin6';

/** Per-call information handed to every ProviderService method. */
export interface CallContext {
  /** Aborted when the client cancels, the deadline (grpc-timeout) passes, or the server stops. */
  readonly signal: AbortSignal;
  /** The protocol version of the connection (the engine's choice at handshake). */
  readonly protocolVersion: 5 | 6;
  /** The full gRPC method path, e.g. `/tfplugin6.Provider/ReadResource`. */
  readonly method: string;
}

type Unary<Req, Res> = (request: Req, ctx: CallContext) => Promise<Res>;
type ServerStream<Req, Res> = (request: Req, ctx: CallContext) => AsyncIterable<Res>;
type ClientStream<Req, Res> = (requests: AsyncIterable<Req>, ctx: CallContext) => Promise<Res>;

export interface ProviderService {
  // Information about the provider
  getMetadata: Unary<tfplugin6.GetMetadata.IRequest, tfplugin6.GetMetadata.IResponse>;
  getProviderSchema: Unary<tfplugin6.GetProviderSchema.IRequest, tfplugin6.GetProviderSchema.IResponse>;
  getResourceIdentitySchemas: Unary<tfplugin6.GetResourceIdentitySchemas.IRequest, tfplugin6.GetResourceIdentitySchemas.IResponse>;
  validateProviderConfig: Unary<tfplugin6.ValidateProviderConfig.IRequest, tfplugin6.ValidateProviderConfig.IResponse>;
  validateResourceConfig: Unary<tfplugin6.ValidateResourceConfig.IRequest, tfplugin6.ValidateResourceConfig.IResponse>;
  validateDataResourceConfig: Unary<tfplugin6.ValidateDataResourceConfig.IRequest, tfplugin6.ValidateDataResourceConfig.IResponse>;
  upgradeResourceState: Unary<tfplugin6.UpgradeResourceState.IRequest, tfplugin6.UpgradeResourceState.IResponse>;
  upgradeResourceIdentity: Unary<tfplugin6.UpgradeResourceIdentity.IRequest, tfplugin6.UpgradeResourceIdentity.IResponse>;

  // One-time initialisation
  configureProvider: Unary<tfplugin6.ConfigureProvider.IRequest, tfplugin6.ConfigureProvider.IResponse>;

  // Managed resources
  readResource: Unary<tfplugin6.ReadResource.IRequest, tfplugin6.ReadResource.IResponse>;
  planResourceChange: Unary<tfplugin6.PlanResourceChange.IRequest, tfplugin6.PlanResourceChange.IResponse>;
  applyResourceChange: Unary<tfplugin6.ApplyResourceChange.IRequest, tfplugin6.ApplyResourceChange.IResponse>;
  importResourceState: Unary<tfplugin6.ImportResourceState.IRequest, tfplugin6.ImportResourceState.IResponse>;
  moveResourceState: Unary<tfplugin6.MoveResourceState.IRequest, tfplugin6.MoveResourceState.IResponse>;
  readDataSource: Unary<tfplugin6.ReadDataSource.IRequest, tfplugin6.ReadDataSource.IResponse>;
  generateResourceConfig: Unary<tfplugin6.GenerateResourceConfig.IRequest, tfplugin6.GenerateResourceConfig.IResponse>;

  // Ephemeral resources
  validateEphemeralResourceConfig: Unary<
    tfplugin6.ValidateEphemeralResourceConfig.IRequest,
    tfplugin6.ValidateEphemeralResourceConfig.IResponse
  >;
  openEphemeralResource: Unary<tfplugin6.OpenEphemeralResource.IRequest, tfplugin6.OpenEphemeralResource.IResponse>;
  renewEphemeralResource: Unary<tfplugin6.RenewEphemeralResource.IRequest, tfplugin6.RenewEphemeralResource.IResponse>;
  closeEphemeralResource: Unary<tfplugin6.CloseEphemeralResource.IRequest, tfplugin6.CloseEphemeralResource.IResponse>;

  // List (server-streaming)
  listResource: ServerStream<tfplugin6.ListResource.IRequest, tfplugin6.ListResource.IEvent>;
  validateListResourceConfig: Unary<tfplugin6.ValidateListResourceConfig.IRequest, tfplugin6.ValidateListResourceConfig.IResponse>;

  // Provider-contributed functions
  getFunctions: Unary<tfplugin6.GetFunctions.IRequest, tfplugin6.GetFunctions.IResponse>;
  callFunction: Unary<tfplugin6.CallFunction.IRequest, tfplugin6.CallFunction.IResponse>;

  // Actions (invokeAction is server-streaming)
  validateActionConfig: Unary<tfplugin6.ValidateActionConfig.IRequest, tfplugin6.ValidateActionConfig.IResponse>;
  planAction: Unary<tfplugin6.PlanAction.IRequest, tfplugin6.PlanAction.IResponse>;
  invokeAction: ServerStream<tfplugin6.InvokeAction.IRequest, tfplugin6.InvokeAction.IEvent>;

  // State stores (protocol 6 only; readStateBytes streams out, writeStateBytes streams in)
  validateStateStoreConfig: Unary<tfplugin6.ValidateStateStoreConfig.IRequest, tfplugin6.ValidateStateStoreConfig.IResponse>;
  configureStateStore: Unary<tfplugin6.ConfigureStateStore.IRequest, tfplugin6.ConfigureStateStore.IResponse>;
  readStateBytes: ServerStream<tfplugin6.ReadStateBytes.IRequest, tfplugin6.ReadStateBytes.IResponseChunk>;
  writeStateBytes: ClientStream<tfplugin6.WriteStateBytes.IRequestChunk, tfplugin6.WriteStateBytes.IResponse>;
  lockState: Unary<tfplugin6.LockState.IRequest, tfplugin6.LockState.IResponse>;
  unlockState: Unary<tfplugin6.UnlockState.IRequest, tfplugin6.UnlockState.IResponse>;
  getStates: Unary<tfplugin6.GetStates.IRequest, tfplugin6.GetStates.IResponse>;
  deleteState: Unary<tfplugin6.DeleteState.IRequest, tfplugin6.DeleteState.IResponse>;

  // Graceful stop of in-flight work (the process keeps running)
  stopProvider: Unary<tfplugin6.StopProvider.IRequest, tfplugin6.StopProvider.IResponse>;
}
