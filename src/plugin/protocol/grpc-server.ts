/**
 * A small gRPC server on Node's built-in http2 (no @grpc/grpc-js: its load time alone
 * would eat most of our start-up budget). It speaks the parts of the gRPC-over-HTTP/2
 * wire format a go-plugin client uses: length-prefixed messages, `application/grpc`,
 * status in trailers (or trailers-only responses), `grpc-timeout`, cancellation, and
 * unary, server-streaming, client-streaming and bidi methods. No compression.
 *
 * Every failure inside a handler becomes a gRPC status plus a log line; nothing a
 * client sends can take the process down.
 */
import type { Http2Server, Http2SecureServer, ServerHttp2Stream, IncomingHttpHeaders } from 'node:http2';
import type { Logger } from './logger';
import { redact } from './logger';

/** gRPC status codes we produce. */
export const Status = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** Throw from a handler to answer with a specific status. */
export class GrpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

export interface GrpcCallContext {
  /** Aborts on client cancel, deadline, or server shutdown. */
  readonly signal: AbortSignal;
  /** e.g. `/tfplugin6.Provider/ReadResource`. */
  readonly method: string;
}

interface Codec<Req, Res> {
  decode(bytes: Uint8Array): Req;
  encode(message: Res): Uint8Array;
}

/** Messages are opaque here: each handler's own codec and call agree on their types (methods, so they may be narrower). */
export type MethodHandler =
  | (Codec<unknown, unknown> & {
      kind: 'unary';
      call(request: unknown, ctx: GrpcCallContext): Promise<unknown>;
      /** Runs once the answer has gone out and the stream is closed (e.g. to exit after Shutdown). */
      afterResponse?(): void;
    })
  | (Codec<unknown, unknown> & { kind: 'serverStream'; call(request: unknown, ctx: GrpcCallContext): AsyncIterable<unknown> })
  | (Codec<unknown, unknown> & { kind: 'clientStream'; call(requests: AsyncIterable<unknown>, ctx: GrpcCallContext): Promise<unknown> })
  | (Codec<unknown, unknown> & { kind: 'bidi'; call(requests: AsyncIterable<unknown>, ctx: GrpcCallContext): AsyncIterable<unknown> });

/** Finds the handler for a `:path`; undefined means UNIMPLEMENTED. May throw (-> INTERNAL). */
export type Router = (path: string) => MethodHandler | undefined;

/** Largest request message we accept (Terraform allows 256 MiB for state). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/**
 * Runs `after` once the stream is closed (then the answer, if any, has been handed to the
 * session; a turn later it is on the socket), also when the client went away first, and at
 * the latest after a second.
 */
function runAfterClose(stream: ServerHttp2Stream, after: () => void): void {
  let ran = false;
  const run = () => {
    if (ran) return;
    ran = true;
    setImmediate(after);
  };
  if (stream.closed) return run();
  stream.once('close', run);
  setTimeout(run, 1000).unref();
}

/** Percent-encodes a grpc-message value as the gRPC spec asks (bytes outside 0x20-0x7E, and '%'). */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Parses `grpc-timeout` (e.g. `100m`, `5S`) into milliseconds; undefined if absent/invalid. */
export function parseGrpcTimeout(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,8})([HMSmun])$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const factor: Record<string, number> = { H: 3600e3, M: 60e3, S: 1e3, m: 1, u: 1e-3, n: 1e-6 };
  return n * factor[m[2]];
}

/** Length-prefixes one message: 1 byte compressed flag (0), 4 bytes big-endian length. */
export function frame(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** Splits an incoming byte stream into gRPC messages. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Returns the complete messages now available; throws GrpcError on a bad frame. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.buffered < 5) break;
      const head = this.peek(5);
      if (head[0] !== 0) {
        throw new GrpcError(Status.UNIMPLEMENTED, 'compressed gRPC messages are not supported by this server');
      }
      const length = head.readUInt32BE(1);
      if (length > MAX_MESSAGE_BYTES) {
        throw new GrpcError(Status.RESOURCE_EXHAUSTED, `request message of ${length} bytes exceeds the ${MAX_MESSAGE_BYTES}-byte limit`);
      }
      if (this.buffered < 5 + length) break;
      const all = this.take(5 + length);
      messages.push(all.subarray(5));
    }
    return messages;
  }

  /** Bytes of an incomplete message left at end of stream. */
  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
}

