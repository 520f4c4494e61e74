/**
 * The go-plugin side services a Terraform/OpenTofu engine talks to besides the provider:
 * health, controller (Shutdown), stdio and broker. Loaded on the first such call.
 */
import { plugin } from './generated/go_plugin';
import { grpc } from './generated/health';
import type { GrpcCallContext, MethodHandler } from './grpc-server';
import type { Logger } from './logger';

const Health = grpc.health.v1;

/** Resolves when the call's signal aborts (the client went away or the server stops). */
function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** A response stream that sends no message and ends once `work` is done (started by the first read, as a generator's body is). */
function noMessagesAfter(work: () => Promise<void>): AsyncIterable<never> {
  let started: Promise<void> | undefined;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<never>> => {
        await (started ??= work());
        return { done: true, value: undefined };
      },
    }),
  };
}

export interface GoPluginOptions {
  /** Called after the Shutdown response has been sent. */
  onShutdown(): void;
  log: Logger;
}

/** Handlers keyed by full method path. */
export function goPluginHandlers(options: GoPluginOptions): Map<string, MethodHandler> {
  const { log } = options;
  const handlers = new Map<string, MethodHandler>();

  const healthCodec = {
    decode: (b: Uint8Array) => Health.HealthCheckRequest.decode(b),
    encode: (m: grpc.health.v1.IHealthCheckResponse) => Health.HealthCheckResponse.encode(m).finish(),
  };
  // go-plugin's client checks service "plugin"; "" is the whole server. Both are up
  // as long as we answer at all.
  const statusFor = (service: string | null | undefined) =>
    !service || service === 'plugin'
      ? Health.HealthCheckResponse.ServingStatus.SERVING
      : Health.HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN;

  handlers.set('/grpc.health.v1.Health/Check', {
    kind: 'unary',
    ...healthCodec,
    call: async (request: grpc.health.v1.IHealthCheckRequest) => ({ status: statusFor(request.service) }),
  });
  handlers.set('/grpc.health.v1.Health/Watch', {
    kind: 'serverStream',
    ...healthCodec,
    call: async function* (request: grpc.health.v1.IHealthCheckRequest, ctx: GrpcCallContext) {
      yield { status: statusFor(request.service) };
      await untilAborted(ctx.signal); // status never changes while we run
    },
  });

  handlers.set('/plugin.GRPCController/Shutdown', {
    kind: 'unary',
    decode: (b: Uint8Array) => plugin.Empty.decode(b),
    encode: (m: plugin.IEmpty) => plugin.Empty.encode(m).finish(),
    call: async () => {
      log.info('shutdown requested by the engine');
      return {};
    },
    // The engine waits for the process to exit: go as soon as the answer is out.
    afterResponse: () => options.onShutdown(),
  });

  // Our logs go to stderr directly, so the stdio stream carries nothing: it stays open
  // until the engine hangs up or we exit.
  handlers.set('/plugin.GRPCStdio/StreamStdio', {
    kind: 'serverStream',
    decode: () => ({}),
    encode: (m: plugin.IStdioData) => plugin.StdioData.encode(m).finish(),
    call: (_request: unknown, ctx: GrpcCallContext) => noMessagesAfter(() => untilAborted(ctx.signal)),
  });

  // Terraform providers never use the broker: accept the stream, read and ignore.
  handlers.set('/plugin.GRPCBroker/StartStream', {
    kind: 'bidi',
    decode: (b: Uint8Array) => plugin.ConnInfo.decode(b),
    encode: (m: plugin.IConnInfo) => plugin.ConnInfo.encode(m).finish(),
    call: (requests: AsyncIterable<plugin.IConnInfo>) =>
      noMessagesAfter(async () => {
        for await (const info of requests) log.debug('ignoring broker connection info', { service_id: info.serviceId });
      }),
  });

  return handlers;
}
