/**
 * GraphApiClient over real HTTP: the emulator for Graph behaviour and faults,
 * and a tiny local server where a header the emulator cannot send is needed
 * (Retry-After, X-Business-Use-Case-Usage).
 */
import http from 'node:http';
import { inspect } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from '../../src/emulator';
import {
  explainInvalidBaseUrl,
  GRAPH_ID_MAX_DIGITS,
  GraphApiClient,
  GraphApiError,
  InvalidArgumentError,
  isGraphId,
  type RetryNotice,
} from '../../src/cloud-api';
import { NUM_BR, NUM_DISABLED, PIN, emulatorForFile, TOKEN, WABA } from '../engine/emulator-harness';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

let emu: RunningEmulator;
const closeAfterTest = emulatorForFile((started) => (emu = started));
function client(extra: Partial<ConstructorParameters<typeof GraphApiClient>[0]> = {}): GraphApiClient {
  return closeAfterTest(
    new GraphApiClient({
      accessToken: TOKEN,
      baseUrl: emu.url,
      timeoutMs: 300,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...extra,
    }),
  );
}

async function failure(p: Promise<unknown>): Promise<GraphApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GraphApiError);
    return e as GraphApiError;
  }
  throw new Error('expected a failure');
}

function expectNoSecret(e: unknown, ...secrets: string[]): void {
  const views = [String((e as Error).message), String((e as Error).stack), JSON.stringify(e), inspect(e, { depth: 5 })];
  for (const v of views) for (const s of [TOKEN, ...secrets]) expect(v).not.toContain(s);
}

