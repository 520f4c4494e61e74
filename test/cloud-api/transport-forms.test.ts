/**
 * One transport contract, both forms (src/cloud-api/transport.ts and transport-fetch.ts): the
 * client bundled as the JS form ships it, on Node, and as the standalone provider ships it, on
 * Bun. Each case runs in both and must come out the same: what reaches a server, the failure kind
 * the client gives a transport failure (which decides whether a write may be resent), certificate
 * verification, the pool's bound and the proxy variables.
 */
import { expect } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTION_POOL_SIZE } from '../../src/cloud-api/connection-pool';
import type { RunningEmulator } from '../../src/emulator';
import { createServerIdentity } from '../../src/plugin/protocol/tls-cert';
import { NUM_BR, startTestEmulator, TOKEN } from '../engine/emulator-harness';
import { forwardProxy, httpsFront, listen, shut, type Listening, type ProxyLog } from './test-servers';
import { buildForms, runForm, type FormRun, type TransportForm } from './transport-forms';
import type { TransportJob } from './transport-driver';

let work: string;
let forms: TransportForm[];
let emulator: RunningEmulator;
let caFile: string;
let identity: ReturnType<typeof createServerIdentity>;
const servers: Listening[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wls-transport-'));
  forms = buildForms(work);
  emulator = await startTestEmulator();
  identity = createServerIdentity(new Date(), 'transport-test');
  caFile = join(work, 'ca.pem');
  writeFileSync(caFile, identity.certPem);
}, 120_000);

afterAll(async () => {
  for (const s of servers) await shut(s);
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function serve(server: net.Server): Promise<Listening> {
  const l = await listen(server);
  servers.push(l);
  return l;
}

const formNames = ['JS form on Node', 'standalone form on Bun'];
const form = (name: string) => forms.find((f) => f.name === name) as TransportForm;

async function run(name: string, job: Partial<TransportJob>, env: Record<string, string> = {}): Promise<FormRun> {
  const result = await runForm(form(name), { baseUrl: emulator.url, phoneNumberId: NUM_BR, call: 'settings', ...job }, TOKEN, env);
  // The client redacts the token from everything it says; boolean, so a failure does not print it.
  expect((result.stdout + result.stderr).includes(TOKEN)).toBe(false);
  if (result.code !== 0 || result.outcomes.length === 0)
    throw new Error(`driver failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

const failure = (result: FormRun, i = 0) => {
  const outcome = result.outcomes[i];
  if (!('error' in outcome) || !('kind' in outcome.error)) throw new Error(`expected a GraphApiError, got ${JSON.stringify(outcome)}`);
  return outcome.error;
};

test("the standalone provider's bundle requires none of Node's HTTP stack: its client is on Bun's fetch", () => {
  const bundle = readFileSync(join(work, 'provider-standalone.js'), 'utf8');
  const required = [...new Set([...bundle.matchAll(/require\("(?:node:)?([\w/]+)"\)/g)].map((m) => m[1]))].sort();
  expect(required).toContain('http2');
  for (const module of ['http', 'https', 'zlib', 'stream', 'tls', 'url']) expect(required).not.toContain(module);
});

describe.each(formNames)('%s', (name) => {
  test('reads through to the emulator and exits on its own with a kept-alive connection', async () => {
    const result = await run(name, {});
    expect(result.outcomes).toEqual([
      { ok: expect.objectContaining({ storage_configuration: expect.objectContaining({ data_localization_region: 'BR' }) }) },
    ]);
  });

  test('a refused connection is "unreachable": a write is resent, since it never left', async () => {
    const closed = await serve(net.createServer());
    const port = closed.port;
    await shut(closed);
    const read = failure(await run(name, { baseUrl: `http://127.0.0.1:${port}` }));
    expect(read).toMatchObject({ kind: 'unreachable', outcomeUnknown: false });
    expect(read.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const write = failure(await run(name, { baseUrl: `http://127.0.0.1:${port}`, call: 'register', maxRetries: 2 }));
    expect(write).toMatchObject({ kind: 'unreachable', outcomeUnknown: false, attempts: 3 });
  });

  test('a name that does not resolve is "unreachable"', async () => {
    const read = failure(await run(name, { baseUrl: 'http://graph.example.invalid' }));
    expect(read.kind).toBe('unreachable');
    expect(read.message).toMatch(/\((ENOTFOUND|EAI_AGAIN)\)/);
  });

  test('no answer within the timeout is "timeout": a write then has an unknown outcome and is not resent', async () => {
    const received: string[] = [];
    const silent = await serve(
      net.createServer((socket) => socket.on('data', (d: Buffer) => received.push(d.toString().split('\r\n')[0]))),
    );
    const baseUrl = `http://127.0.0.1:${silent.port}`;
    const read = failure(await run(name, { baseUrl, timeoutMs: 300 }));
    expect(read).toMatchObject({ kind: 'timeout', outcomeUnknown: false });
    expect(read.message).toContain('no answer within 300 ms');
    const write = failure(await run(name, { baseUrl, timeoutMs: 300, call: 'register', maxRetries: 2 }));
    expect(write).toMatchObject({ kind: 'timeout', outcomeUnknown: true, attempts: 1 });
    expect(write.message).toContain('may or may not have taken effect');
    expect(received.filter((line) => line.startsWith('POST '))).toHaveLength(1);
  });

  test('a connection reset after the request arrived is "network": the write has an unknown outcome', async () => {
    const resetting = await serve(net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    const write = failure(await run(name, { baseUrl: `http://127.0.0.1:${resetting.port}`, call: 'register', maxRetries: 2 }));
    expect(write).toMatchObject({ kind: 'network', outcomeUnknown: true, attempts: 1 });
    expect(write.message).toContain('the connection failed (ECONNRESET)');
  });

  test('a certificate it does not trust is refused before any request, also with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const seen: string[] = [];
    const tls = await serve(
      https.createServer({ key: identity.keyPem, cert: identity.certPem }, (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"storage_configuration":{"status":"DEFAULT"}}');
      }),
    );
    const baseUrl = `https://localhost:${tls.port}`;
    const refused = failure(await run(name, { baseUrl }, { NODE_TLS_REJECT_UNAUTHORIZED: '0' }));
    expect(refused.kind).toBe('network');
    expect(refused.message).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
    expect(seen).toEqual([]);
    // The same server, once its certificate is trusted through NODE_EXTRA_CA_CERTS: so the refusal above was verification.
    const trusted = await run(name, { baseUrl }, { NODE_EXTRA_CA_CERTS: caFile });
    expect(trusted.outcomes).toEqual([{ ok: { storage_configuration: { status: 'DEFAULT' } } }]);
    expect(seen).toHaveLength(1);
  });

  test(`at most ${CONNECTION_POOL_SIZE} requests await an answer at once; the rest wait their turn`, async () => {
    let open = 0;
    let most = 0;
    const slow = await serve(
      http.createServer((_req, res) => {
        most = Math.max(most, ++open);
        setTimeout(() => {
          open--;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"storage_configuration":{"status":"DEFAULT"}}');
        }, 150);
      }),
    );
    const result = await run(name, { baseUrl: `http://127.0.0.1:${slow.port}`, count: 40 });
    expect(result.outcomes.filter((o) => 'ok' in o)).toHaveLength(40);
    expect(most).toBe(CONNECTION_POOL_SIZE);
  });
});

