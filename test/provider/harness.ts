/**
 * Test harness: runs the provider executable the way Terraform/OpenTofu do and talks
 * to it over real gRPC (@grpc/grpc-js + @grpc/proto-loader on our .proto files, i.e. an
 * encoder independent from the provider's pbjs code).
 *
 *   import { startProvider, dv, fromDv } from './harness';
 *
 *   const p = await startProvider();                  // real provider, protocol 6, mTLS
 *   try {
 *     const schema = await p.v6.getProviderSchema({});
 *     const res = await p.v6.validateResourceConfig({
 *       typeName: 'whatsapp_local_storage',
 *       config: dv({ phone_number_id: '106540352242922', enabled: true, region: 'DE' }),
 *     });
 *     expect(res.diagnostics ?? []).toEqual([]);
 *     const state = fromDv(res2.newState);            // msgpack DynamicValue -> JS value
 *     expect(p.logs().some((l) => l['@message'] === '...')).toBe(true);
 *   } finally {
 *     await p.close();                                // always: kills the process
 *   }
 *
 * Options (all optional): `protocolVersions` ("6", "5", "5,6"; default "6"), `mtls`
 * (default true: sends PLUGIN_CLIENT_CERT like an engine), `env` (extra environment,
 * e.g. { TF_LOG_PROVIDER: 'trace', WHATSAPP_... }), `testService` (use the plumbing-only
 * service in protocol-test-service.ts instead of the real provider), `executable`.
 *
 * Clients: `p.v6` (methods named like ProviderService: getProviderSchema, readResource,
 * ...; streaming RPCs resolve to an array of events; writeStateBytes takes an array),
 * `p.v5` (raw v5 RPC names in lowerCamelCase: getSchema, prepareProviderConfig, ...),
 * `p.call(path, request)` for any unary method path, `p.health`, `p.controller`.
 * Enums are numbers, int64 are numbers, bytes are Buffers, absent fields are undefined.
 *
 * Which executable: `executable` option, else $TFWA_PROVIDER_BIN, else
 * dist/bin/terraform-provider-whatsapp.js when it is newer than every file in src/,
 * else a fresh esbuild bundle of src/provider/main.ts (same options as scripts/build.mjs)
 * in the temp dir, built once per jest worker.
 */
import { buildSync } from 'esbuild';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { createServerIdentity, toPem } from '../../src/plugin/protocol/tls-cert';
import { MAGIC_COOKIE_VALUE } from '../../src/plugin/protocol/handshake';
import type { ProviderService } from '../../src/plugin/protocol/provider-service';
import type { tfplugin5 } from '../../src/plugin/protocol/generated/tfplugin5';
import type { tfplugin6 } from '../../src/plugin/protocol/generated/tfplugin6';

/** The package root: found by walking up, so this also works when bundled elsewhere (run-ts). */
export const repoRoot = findRepoRoot(__dirname);
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'plugin', 'protocol'))) return dir;
    if (dirname(dir) === dir) return join(__dirname, '..', '..');
  }
}
export const protoDir = join(repoRoot, 'src', 'plugin', 'protocol', 'proto');
const distBin = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');

// ---------------------------------------------------------------------------------------
// Values

/** The unrefined unknown value as cty encodes it in msgpack. */
export const UNKNOWN = new ExtData(0, Uint8Array.of(0));

/** JS value -> msgpack DynamicValue (`{ msgpack }`). Use UNKNOWN for unknown values. */
export function dv(value: unknown): { msgpack: Buffer } {
  return { msgpack: Buffer.from(encode(value)) };
}

/** DynamicValue -> JS value (msgpack, or json when only that is set); undefined if absent. */
export function fromDv(value: { msgpack?: Uint8Array | null; json?: Uint8Array | null } | null | undefined): unknown {
  if (!value) return undefined;
  if (value.msgpack && value.msgpack.length > 0) return decode(value.msgpack);
  if (value.json && value.json.length > 0) return JSON.parse(Buffer.from(value.json).toString('utf8'));
  return undefined;
}