describe('typed endpoints', () => {
  test(`read, settings, deregister, register round trip (${FIRST_SETTINGS_VERSION} paths, Bearer token)`, async () => {
    const c = client({ apiVersion: FIRST_SETTINGS_VERSION });
    const node = await c.getPhoneNumber(NUM_BR);
    expect(node).toMatchObject({ id: NUM_BR, status: 'CONNECTED', platform_type: 'CLOUD_API', code_verification_status: 'VERIFIED' });
    expect(await c.getSettings(NUM_BR)).toMatchObject({
      storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' },
    });
    expect(await c.deregister(NUM_BR)).toEqual({ success: true });
    expect(await c.setStorageConfiguration(NUM_BR, 'DE')).toEqual({ success: true });
    expect(await c.register(NUM_BR, { pin: PIN })).toEqual({ success: true });
    const calls = await emu.admin.calls({ phoneNumberId: NUM_BR });
    expect(calls.map((x) => `${x.method} ${x.path}`)).toEqual([
      `GET /${FIRST_SETTINGS_VERSION}/${NUM_BR}`,
      `GET /${FIRST_SETTINGS_VERSION}/${NUM_BR}/settings`,
      `POST /${FIRST_SETTINGS_VERSION}/${NUM_BR}/deregister`,
      `POST /${FIRST_SETTINGS_VERSION}/${NUM_BR}/settings`,
      `POST /${FIRST_SETTINGS_VERSION}/${NUM_BR}/register`,
    ]);
    expect(calls.every((x) => x.status === 200)).toBe(true);
  });

  test('request_code and verify_code', async () => {
    const c = client({ apiVersion: '20.0' });
    expect(await c.requestCode('110200345501442')).toEqual({ success: true });
    const code = (await emu.admin.lastVerificationCode('110200345501442'))!;
    expect(await c.verifyCode('110200345501442', code)).toEqual({ success: true });
    expect((await c.getPhoneNumber('110200345501442')).code_verification_status).toBe('VERIFIED');
  });

  test('listPhoneNumbers follows paging to the end', async () => {
    const c = client();
    const all = await c.listPhoneNumbers(WABA, { pageSize: 2 });
    expect(all.map((n) => n.id)).toEqual(expect.arrayContaining([NUM_BR, NUM_DISABLED, '110200345501442']));
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
    const pages = (await emu.admin.calls()).filter((x) => x.endpoint === 'phone_numbers');
    expect(pages.length).toBe(Math.ceil(all.length / 2));
  });

  test('listPhoneNumbers never returns a partial list: too many pages or a repeating cursor fail', async () => {
    const c = client();
    await expect(c.listPhoneNumbers(WABA, { pageSize: 1, maxPages: 2 })).rejects.toThrow(
      /more than 2 pages; it was stopped rather than returned incomplete/,
    );
    const page = JSON.stringify({
      data: [{ id: NUM_BR }],
      paging: { cursors: { before: 'QQ', after: 'QQ' }, next: `${emu.url}/${FIRST_SETTINGS_VERSION}/${WABA}/phone_numbers?after=QQ` },
    });
    await emu.admin.injectFault({
      endpoint: 'phone_numbers',
      mode: 'raw',
      httpStatus: 200,
      contentType: 'application/json',
      body: page,
      times: 3,
    });
    await expect(c.listPhoneNumbers(WABA)).rejects.toThrow(/returned the cursor "QQ" twice/);
    await emu.admin.clearFaults();
  });

  test('listPhoneNumbers never stops silently at a page cap: 150 pages of one number each are all read', async () => {
    const { generatedSeed } = await import('../../src/emulator');
    const { startEmulator } = await import('../../src/emulator');
    const big = await startEmulator({ seed: generatedSeed(150, { token: TOKEN, pin: PIN }) });
    try {
      const c = new GraphApiClient({ accessToken: TOKEN, baseUrl: big.url });
      closeAfterTest(c);
      const all = await c.listPhoneNumbers('300000000000001', { pageSize: 1 });
      expect(all).toHaveLength(150);
    } finally {
      await big.close();
    }
  });

  test('serverView: the version that answered and the server clock come from the answer headers', async () => {
    const c = client({ apiVersion: LAST_REGISTER_VERSION });
    await emu.admin.setClock(Date.UTC(2026, 8, 1));
    await c.getSettings(NUM_BR);
    expect(c.serverView().answeredVersion).toBe(LAST_REGISTER_VERSION);
    expect(Math.abs(c.serverNow() - Date.UTC(2026, 8, 1))).toBeLessThan(60_000);
    await emu.admin.setClock(Date.UTC(2026, 10, 1));
    await c.getSettings(NUM_BR);
    expect(c.serverView().answeredVersion).toBe(FIRST_SETTINGS_VERSION);
  });

  test('ids are checked before any URL is built', async () => {
    const c = client();
    expect(() => c.getPhoneNumber('123/../me')).toThrow(InvalidArgumentError);
    expect(() => c.register('123?x=1', { pin: PIN })).toThrow(/phoneNumberId/);
    expect(() => c.listPhoneNumbersPage('me')).toThrow(/wabaId/);
    expect(() => c.getPhoneNumber('1'.repeat(GRAPH_ID_MAX_DIGITS + 1))).toThrow(/phoneNumberId .*is not a Graph object id/);
    expect(await emu.admin.calls()).toEqual([]);
    // Meta's ids are 64-bit: the largest fits the rule.
    expect(isGraphId('18446744073709551615')).toBe(true);
  });

  test('the base URL is one rule: http(s), no credentials, query or version path', () => {
    expect(() => new GraphApiClient({ accessToken: 'x', baseUrl: `https://graph.facebook.com/${FIRST_SETTINGS_VERSION}` })).toThrow(
      /baseUrl .*ends with an API version.*apiVersion/,
    );
    expect(() => new GraphApiClient({ accessToken: 'x', baseUrl: 'https://u:p@graph.facebook.com' })).toThrow(
      /baseUrl must not carry credentials/,
    );
    const behindProxy = new GraphApiClient({ accessToken: 'x', baseUrl: 'http://127.0.0.1:8787/proxy//' });
    closeAfterTest(behindProxy);
    expect(behindProxy.baseUrl).toBe('http://127.0.0.1:8787/proxy');
    expect(explainInvalidBaseUrl('https://graph.facebook.com')).toBeUndefined();
  });

  test('configuration errors name the input by its field name', () => {
    expect(() => new GraphApiClient({ accessToken: '' })).toThrow(/^accessToken is empty/);
    expect(() => new GraphApiClient({ accessToken: 'x', apiVersion: 'v21' })).toThrow(/^apiVersion "v21"/);
    expect(() => new GraphApiClient({ accessToken: 'x', baseUrl: 'ftp://x' })).toThrow(/^baseUrl "ftp:\/\/x"/);
  });

  test("errors name the inputs as the caller's users spell them", async () => {
    const names = {
      accessToken: 'token_in',
      apiVersion: 'version_in',
      baseUrl: 'url_in',
      phoneNumberId: 'number_in',
      wabaId: 'account_in',
      assign: (name: string, value: string | number | boolean) => `${name} = ${String(value)}`,
    };
    expect(() => new GraphApiClient({ accessToken: ' ', names })).toThrow(/^token_in is empty/);
    expect(() => new GraphApiClient({ accessToken: 'x', apiVersion: 'latest', names })).toThrow(/^version_in "latest"/);
    expect(() => new GraphApiClient({ accessToken: 'x', baseUrl: `https://graph.facebook.com/${FIRST_SETTINGS_VERSION}`, names })).toThrow(
      /^url_in .*drop the version from url_in and set version_in instead/,
    );
    const c = new GraphApiClient({ accessToken: TOKEN, baseUrl: emu.url, names });
    closeAfterTest(c);
    expect(() => c.getPhoneNumber('123/../me')).toThrow(/^number_in "123\/\.\.\/me" is not a Graph object id/);
    const refused = (() => {
      try {
        void c.register('x', { pin: PIN });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(InvalidArgumentError);
    expect((refused as InvalidArgumentError).attribute).toBe('number_in');
    expect(() => c.listPhoneNumbersPage('me')).toThrow(/^account_in "me"/);
    expect(await emu.admin.calls()).toEqual([]);
  });
});

describe('GraphApiError', () => {
  test('carries status, code, fbtrace_id and Meta text, and never the token', async () => {
    const c = new GraphApiClient({ accessToken: 'EAAbadTOKEN1234567890', baseUrl: emu.url });
    closeAfterTest(c);
    const e = await failure(c.getPhoneNumber(NUM_BR));
    expect(e).toMatchObject({ kind: 'api', httpStatus: 401, code: 190, retryable: false, attempts: 1 });
    expect(e.fbtraceId).toEqual(expect.any(String));
    expect(e.message).toMatch(/Graph error 190 \(HTTP 401\)/);
    expectNoSecret(e, 'EAAbadTOKEN1234567890');
  });

  test('a wrong PIN: 133005, permanent, PIN absent from every view of the error', async () => {
    const c = client();
    await c.deregister(NUM_BR);
    const e = await failure(c.register(NUM_BR, { pin: '246813' }));
    expect(e).toMatchObject({ code: 133005, httpStatus: 400, retryable: false, outcomeUnknown: false });
    expectNoSecret(e, '246813', PIN);
    expect((await emu.admin.calls({ endpoint: 'register' })).length).toBe(1);
  });
});

describe('retries', () => {
  test('GET: transient errors are retried with backoff, reported through onRetry', async () => {
    const notices: RetryNotice[] = [];
    const c = client({ onRetry: (n) => notices.push(n) });
    await emu.admin.injectFault({ endpoint: 'phone_number', mode: 'error', times: 2, error: { code: 2, http_status: 503 } });
    expect((await c.getPhoneNumber(NUM_BR)).id).toBe(NUM_BR);
    expect(notices.map((n) => n.attempt)).toEqual([1, 2]);
    expect((await emu.admin.calls({ endpoint: 'phone_number' })).length).toBe(3);
  });

  test('GET: gives up after maxRetries with the last error', async () => {
    const c = client({ maxRetries: 1 });
    await emu.admin.injectFault({ endpoint: 'settings', mode: 'error', times: 5, error: { code: 131016, http_status: 500 } });
    const e = await failure(c.getSettings(NUM_BR));
    expect(e).toMatchObject({ code: 131016, retryable: true, attempts: 2 });
  });

  test.each([100, 190, 133005, 133016])('never retries permanent code %i', async (code) => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'phone_number', mode: 'error', times: 3, error: { code, http_status: 400 } });
    const e = await failure(c.getPhoneNumber(NUM_BR));
    expect(e).toMatchObject({ code, retryable: false, attempts: 1 });
  });

  test('GET: a hang (timeout) is retried', async () => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'phone_number', mode: 'hang' });
    expect((await c.getPhoneNumber(NUM_BR)).id).toBe(NUM_BR);
  });

  test.each(['hang', 'reset'] as const)('POST %s: outcome unknown, never resent blindly', async (mode) => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'deregister', mode, applyFirst: true });
    const e = await failure(c.deregister(NUM_BR));
    expect(e).toMatchObject({ outcomeUnknown: true, retryable: true, attempts: 1 });
    expect(e.kind).toBe(mode === 'hang' ? 'timeout' : 'network');
    expect(e.message).toMatch(/read the state before repeating/);
    expect((await emu.admin.calls({ endpoint: 'deregister' })).length).toBe(1);
  });

  test('POST: a 5xx is not resent by the client (the engine reads first)', async () => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'register', mode: 'error', error: { code: 2, http_status: 503 } });
    const e = await failure(c.register(NUM_DISABLED, { pin: PIN }));
    expect(e).toMatchObject({ code: 2, retryable: true, attempts: 1 });
  });

  test('POST: a rate-limited write (code 4/2446079, HTTP 429; 80007) is never resent: its outcome is unknown, the caller reads first', async () => {
    const c = client();
    await c.deregister(NUM_BR);
    await emu.admin.injectFault({ endpoint: 'register', mode: 'rate_limited', applyFirst: true });
    const e = await failure(c.register(NUM_BR, { pin: PIN }));
    expect(e).toMatchObject({ code: 4, subcode: 2446079, httpStatus: 429, outcomeUnknown: true, attempts: 1 });
    expect((await emu.admin.calls({ endpoint: 'register' })).length).toBe(1);
    // It had taken effect: a blind resend would have spent a second register of the 10 in 72 hours.
    expect((await c.getPhoneNumber(NUM_BR)).status).toBe('CONNECTED');
    await emu.admin.injectFault({ endpoint: 'deregister', mode: 'error', error: { code: 80007, http_status: 400 } });
    expect(await failure(c.deregister(NUM_BR))).toMatchObject({ code: 80007, outcomeUnknown: true, attempts: 1 });
    expect((await emu.admin.calls({ endpoint: 'deregister' })).length).toBe(2);
  });

  test('GET: a rate-limited read is still retried (reads change nothing)', async () => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'settings', mode: 'rate_limited' });
    expect((await c.getSettings(NUM_BR)).storage_configuration).toBeDefined();
    expect((await emu.admin.calls({ endpoint: 'settings' })).length).toBe(2);
  });

  test('a non-JSON 502 page is a retryable API error for GET', async () => {
    const c = client();
    await emu.admin.injectFault({ endpoint: 'phone_number', mode: 'raw', httpStatus: 502, body: '<html>Bad gateway</html>' });
    expect((await c.getPhoneNumber(NUM_BR)).id).toBe(NUM_BR);
  });
});

