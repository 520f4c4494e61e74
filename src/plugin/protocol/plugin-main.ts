/**
 * The provider process: cookie check, version negotiation, AutoMTLS identity, listen on
 * a unix socket, print the handshake line, then serve until told to stop.
 *
 * Start-up speed is a requirement (engines start providers many times per run): before
 * the handshake line we load only node:net/crypto/fs, the logger and the X.509 code, and
 * listen with a plain socket server. node:http2 and TLS (the gRPC server) are `require`d
 * right after the line is written, while the engine connects; go-plugin's own services,
 * the protocol code and the provider by the first RPC that needs each. RPCs whose answer
 * depends on nothing (the schema: engines start a process just to read it) are answered
 * from precomputed bytes while the provider is not loaded (precomputed-answers.ts).
 */
import type { Http2SecureServer, Http2Server } from 'node:http2';
import { createServer as createSocketServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, handshakeLine, negotiateProtocolVersion, type ProtocolVersion } from './handshake';
import { serveGrpc, type GrpcServerHandle, type MethodHandler, type Router } from './grpc-server';
import { log } from './logger';
import { fixedAnswer, type PrecomputedAnswers } from './precomputed-answers';
import type { ProviderService } from './provider-service';

export interface PluginOptions {
  /** The executable's name, e.g. terraform-provider-example: in messages and the TLS certificate. */
  name: string;
  /** What to print when someone runs the executable by hand (no magic cookie). */
  notACommandMessage: string;
  /** Creates the provider implementation; called once, on the first provider RPC it must answer live. */
  loadService(): ProviderService;
  /**
   * Answers encoded at build time (precomputed-answers.ts), read on the first RPC that has
   * one; undefined (or a throw) when there are none, and everything is answered live.
   */
  loadPrecomputedAnswers?(): PrecomputedAnswers | undefined;
  env?: NodeJS.ProcessEnv;
}