/** A cty type as the schema's `type` bytes hold it, e.g. ctyType(['list', 'string']). */
export function ctyType(type: unknown): Buffer {
  return Buffer.from(JSON.stringify(type));
}

// ---------------------------------------------------------------------------------------
// Executable

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureCodegen(): void {
  if (existsSync(join(repoRoot, 'src', 'plugin', 'protocol', 'generated', 'tfplugin6.js'))) return;
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'codegen', '10-protobuf.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('protobuf codegen failed');
}

const bundles = new Map<string, string>();
let bundleDir: string | undefined;

/** Bundles a TS entry like scripts/build.mjs does, once per process. */
export function bundleEntry(entry: string): string {
  const cached = bundles.get(entry);
  if (cached) return cached;
  ensureCodegen();
  bundleDir ??= mkdtempSync(join(tmpdir(), 'tfwa-harness-'));
  const outfile = join(bundleDir, `bundle-${bundles.size}.js`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  bundles.set(entry, outfile);
  return outfile;
}
process.on('exit', () => {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

export function providerExecutable(options: { testService?: boolean } = {}): string {
  if (options.testService) return bundleEntry(join(repoRoot, 'test', 'plugin', 'protocol-test-main.ts'));
  if (process.env.TFWA_PROVIDER_BIN) return process.env.TFWA_PROVIDER_BIN;
  if (existsSync(distBin) && statSync(distBin).mtimeMs >= newestMtime(join(repoRoot, 'src'))) return distBin;
  return bundleEntry(join(repoRoot, 'src', 'provider', 'main.ts'));
}

// ---------------------------------------------------------------------------------------
// gRPC clients

export const protoLoaderOptions: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: Number,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
  includeDirs: [protoDir],
};

let packageCache: grpc.GrpcObject | undefined;
/** Our .proto files loaded by proto-loader (shared by every harness instance). */
export function protoPackage(): grpc.GrpcObject {
  if (!packageCache) {
    const definition = protoLoader.loadSync(['tfplugin5.proto', 'tfplugin6.proto', 'go_plugin.proto', 'health.proto'], protoLoaderOptions);
    packageCache = grpc.loadPackageDefinition(definition);
  }
  return packageCache;
}

/** The service definition (method paths, streaming flags) of e.g. 'tfplugin6.Provider'. */
export function serviceDefinition(name: string): grpc.ServiceDefinition {
  let node: unknown = protoPackage();
  for (const part of name.split('.')) node = (node as Record<string, unknown>)[part];
  return (node as { service: grpc.ServiceDefinition }).service;
}

/** A message as proto-loader decodes it (protoLoaderOptions): enums are plain numbers, bytes are Buffers. */
export type Decoded<T> = T extends number
  ? number
  : T extends Uint8Array
    ? Buffer
    : T extends readonly (infer E)[]
      ? Decoded<E>[]
      : T extends object
        ? { [K in keyof T]: Decoded<T[K]> }
        : T;
/** A diagnostic as a response carries it. */
export type Diagnostic = Decoded<tfplugin6.IDiagnostic>;

type Awaited2<T> = T extends AsyncIterable<infer E> ? E[] : T extends Promise<infer R> ? R : never;
type ClientMethod<F> = F extends (req: infer R, ...rest: never[]) => infer Out
  ? R extends AsyncIterable<infer C>
    ? (chunks: C[], options?: CallOptions) => Promise<Decoded<Awaited2<Out>>>
    : (request: R, options?: CallOptions) => Promise<Decoded<Awaited2<Out>>>
  : never;
/** Promise-returning v6 client with the ProviderService's method names and types. */
export type V6Client = { [K in keyof ProviderService]: ClientMethod<ProviderService[K]> };

/** v6 method -> the v5 RPC where the names differ (RENAMED in src/plugin/protocol/tfplugin5-server.ts). */
const V5_NAMES = {
  getProviderSchema: 'getSchema',
  validateProviderConfig: 'prepareProviderConfig',
  validateResourceConfig: 'validateResourceTypeConfig',
  validateDataResourceConfig: 'validateDataSourceConfig',
  configureProvider: 'configure',
  stopProvider: 'stop',
} as const;
type V5Names = typeof V5_NAMES;
/** The state-store RPCs: protocol 6 only. */
type StateStoreRpc =
  | 'validateStateStoreConfig'
  | 'configureStateStore'
  | 'readStateBytes'
  | 'writeStateBytes'
  | 'lockState'
  | 'unlockState'
  | 'getStates'
  | 'deleteState';
/** The RPCs both protocols have, by their v6 names and with the v6 message types. */
export type CommonClient = Omit<V6Client, StateStoreRpc>;
/**
 * v5 client: RPC names in lowerCamelCase (getSchema, prepareProviderConfig, configure, stop, ...). The messages
 * are v6's (same field names), except PrepareProviderConfig's response, which echoes the config.
 */
export type V5Client = {
  [K in Exclude<keyof CommonClient, 'validateProviderConfig'> as K extends keyof V5Names ? V5Names[K] : K]: CommonClient[K];
} & {
  prepareProviderConfig(
    request: tfplugin5.PrepareProviderConfig.IRequest,
    options?: CallOptions,
  ): Promise<Decoded<tfplugin5.PrepareProviderConfig.IResponse>>;
};

export interface CallOptions {
  /** Milliseconds; default 20 s. */
  timeoutMs?: number;
  metadata?: Record<string, string>;
}

/** Wraps any grpc-js method (unary, server-, client-stream) into a promise. */
function promisify(client: grpc.Client, def: grpc.MethodDefinition<unknown, unknown>) {
  return (request: unknown, options: CallOptions = {}): Promise<unknown> => {
    const deadline = Date.now() + (options.timeoutMs ?? 20000);
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(options.metadata ?? {})) metadata.set(k, v);
    const path = def.path;
    const serialize = def.requestSerialize;
    const deserialize = def.responseDeserialize;
    return new Promise((resolve, reject) => {
      if (!def.requestStream && !def.responseStream) {
        client.makeUnaryRequest(path, serialize, deserialize, request, metadata, { deadline }, (err, res) =>
          err ? reject(err) : resolve(res),
        );
      } else if (!def.requestStream && def.responseStream) {
        const events: unknown[] = [];
        const call = client.makeServerStreamRequest(path, serialize, deserialize, request, metadata, { deadline });
        call.on('data', (e) => events.push(e));
        call.on('error', reject);
        call.on('end', () => resolve(events));
      } else if (def.requestStream && !def.responseStream) {
        const call = client.makeClientStreamRequest(path, serialize, deserialize, metadata, { deadline }, (err, res) =>
          err ? reject(err) : resolve(res),
        );
        for (const chunk of request as unknown[]) call.write(chunk);
        call.end();
      } else {
        const events: unknown[] = [];
        const call = client.makeBidiStreamRequest(path, serialize, deserialize, metadata, { deadline });
        call.on('data', (e) => events.push(e));
        call.on('error', reject);
        call.on('end', () => resolve(events));
        for (const chunk of request as unknown[]) call.write(chunk);
        call.end();
      }
    });
  };
}

function clientFor(client: grpc.Client, service: string): Record<string, (req: unknown, o?: CallOptions) => Promise<unknown>> {
  const out: Record<string, (req: unknown, o?: CallOptions) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(serviceDefinition(service))) {
    out[name[0].toLowerCase() + name.slice(1)] = promisify(client, def as grpc.MethodDefinition<unknown, unknown>);
  }
  return out;
}