describe('answers that prove nothing', () => {
  test('a 2xx write without {"success": true} is an unknown outcome, not a success, and is not resent', async () => {
    const c = client();
    await emu.admin.injectFault({
      endpoint: 'deregister',
      mode: 'raw',
      httpStatus: 200,
      contentType: 'application/json',
      body: '{}',
      applyFirst: true,
    });
    const e = await failure(c.deregister(NUM_BR));
    expect(e).toMatchObject({ kind: 'invalid_response', method: 'POST', outcomeUnknown: true, retryable: true });
    expect(e.message).toBe(`POST /${NUM_BR}/deregister answered without {"success": true} (got {}); the outcome is unknown.`);
    expect((await emu.admin.calls({ endpoint: 'deregister' })).length).toBe(1);
  });

  test('a write answered with a list is refused the same way, with the PIN scrubbed from what it echoes', async () => {
    const c = client();
    await c.deregister(NUM_BR);
    await emu.admin.injectFault({
      endpoint: 'register',
      mode: 'raw',
      httpStatus: 200,
      contentType: 'application/json',
      body: `["${PIN}"]`,
    });
    const e = await failure(c.register(NUM_BR, { pin: PIN }));
    expect(e).toMatchObject({ kind: 'invalid_response', outcomeUnknown: true });
    expectNoSecret(e, PIN);
  });

  test('a read of the number without status or platform_type is refused', async () => {
    const c = client();
    await emu.admin.injectFault({
      endpoint: 'phone_number',
      mode: 'raw',
      httpStatus: 200,
      contentType: 'application/json',
      body: '{"id": "1"}',
      times: 10,
    });
    const e = await failure(c.getPhoneNumber(NUM_BR));
    expect(e).toMatchObject({ kind: 'invalid_response', method: 'GET', path: `/${NUM_BR}`, retryable: true, outcomeUnknown: false });
    expect(e.message).toContain('answered without status or platform_type');
  });

  test('a read of the number that asks for neither status nor platform_type only needs an object', async () => {
    const c = client();
    expect(await c.getPhoneNumber(NUM_BR, ['id', 'display_phone_number'])).toMatchObject({ id: NUM_BR });
  });

  test('a settings read without storage_configuration.status is refused', async () => {
    const c = client();
    await emu.admin.injectFault({
      endpoint: 'settings',
      method: 'GET',
      mode: 'raw',
      httpStatus: 200,
      contentType: 'application/json',
      body: '{"storage_configuration": {}}',
      times: 10,
    });
    const e = await failure(c.getSettings(NUM_BR));
    expect(e).toMatchObject({ kind: 'invalid_response', method: 'GET', path: `/${NUM_BR}/settings`, retryable: true });
    expect(e.message).toContain('answered without storage_configuration.status');
  });
});

