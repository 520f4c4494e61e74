/**
 * tfplugin6.Provider: decodes each request with the generated v6 types, calls the
 * ProviderService method of the same name, encodes the answer. Loaded on the first
 * provider call of a protocol-6 session.
 */
import { tfplugin6 } from './generated/tfplugin6';
import type { GrpcCallContext, MethodHandler } from './grpc-server';
import { GrpcError, Status } from './grpc-server';
import type { CallContext, ProviderService } from './provider-service';

type Kind = MethodHandler['kind'];

/** Every RPC of tfplugin6.Provider (6.11): [rpc, kind, request type, response type]. */
export const TFPLUGIN6_RPCS: readonly (readonly [string, Kind, string, string])[] = [
  ['GetMetadata', 'unary', 'Request', 'Response'],
  ['GetProviderSchema', 'unary', 'Request', 'Response'],
  ['GetResourceIdentitySchemas', 'unary', 'Request', 'Response'],
  ['ValidateProviderConfig', 'unary', 'Request', 'Response'],
  ['ValidateResourceConfig', 'unary', 'Request', 'Response'],
  ['ValidateDataResourceConfig', 'unary', 'Request', 'Response'],
  ['UpgradeResourceState', 'unary', 'Request', 'Response'],
  ['UpgradeResourceIdentity', 'unary', 'Request', 'Response'],
  ['ConfigureProvider', 'unary', 'Request', 'Response'],
  ['ReadResource', 'unary', 'Request', 'Response'],
  ['PlanResourceChange', 'unary', 'Request', 'Response'],
  ['ApplyResourceChange', 'unary', 'Request', 'Response'],
  ['ImportResourceState', 'unary', 'Request', 'Response'],
  ['MoveResourceState', 'unary', 'Request', 'Response'],
  ['ReadDataSource', 'unary', 'Request', 'Response'],
  ['GenerateResourceConfig', 'unary', 'Request', 'Response'],
  ['ValidateEphemeralResourceConfig', 'unary', 'Request', 'Response'],
  ['OpenEphemeralResource', 'unary', 'Request', 'Response'],
  ['RenewEphemeralResource', 'unary', 'Request', 'Response'],
  ['CloseEphemeralResource', 'unary', 'Request', 'Response'],
  ['ListResource', 'serverStream', 'Request', 'Event'],
  ['ValidateListResourceConfig', 'unary', 'Request', 'Response'],
  ['GetFunctions', 'unary', 'Request', 'Response'],
  ['CallFunction', 'unary', 'Request', 'Response'],
  ['ValidateActionConfig', 'unary', 'Request', 'Response'],
  ['PlanAction', 'unary', 'Request', 'Response'],
  ['InvokeAction', 'serverStream', 'Request', 'Event'],
  ['ValidateStateStoreConfig', 'unary', 'Request', 'Response'],
  ['ConfigureStateStore', 'unary', 'Request', 'Response'],
  ['ReadStateBytes', 'serverStream', 'Request', 'ResponseChunk'],
  ['WriteStateBytes', 'clientStream', 'RequestChunk', 'Response'],
  ['LockState', 'unary', 'Request', 'Response'],
  ['UnlockState', 'unary', 'Request', 'Response'],
  ['GetStates', 'unary', 'Request', 'Response'],
  ['DeleteState', 'unary', 'Request', 'Response'],
  ['StopProvider', 'unary', 'Request', 'Response'],
];

export function lowerCamel(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

interface MessageType {
  decode(bytes: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
}

/** Looks up a generated message class such as `tfplugin6.ReadResource.Request`. */
export function messageType(root: unknown, namespace: string, name: string): MessageType {
  const type = member(member(root, namespace), name);
  if (!isMessageType(type)) throw new Error(`generated protocol code lacks ${namespace}.${name}`);
  return type;
}

/** `value[key]` when value is an object or a function (generated namespaces and classes are either), else undefined. */
function member(value: unknown, key: string): unknown {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function isMessageType(value: unknown): value is MessageType {
  return typeof member(value, 'decode') === 'function' && typeof member(value, 'encode') === 'function';
}

/**
 * Builds a MethodHandler that forwards to a ProviderService method. `adaptRequest` and
 * `adaptResponse` let the v5 server reuse this (they default to identity).
 */
export function providerHandler(options: {
  kind: Kind;
  request: MessageType;
  response: MessageType;
  method: keyof ProviderService;
  protocolVersion: 5 | 6;
  service: () => ProviderService;
  adaptResponse?: (response: unknown, request: unknown) => unknown;
}): MethodHandler {
  const { kind, request, response, method, protocolVersion, service } = options;
  const adapt = options.adaptResponse ?? ((r: unknown) => r);
  const target = (ctx: GrpcCallContext) => {
    const impl = service();
    const fn: unknown = impl[method];
    if (typeof fn !== 'function') {
      throw new GrpcError(Status.UNIMPLEMENTED, `the provider does not implement ${ctx.method}`);
    }
    const callCtx: CallContext = { signal: ctx.signal, protocolVersion, method: ctx.method };
    return (arg: unknown): unknown => Reflect.apply(fn, impl, [arg, callCtx]);
  };
  const codec = {
    decode: (bytes: Uint8Array) => request.decode(bytes),
    encode: (message: unknown) => response.encode(message).finish(),
  };
  switch (kind) {
    case 'unary':
      return {
        kind,
        ...codec,
        call: async (req: unknown, ctx: GrpcCallContext) => adapt(await target(ctx)(req), req),
      };
    case 'serverStream':
      return {
        kind,
        ...codec,
        call: async function* (req: unknown, ctx: GrpcCallContext) {
          const events = target(ctx)(req) as AsyncIterable<unknown>;
          if (!events || typeof events[Symbol.asyncIterator] !== 'function') {
            throw new Error(`ProviderService.${String(method)} must return an AsyncIterable`);
          }
          for await (const event of events) yield adapt(event, req);
        },
      };
    case 'clientStream':
      return {
        kind,
        ...codec,
        call: async (reqs: AsyncIterable<unknown>, ctx: GrpcCallContext) => adapt(await target(ctx)(reqs), undefined),
      };
    case 'bidi':
      throw new Error('the provider protocol has no bidi RPCs');
  }
}

export function tfplugin6Handlers(service: () => ProviderService): Map<string, MethodHandler> {
  const handlers = new Map<string, MethodHandler>();
  for (const [rpc, kind, req, res] of TFPLUGIN6_RPCS) {
    handlers.set(
      `/tfplugin6.Provider/${rpc}`,
      providerHandler({
        kind,
        request: messageType(tfplugin6, rpc, req),
        response: messageType(tfplugin6, rpc, res),
        method: lowerCamel(rpc) as keyof ProviderService,
        protocolVersion: 6,
        service,
      }),
    );
  }
  return handlers;
}