/** The Provider client of `protocol` by v6 method names, to run the same test on protocol 5 and 6. */
export function commonClient(p: Pick<ProviderProcess, 'v5' | 'v6'>, protocol: 5 | 6): CommonClient {
  if (protocol === 6) return p.v6;
  const v5 = p.v5 as unknown as Record<string, unknown>;
  const out = { ...v5 };
  for (const [v6Name, v5Name] of Object.entries(V5_NAMES)) out[v6Name] = v5[v5Name];
  return out as unknown as CommonClient;
}

// ---------------------------------------------------------------------------------------
// The provider process

export interface Handshake {
  raw: string;
  coreVersion: number;
  protocolVersion: number;
  network: string;
  address: string;
  protocol: string;
  /** 6th field as printed (base64 without padding; '' in plain mode). */
  certField: string;
  /** Parsed server certificate when in mTLS mode. */
  cert?: X509Certificate;
}

export interface LogLine {
  '@level': string;
  '@message': string;
  '@module': string;
  '@timestamp': string;
  [field: string]: unknown;
}

export interface StartOptions {
  protocolVersions?: string;
  mtls?: boolean;
  env?: Record<string, string | undefined>;
  testService?: boolean;
  executable?: string;
  /** argv that starts the provider, when it is not a node script (default: node <executable>). */
  command?: string[];
  /** Client identity override (e.g. a certificate the provider was not told about). */
  clientIdentity?: { certPem: string; keyPem: string };
  /** Milliseconds to wait for the handshake line; default 15 s. */
  handshakeTimeoutMs?: number;
}