export function runPlugin(options: PluginOptions): void {
  const env = options.env ?? process.env;
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(options.notACommandMessage);
    process.exit(1);
  }
  const negotiated = negotiateProtocolVersion(env.PLUGIN_PROTOCOL_VERSIONS, options.name);
  if ('error' in negotiated) {
    process.stderr.write(negotiated.error + '\n');
    log.error(negotiated.error);
    process.exit(1);
  }
  const version = negotiated.version;

  // AutoMTLS when the engine hands us its client certificate; plain h2c otherwise. The
  // certificate goes into the handshake line, so it is made now; the server that uses it later.
  let certField = '';
  const clientCert = env.PLUGIN_CLIENT_CERT;
  let identity: import('./tls-cert').ServerIdentity | undefined;
  if (clientCert) {
    const tls = require('./tls-cert') as typeof import('./tls-cert');
    identity = tls.createServerIdentity(new Date(), options.name);
    certField = tls.handshakeCertField(identity.certDer);
  }
  let server: Http2Server | Http2SecureServer | undefined;
  let grpc: GrpcServerHandle | undefined;
  const grpcServer = (): Http2Server | Http2SecureServer => {
    if (server) return server;
    const http2 = require('node:http2') as typeof import('node:http2');
    server = identity
      ? http2.createSecureServer({
          key: identity.keyPem,
          cert: identity.certPem,
          ca: clientCert,
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
          allowHTTP1: false,
        })
      : http2.createServer();
    grpc = serveGrpc(server, router, log);
    return server;
  };
  // Accepted connections go to the gRPC server as if it had accepted them itself.
  const listener = createSocketServer((socket) => grpcServer().emit('connection', socket));

  const socketDir = mkdtempSync(join(env.PLUGIN_UNIX_SOCKET_DIR || tmpdir(), 'tfwa-'));
  const socketPath = join(socketDir, 'plugin.sock');
  const cleanup = (): void => {
    try {
      rmSync(socketDir, { recursive: true, force: true });
    } catch {
      // best effort: the temp dir is ours alone
    }
  };
  process.on('exit', cleanup);

  let stopping = false;
  const shutdown = (code: number, reason: string): void => {
    if (stopping) return;
    stopping = true;
    log.debug('provider exiting', { reason });
    grpc?.abortAll();
    listener.close();
    server?.close();
    cleanup();
    // Sessions may linger (the engine keeps its connection open); do not wait for them.
    setImmediate(() => process.exit(code));
  };

  const router = createRouter(version, options, () => shutdown(0, 'Shutdown RPC'));

  installProcessGuards(shutdown);

  listener.listen(socketPath, () => {
    process.stdout.write(handshakeLine(version, 'unix', socketPath, certField) + '\n');
    // stdout now belongs to go-plugin (it would log stray lines as plugin output):
    // whatever a library prints there from now on goes to stderr.
    const toStderr = process.stderr.write.bind(process.stderr);
    process.stdout.write = toStderr;
    log.debug('plugin server listening', { protocol_version: version, address: socketPath, tls: Boolean(clientCert) });
    // Build the gRPC server while the engine connects. The provider itself loads on the
    // first RPC that needs it: a process started only for the schema never loads it.
    setImmediate(() => {
      try {
        grpcServer();
      } catch (error) {
        log.error('cannot start the gRPC server', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}

/**
 * Routes method paths to handler tables that are built (and required) on first use. Until
 * the provider's table is built, RPCs with a precomputed answer get it from the file.
 */
function createRouter(version: ProtocolVersion, options: PluginOptions, onShutdown: () => void): Router {
  let service: ProviderService | undefined;
  const getService = (): ProviderService => {
    if (!service) {
      service = options.loadService();
      log.debug('provider implementation loaded');
    }
    return service;
  };
  let precomputed: PrecomputedAnswers | null | undefined;
  const precomputedAnswer = (path: string): MethodHandler | undefined => {
    if (precomputed === undefined) {
      try {
        precomputed = options.loadPrecomputedAnswers?.() ?? null;
      } catch (error) {
        log.debug('no precomputed answers: answering live', { error: error instanceof Error ? error.message : String(error) });
        precomputed = null;
      }
    }
    const answer = precomputed?.[path];
    return typeof answer === 'string' ? fixedAnswer(Buffer.from(answer, 'base64')) : undefined;
  };
  let pluginTable: Map<string, MethodHandler> | undefined;
  let providerTable: Map<string, MethodHandler> | undefined;
  const providerPrefix = `/tfplugin${version}.Provider/`;

  const loadPluginTable = () =>
    (pluginTable ??= (require('./go-plugin-services') as typeof import('./go-plugin-services')).goPluginHandlers({
      onShutdown,
      log,
    }));
  const loadProviderTable = () =>
    (providerTable ??=
      version === 6
        ? (require('./tfplugin6-server') as typeof import('./tfplugin6-server')).tfplugin6Handlers(getService)
        : (require('./tfplugin5-server') as typeof import('./tfplugin5-server')).tfplugin5Handlers(getService));

  return (path: string) => {
    if (path.startsWith(providerPrefix)) return (providerTable ? undefined : precomputedAnswer(path)) ?? loadProviderTable().get(path);
    if (path.startsWith('/plugin.') || path.startsWith('/grpc.health.v1.')) return loadPluginTable().get(path);
    return undefined;
  };
}

/**
 * Signals and orphan detection, the way go-plugin providers behave:
 * - SIGINT is ignored: the engine receives the same Ctrl-C, asks providers to stop
 *   (StopProvider) and then kills them; dying first would break its cleanup.
 * - SIGTERM/SIGHUP: clean exit (socket dir removed).
 * - stdin is never read (the engine shares its terminal with us; reading could steal
 *   the user's answer to an approval prompt), so its state means nothing to us.
 * - if the engine dies without killing us, we are reparented: exit then.
 * - a stray exception or rejection is logged, never fatal.
 */
function installProcessGuards(shutdown: (code: number, reason: string) => void): void {
  process.stderr.on('error', () => undefined); // a closed stderr must not become an uncaught loop
  process.on('SIGINT', () => log.debug('ignoring SIGINT: the engine handles interrupts'));
  process.on('SIGTERM', () => shutdown(0, 'SIGTERM'));
  process.on('SIGHUP', () => shutdown(0, 'SIGHUP'));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown(0, 'engine process went away');
  }, 1000).unref();
  process.on('uncaughtException', (error) => log.error('uncaught exception (ignored)', { error: error.stack ?? error.message }));
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled promise rejection (ignored)', {
      error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
    }),
  );
}