/** An async queue of request messages fed by the http2 stream. */
class MessageQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiters: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void }[] = [];
  private done = false;
  private failure: Error | undefined;

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve({ value: item, done: false });
    else this.items.push(item);
  }
  end(): void {
    this.done = true;
    for (const w of this.waiters.splice(0)) w.resolve({ value: undefined, done: true });
  }
  fail(error: Error): void {
    this.failure = error;
    this.done = true;
    for (const w of this.waiters.splice(0)) w.reject(error);
  }
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift() as T, done: false });
        if (this.failure !== undefined) return Promise.reject(this.failure);
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
      },
      return: () => {
        this.done = true;
        this.items = [];
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export interface GrpcServerHandle {
  /** Aborts every in-flight call (their handlers see ctx.signal abort). */
  abortAll(): void;
  /** Number of calls in flight. */
  readonly active: number;
}

/** Serves gRPC calls arriving on `server` through `router`. */
export function serveGrpc(server: Http2Server | Http2SecureServer, router: Router, log: Logger): GrpcServerHandle {
  const inFlight = new Set<AbortController>();
  server.on('stream', (stream, headers) => {
    const controller = new AbortController();
    inFlight.add(controller);
    handleCall(stream, headers, router, log, controller)
      .catch((error: unknown) => log.error('gRPC call failed outside its handler', { error: describeError(error) }))
      .finally(() => inFlight.delete(controller));
  });
  // Session-level problems (bad client certificate, a peer that vanished) are the
  // client's business: log them, never throw.
  server.on('sessionError', (error: Error) => log.debug('HTTP/2 session error', { error: error.message }));
  server.on('tlsClientError' as 'sessionError', (error: Error) => log.warn('TLS client rejected', { error: error.message }));
  server.on('error', (error: Error) => log.error('server error', { error: error.message }));
  return {
    abortAll: () => {
      for (const c of inFlight) c.abort(new GrpcError(Status.UNAVAILABLE, 'provider is shutting down'));
    },
    get active() {
      return inFlight.size;
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return redact(error.stack ?? error.message);
  return redact(String(error));
}

async function handleCall(
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  router: Router,
  log: Logger,
  controller: AbortController,
): Promise<void> {
  const method = String(headers[':path'] ?? '');
  const started = process.hrtime.bigint();
  let headersSent = false;
  let finished = false;
  let trailers: Record<string, string> = { 'grpc-status': '0' };

  stream.on('error', (error) => log.debug('HTTP/2 stream error', { rpc: method, error: error.message }));
  stream.on('close', () => {
    if (!finished) {
      finished = true;
      controller.abort(new GrpcError(Status.CANCELLED, 'call cancelled by the client'));
      log.debug('gRPC call cancelled by the client', { rpc: method });
    }
  });

  const finish = (code: number, message?: string): void => {
    if (finished) return;
    finished = true;
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    log.trace('gRPC call finished', { rpc: method, grpc_status: code, elapsed_ms: Math.round(elapsedMs * 1000) / 1000 });
    if (stream.destroyed || stream.closed) return;
    const status: Record<string, string> = { 'grpc-status': String(code) };
    if (message) status['grpc-message'] = encodeGrpcMessage(message);
    if (!headersSent) {
      // Trailers-only response: status travels in the single HEADERS frame.
      headersSent = true;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...status }, { endStream: true });
      return;
    }
    trailers = status;
    stream.end();
  };

  const sendHeaders = (): void => {
    if (headersSent || stream.destroyed) return;
    headersSent = true;
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
  };

  const send = async (bytes: Uint8Array): Promise<void> => {
    if (finished || stream.destroyed) return;
    sendHeaders();
    if (!stream.write(frame(bytes))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    }
  };

  const contentType = String(headers['content-type'] ?? '');
  if (headers[':method'] !== 'POST' || !contentType.startsWith('application/grpc')) {
    finished = true;
    stream.respond({ ':status': 415, 'content-type': 'text/plain' });
    stream.end('this endpoint speaks gRPC only\n');
    return;
  }

  // Requests flow into a queue as they arrive, for all method kinds.
  const queue = new MessageQueue<Buffer>();
  const decoder = new FrameDecoder();
  stream.on('data', (chunk: Buffer) => {
    try {
      for (const message of decoder.push(chunk)) queue.push(message);
    } catch (error) {
      queue.fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
  stream.on('end', () => {
    if (decoder.pending > 0) queue.fail(new GrpcError(Status.INTERNAL, 'request stream ended inside a message frame'));
    else queue.end();
  });

  const timeoutMs = parseGrpcTimeout(headers['grpc-timeout']);
  let timer: NodeJS.Timeout | undefined;
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => {
      controller.abort(new GrpcError(Status.DEADLINE_EXCEEDED, 'deadline exceeded'));
      log.warn('gRPC call deadline exceeded', { rpc: method, timeout_ms: timeoutMs });
      finish(Status.DEADLINE_EXCEEDED, 'deadline exceeded');
    }, timeoutMs);
    timer.unref();
  }

  const ctx: GrpcCallContext = { signal: controller.signal, method };
  try {
    const handler = router(method);
    if (!handler) {
      log.debug('unknown gRPC method', { rpc: method });
      finish(Status.UNIMPLEMENTED, `unknown method ${method}`);
      return;
    }
    log.trace('gRPC call started', { rpc: method });
    const decode = (bytes: Buffer): unknown => {
      try {
        return handler.decode(bytes);
      } catch (error) {
        throw new GrpcError(
          Status.INTERNAL,
          `cannot decode the ${method} request: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    const decodedStream = async function* (): AsyncIterable<unknown> {
      for await (const bytes of queue) yield decode(bytes);
    };
    const single = async (): Promise<unknown> => {
      let request: unknown;
      let count = 0;
      for await (const bytes of queue) {
        count += 1;
        if (count === 1) request = decode(bytes);
      }
      if (count !== 1) throw new GrpcError(Status.INTERNAL, `${method} expects exactly one request message, got ${count}`);
      return request;
    };

    switch (handler.kind) {
      case 'unary': {
        const request = await single();
        const response = await handler.call(request, ctx);
        if (handler.afterResponse) runAfterClose(stream, () => handler.afterResponse?.());
        if (finished) return;
        await send(handler.encode(response));
        break;
      }
      case 'clientStream': {
        const response = await handler.call(decodedStream(), ctx);
        if (finished) return;
        await send(handler.encode(response));
        break;
      }
      case 'serverStream': {
        const request = await single();
        sendHeaders();
        for await (const response of handler.call(request, ctx)) {
          if (finished) break;
          await send(handler.encode(response));
        }
        break;
      }
      case 'bidi': {
        sendHeaders();
        for await (const response of handler.call(decodedStream(), ctx)) {
          if (finished) break;
          await send(handler.encode(response));
        }
        break;
      }
    }
    finish(Status.OK);
  } catch (error) {
    if (error instanceof GrpcError) {
      if (error.code === Status.INTERNAL) log.error('gRPC call failed', { rpc: method, error: redact(error.message) });
      else log.debug('gRPC call ended with status', { rpc: method, grpc_status: error.code, error: redact(error.message) });
      finish(error.code, redact(error.message));
    } else {
      log.error('provider error while handling a gRPC call', { rpc: method, error: describeError(error) });
      const message = error instanceof Error ? error.message : String(error);
      finish(Status.INTERNAL, redact(`internal provider error in ${method}: ${message}`));
    }
  } finally {
    if (timer) clearTimeout(timer);
  }
}