export interface ProviderProcess {
  handshake: Handshake;
  child: ChildProcess;
  /** The client certificate announced to the provider in PLUGIN_CLIENT_CERT. */
  clientIdentity?: { certPem: string; keyPem: string };
  v6: V6Client;
  v5: V5Client;
  health: { check(req: { service?: string }, o?: CallOptions): Promise<{ status?: number }> };
  controller: { shutdown(req: object, o?: CallOptions): Promise<object> };
  /** Unary call by full path, e.g. '/tfplugin6.Provider/GetMetadata'. */
  call(path: string, request: unknown, options?: CallOptions): Promise<unknown>;
  /** A raw grpc-js client on the same channel (for streaming/odd cases). */
  grpcClient: grpc.Client;
  /** Opens another channel with different credentials (mTLS tests). */
  connect(credentials: grpc.ChannelCredentials): grpc.Client;
  stderr(): string;
  /** stderr lines that parse as hclog JSON. */
  logs(): LogLine[];
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Closes the channel and stops the process (SIGTERM, then SIGKILL after 3 s). */
  close(): Promise<void>;
}

/** Credentials for talking to a provider that printed `certField`. */
export function clientCredentials(certField: string, identity?: { certPem: string; keyPem: string }): grpc.ChannelCredentials {
  if (!certField) return grpc.credentials.createInsecure();
  const serverPem = toPem('CERTIFICATE', Buffer.from(certField, 'base64'));
  return grpc.credentials.createSsl(
    Buffer.from(serverPem),
    identity ? Buffer.from(identity.keyPem) : null,
    identity ? Buffer.from(identity.certPem) : null,
  );
}

export const channelOptions = {
  'grpc.ssl_target_name_override': 'localhost',
  'grpc.default_authority': 'localhost',
  'grpc.max_receive_message_length': 256 * 1024 * 1024,
};

export function newClientIdentity(): { certPem: string; keyPem: string } {
  const id = createServerIdentity();
  return { certPem: id.certPem, keyPem: id.keyPem };
}

/** Spawns the provider with an engine-like environment and reads its handshake. */
export function spawnProvider(options: StartOptions = {}): {
  child: ChildProcess;
  clientIdentity?: { certPem: string; keyPem: string };
  socketDir: string;
  stderr: () => string;
  handshake: Promise<Handshake>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const executable = options.executable ?? providerExecutable({ testService: options.testService });
  const mtls = options.mtls ?? true;
  const clientIdentity = mtls ? newClientIdentity() : undefined;
  const socketDir = mkdtempSync(join(tmpdir(), 'tfwa-sock-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('PLUGIN_') || key.startsWith('TF_LOG')) delete env[key];
  Object.assign(env, {
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: options.protocolVersions ?? '6',
    PLUGIN_UNIX_SOCKET_DIR: socketDir,
    ...(clientIdentity ? { PLUGIN_CLIENT_CERT: clientIdentity.certPem } : {}),
  });
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const [file, ...args] = options.command ?? [process.execPath, executable];
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      rmSync(socketDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const handshake = new Promise<Handshake>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`no handshake within the timeout; stderr:\n${stderr}`)),
      options.handshakeTimeoutMs ?? 15000,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const raw = stdout.slice(0, nl);
      const f = raw.split('|');
      const hs: Handshake = {
        raw,
        coreVersion: Number(f[0]),
        protocolVersion: Number(f[1]),
        network: f[2],
        address: f[3],
        protocol: f[4],
        certField: f[5] ?? '',
      };
      if (hs.certField) hs.cert = new X509Certificate(Buffer.from(hs.certField, 'base64'));
      resolve(hs);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`provider exited (${code ?? signal}) before the handshake; stderr:\n${stderr}`));
    });
  });
  handshake.catch(() => undefined);
  return { child, clientIdentity, socketDir, stderr: () => stderr, handshake, exited };
}

