/**
 * The bundled engine honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY (axios via proxy-from-env; CONNECT
 * through https-proxy-agent for https targets). scripts/lib/bundle-plugins.mjs changes how axios is
 * bundled (no fetch adapter, https-proxy-agent loaded on first use), and the sources use plain
 * node_modules axios, so only a process running dist/ code with those variables set proves it:
 * each read runs in a child that requires dist/bin/whatsapp-provider-engine.js, the file the
 * provider requires on its first API call (the CLI has no command that reads a number itself).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import type { RunningEmulator } from '../../src/emulator';
import { createServerIdentity } from '../../src/plugin/protocol/tls-cert';
import type { ChildOutput } from '../child-output';
import { readThroughBundle } from '../engine/bundled-engine';
import { NUM_BR, startTestEmulator, TOKEN } from '../engine/emulator-harness';
import { forwardProxy, httpsFront, listen, shut, type Listening, type ProxyLog } from './test-servers';

/** Boolean, so a failing leak check does not print the token itself. */
const leaksToken = (result: ChildOutput) => (result.stdout + result.stderr).includes(TOKEN);

/** The child's answer; on failure the error text (the client redacts the token; checked first). */
function answerOf(result: ChildOutput): Record<string, unknown> {
  expect(leaksToken(result)).toBe(false);
  if (result.code !== 0) throw new Error(`bundled read failed (exit ${result.code}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { info: Record<string, unknown> }).info;
}

// What the seed holds for NUM_BR: the emulator's answer, so a read that got it went all the way.
const EMULATOR_ANSWER = { id: NUM_BR, storage_status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' };

let emulator: RunningEmulator;
let work: string;
let caFile: string;
let proxy: Listening;
let front: Listening;
/** Requests the https server (in front of the emulator) received, after TLS. */
const frontSeen: string[] = [];
const proxyLog: ProxyLog = { forwarded: [], connects: [] };

beforeAll(async () => {
  emulator = await startTestEmulator();
  work = mkdtempSync(join(tmpdir(), 'wls-proxy-'));
  // Self-signed for localhost with CA:TRUE: the child trusts it as its own CA, nothing else changes.
  const identity = createServerIdentity(new Date(), 'proxy-test');
  caFile = join(work, 'ca.pem');
  writeFileSync(caFile, identity.certPem);

  const proxySockets = new Set<net.Socket>();
  proxy = await listen(forwardProxy(proxyLog, proxySockets), proxySockets);

  // An https front for the emulator: the https target the tunnel leads to.
  front = await listen(httpsFront(identity, new URL(emulator.url), frontSeen));
});

afterAll(async () => {
  await shut(proxy);
  await shut(front);
  await emulator?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  proxyLog.forwarded.length = 0;
  proxyLog.connects.length = 0;
  frontSeen.length = 0;
});

const proxyUrl = () => `http://127.0.0.1:${proxy.port}`;
const httpsTarget = () => `https://localhost:${front.port}`;

test('http target: HTTP_PROXY forwards both reads (absolute-URI request lines, token header intact)', async () => {
  const answer = answerOf(await readThroughBundle(emulator.url, { HTTP_PROXY: proxyUrl() }));
  expect(answer).toMatchObject(EMULATOR_ANSWER);
  const prefix = `${emulator.url}/${DEFAULT_API_VERSION}/${NUM_BR}`;
  expect(proxyLog.forwarded.map((r) => `${r.method} ${r.url.replace(/\?.*/, '?…')}`).sort()).toEqual([
    `GET ${prefix}/settings`,
    `GET ${prefix}?…`,
  ]);
  expect(proxyLog.forwarded.find((r) => r.url.startsWith(`${prefix}?`))?.url).toMatch(/\?fields=/);
  expect(proxyLog.forwarded.every((r) => r.bearerForwarded)).toBe(true);
  expect(proxyLog.connects).toEqual([]);
});

test('https target: HTTPS_PROXY tunnels with CONNECT (lazily loaded https-proxy-agent), certificate verified end to end', async () => {
  const answer = answerOf(await readThroughBundle(httpsTarget(), { HTTPS_PROXY: proxyUrl(), NODE_EXTRA_CA_CERTS: caFile }));
  expect(answer).toMatchObject(EMULATOR_ANSWER);
  // Both reads may share one tunnel or open two (keep-alive pool): every CONNECT names the target.
  expect(proxyLog.connects.length).toBeGreaterThanOrEqual(1);
  expect(new Set(proxyLog.connects)).toEqual(new Set([`localhost:${front.port}`]));
  // The proxy saw no request line: paths and the token stayed inside TLS.
  expect(proxyLog.forwarded).toEqual([]);
  expect(frontSeen.map((r) => r.replace(/\?.*/, '?…')).sort()).toEqual([
    `GET /${DEFAULT_API_VERSION}/${NUM_BR}/settings`,
    `GET /${DEFAULT_API_VERSION}/${NUM_BR}?…`,
  ]);
});

test('https target through the tunnel still refuses a certificate the child does not trust', async () => {
  // Guards the test above: without NODE_EXTRA_CA_CERTS the same tunnel must fail verification.
  const result = await readThroughBundle(httpsTarget(), { HTTPS_PROXY: proxyUrl() });
  expect(leaksToken(result)).toBe(false);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
  expect(new Set(proxyLog.connects)).toEqual(new Set([`localhost:${front.port}`]));
  expect(frontSeen).toEqual([]);
});

test.each([
  { kind: 'http', target: () => emulator.url, host: '127.0.0.1' },
  { kind: 'https', target: httpsTarget, host: 'localhost' },
])('$kind target: NO_PROXY covering the host sends the reads direct, the proxy sees nothing', async ({ kind, target, host }) => {
  const env: Record<string, string> = { HTTP_PROXY: proxyUrl(), HTTPS_PROXY: proxyUrl(), NO_PROXY: `example.invalid,${host}` };
  if (kind === 'https') env.NODE_EXTRA_CA_CERTS = caFile;
  const answer = answerOf(await readThroughBundle(target(), env));
  expect(answer).toMatchObject(EMULATOR_ANSWER);
  expect(proxyLog.forwarded).toEqual([]);
  expect(proxyLog.connects).toEqual([]);
  // Direct, yet all the way: the https front (or, for http, the answer itself) shows the reads arrived.
  if (kind === 'https') expect(frontSeen).toHaveLength(2);
});