describe.each(formNames)('%s, proxies', (name) => {
  const log: ProxyLog = { forwarded: [], connects: [] };
  let proxyUrl: string;
  let front: Listening;
  const frontSeen: string[] = [];

  beforeAll(async () => {
    const sockets = new Set<net.Socket>();
    proxyUrl = `http://127.0.0.1:${(await serve(forwardProxy(log, sockets))).port}`;
    front = await serve(httpsFront(identity, new URL(emulator.url), frontSeen));
  });

  beforeEach(() => {
    log.forwarded.length = 0;
    log.connects.length = 0;
    frontSeen.length = 0;
  });

  test('HTTP_PROXY forwards a read to an http target, the token header intact', async () => {
    const result = await run(name, {}, { HTTP_PROXY: proxyUrl });
    expect(result.outcomes[0]).toHaveProperty('ok');
    expect(log.forwarded).toHaveLength(1);
    expect(log.forwarded[0]).toMatchObject({ method: 'GET', bearerForwarded: true });
    expect(log.forwarded[0].url).toMatch(new RegExp(`^${emulator.url.replace(/[.]/g, '\\.')}/v\\d+\\.0/${NUM_BR}/settings$`));
    expect(log.connects).toEqual([]);
  });

  test('all_proxy (in lower case) forwards when no HTTP_PROXY is set', async () => {
    const result = await run(name, {}, { all_proxy: proxyUrl });
    expect(result.outcomes[0]).toHaveProperty('ok');
    expect(log.forwarded.map((r) => r.method)).toEqual(['GET']);
  });

  test('HTTPS_PROXY tunnels to an https target with CONNECT; the certificate is verified end to end', async () => {
    const result = await run(name, { baseUrl: `https://localhost:${front.port}` }, { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: caFile });
    expect(result.outcomes[0]).toHaveProperty('ok');
    expect(new Set(log.connects)).toEqual(new Set([`localhost:${front.port}`]));
    expect(log.forwarded).toEqual([]);
    expect(frontSeen.map((r) => r.replace(/\/v\d+\.0\//, '/V/'))).toEqual([`GET /V/${NUM_BR}/settings`]);
  });

  test('through the tunnel, a certificate it does not trust is still refused', async () => {
    const refused = failure(await run(name, { baseUrl: `https://localhost:${front.port}` }, { HTTPS_PROXY: proxyUrl }));
    expect(refused.message).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
    expect(new Set(log.connects)).toEqual(new Set([`localhost:${front.port}`]));
    expect(frontSeen).toEqual([]);
  });

  test('NO_PROXY naming the host sends the read direct', async () => {
    const result = await run(name, {}, { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: 'example.invalid,127.0.0.1' });
    expect(result.outcomes[0]).toHaveProperty('ok');
    expect(log.forwarded).toEqual([]);
    expect(log.connects).toEqual([]);
  });
});