describe('waits Meta asks for (local server sending the headers)', () => {
  let server: http.Server;
  let url: string;
  let hits = 0;
  let answer: (res: http.ServerResponse) => void = () => {};

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      req.resume();
      answer(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    hits = 0;
  });

  const throttled = (headers: Record<string, string>) => (res: http.ServerResponse) => {
    if (hits > 1) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', status: 'CONNECTED' }));
      return;
    }
    res
      .writeHead(400, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify({ error: { message: '(#80007) Rate limit issues', code: 80007, fbtrace_id: 'Atrace' } }));
  };

  test('Retry-After within the cap is honoured', async () => {
    answer = throttled({ 'retry-after': '0.2' });
    const notices: RetryNotice[] = [];
    const c = new GraphApiClient({ accessToken: TOKEN, baseUrl: url, retryBaseDelayMs: 1, onRetry: (n) => notices.push(n) });
    closeAfterTest(c);
    const started = Date.now();
    expect((await c.getPhoneNumber('1')).id).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(notices[0].delayMs).toBeGreaterThanOrEqual(200);
  });

  test('X-Business-Use-Case-Usage beyond the cap fails at once, clearly', async () => {
    answer = throttled({
      'x-business-use-case-usage': JSON.stringify({
        [WABA]: [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 30 }],
      }),
    });
    const c = new GraphApiClient({ accessToken: TOKEN, baseUrl: url, retryBaseDelayMs: 1, maxRateLimitWaitMs: 60_000 });
    closeAfterTest(c);
    const e = await failure(c.getPhoneNumber('1'));
    expect(e).toMatchObject({ kind: 'rate_limited', code: 80007, retryAfterMs: 30 * 60_000 });
    expect(e.message).toMatch(/wait 30 minutes/);
    expect(hits).toBe(1);
  });
});