export async function startProvider(options: StartOptions = {}): Promise<ProviderProcess> {
  const spawned = spawnProvider(options);
  let handshake: Handshake;
  try {
    handshake = await spawned.handshake;
  } catch (error) {
    spawned.child.kill('SIGKILL');
    throw error;
  }
  const identity = options.clientIdentity ?? spawned.clientIdentity;
  const target = handshake.network === 'unix' ? `unix://${handshake.address}` : handshake.address;
  const connect = (credentials: grpc.ChannelCredentials) => new grpc.Client(target, credentials, channelOptions);
  const grpcClient = connect(clientCredentials(handshake.certField, identity));
  const v6 = clientFor(grpcClient, 'tfplugin6.Provider');
  const v5 = clientFor(grpcClient, 'tfplugin5.Provider');
  const unaryByPath = (path: string, request: unknown, options?: CallOptions) =>
    promisify(grpcClient, {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: unknown) => v as Buffer,
      responseDeserialize: (b: Buffer) => b,
    } as unknown as grpc.MethodDefinition<unknown, unknown>)(request, options);
  const callByPath = (path: string, request: unknown, options?: CallOptions): Promise<unknown> => {
    const [, pkgService, method] = /^\/(.+)\/([^/]+)$/.exec(path) ?? [];
    const def = pkgService ? (serviceDefinition(pkgService)?.[method] as grpc.MethodDefinition<unknown, unknown> | undefined) : undefined;
    if (!def) return unaryByPath(path, request, options);
    return promisify(grpcClient, def)(request, options);
  };
  let closed = false;
  return {
    handshake,
    child: spawned.child,
    clientIdentity: spawned.clientIdentity,
    v6: v6 as unknown as V6Client,
    v5: v5 as unknown as V5Client,
    health: clientFor(grpcClient, 'grpc.health.v1.Health') as unknown as ProviderProcess['health'],
    controller: clientFor(grpcClient, 'plugin.GRPCController') as unknown as ProviderProcess['controller'],
    call: callByPath,
    grpcClient,
    connect,
    stderr: spawned.stderr,
    logs: () => parseLogs(spawned.stderr()),
    exited: spawned.exited,
    close: async () => {
      if (closed) return;
      closed = true;
      grpcClient.close();
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) {
        spawned.child.kill('SIGTERM');
        const timer = setTimeout(() => spawned.child.kill('SIGKILL'), 3000);
        await spawned.exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Parses hclog JSON lines; non-JSON lines are skipped. */
export function parseLogs(stderr: string): LogLine[] {
  const out: LogLine[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch {
      // not a log line
    }
  }
  return out;
}

/** Polls `predicate` until true (or throws after `timeoutMs`). */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every attribute of whatsapp_local_storage, as the gRPC tests write a full configuration and expect the schema. */
export const LOCAL_STORAGE_ATTRS = [
  'id',
  'phone_number_id',
  'data_localization_region',
  'pin',
  'pin_wo',
  'pin_wo_version',
  'verification_code',
  'set_pin_before_deregister',
  'disable_on_destroy',
  'one_at_a_time',
  'storage_status',
  'registered',
  'display_phone_number',
  'storage_mode',
  'retention_minutes',
  'register_calls_72h',
  'deregister_calls_72h',
  'quota_available_at',
];
