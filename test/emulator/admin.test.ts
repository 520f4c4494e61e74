/** Conformance: the admin API (/__emulator/) and concurrency, over real HTTP. */
import http from 'node:http';
import { body, expectGraphError, N_BR, N_REGISTERED, useEmulator } from './helpers';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const REGISTER = { messaging_product: 'whatsapp', pin: '123456' };

/** The x-business-use-case-usage header: per business id, its usage entries. */
type BusinessUseCaseUsage = Record<string, Array<{ estimated_time_to_regain_access: number }>>;

describe('emulator admin API', () => {
  const { graph, emu } = useEmulator();

  test('call log: ordered, as requested, with status, endpoint, version, code, sub-ms times and redacted secrets', async () => {
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`);
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register?access_token=EAAJB...`, {
      token: null,
      json: { messaging_product: 'whatsapp', pin: '000000' },
    });
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/verify_code?code=123456`);
    await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    const calls = await emu().admin.calls();
    expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['POST', `/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`, 200],
      ['POST', `/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, 400],
      ['POST', `/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/verify_code`, 400],
      ['GET', `/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`, 200],
    ]);
    expect(calls.map((c) => c.seq)).toEqual([...calls.map((c) => c.seq)].sort((a, b) => a - b));
    expect(calls[1]).toMatchObject({
      endpoint: 'register',
      apiVersion: FIRST_SETTINGS_VERSION,
      phoneNumberId: N_REGISTERED,
      graphCode: 133005,
    });
    expect(calls[1].params).toEqual({ access_token: '***', messaging_product: 'whatsapp', pin: '***' });
    expect(calls[2].params).toEqual({ code: '***' });
    const text = JSON.stringify(calls);
    expect(text).not.toContain('000000');
    expect(text).not.toContain('EAAJB');
    for (const c of calls) {
      expect(c.finishedAt).toBeGreaterThanOrEqual(c.startedAt);
      expect(c.startedAt).toBeGreaterThanOrEqual(c.receivedAt);
    }
    expect(calls.some((c) => !Number.isInteger(c.startedAt))).toBe(true);
    expect(await emu().admin.calls({ endpoint: 'register' })).toHaveLength(1);
    expect(await emu().admin.calls({ phoneNumberId: N_BR })).toHaveLength(1);
    expect(await emu().admin.calls({ sinceSeq: calls[2].seq })).toHaveLength(1);
    await emu().admin.clearCalls();
    expect(await emu().admin.calls()).toEqual([]);
  });

  test('fault "error": the next N calls for an endpoint and number fail with the Graph error; others pass', async () => {
    await emu().admin.injectFault({ endpoint: 'settings', phoneNumberId: N_BR, times: 2, mode: 'error', error: { code: 131000 } });
    const e1 = expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`), 131000, 500);
    expect(e1.is_transient).toBe(true);
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/settings`)).status).toBe(200); // other number
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}`)).status).toBe(200); // other endpoint
    expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`), 131000, 500);
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).status).toBe(200);
    const calls = await emu().admin.calls({ phoneNumberId: N_BR, endpoint: 'settings' });
    expect(calls.map((c) => c.fault)).toEqual(['error', 'error', undefined]);
  });

  test('fault defaults: HTTP status by code, explicit http_status, subcode and message, method filter', async () => {
    await emu().admin.injectFault({ endpoint: '*', mode: 'error', error: { code: 190 } });
    expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`), 190, 401);
    await emu().admin.injectFault({ endpoint: 'register', mode: 'error', error: { code: 133016 } });
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/register`, { json: REGISTER }), 133016, 400);
    await emu().admin.injectFault({ endpoint: 'deregister', mode: 'error', error: { code: 133000 } });
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/deregister`), 133000, 500);
    await emu().admin.injectFault({
      endpoint: '*',
      mode: 'error',
      error: { code: 4, http_status: 429, error_subcode: 2446079, message: '(#4) Application request limit reached' },
    });
    const e = expectGraphError(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}`), 4, 429, 2446079);
    expect(e.message).toBe('(#4) Application request limit reached');
    await emu().admin.injectFault({
      endpoint: '*',
      mode: 'error',
      error: { code: 80007 },
      httpStatus: 429,
      headers: {
        'retry-after': '7',
        'x-business-use-case-usage':
          '{"102290129340398":[{"type":"whatsapp_business_management","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":2}]}',
      },
    });
    const limited = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}`);
    expectGraphError(limited, 80007, 429);
    expect(limited.headers['retry-after']).toBe('7');
    const usage = JSON.parse(String(limited.headers['x-business-use-case-usage'])) as BusinessUseCaseUsage;
    expect(usage['102290129340398'][0].estimated_time_to_regain_access).toBe(2);
    await emu().admin.injectFault({ endpoint: 'settings', method: 'POST', mode: 'error', error: { code: 2 } });
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).status).toBe(200);
    expectGraphError(
      await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`, { json: { calling: { status: 'ENABLED' } } }),
      2,
      500,
    );
    const faults = await emu().admin.faults();
    expect(faults.faults).toEqual([]);
  });

  test('fault "skip": matching calls go by first; a register refused as an incomplete deregistration (133000, HTTP 500) changes nothing', async () => {
    await emu().admin.injectFault({ endpoint: 'register', phoneNumberId: N_BR, skip: 1, mode: 'error', error: { code: 133000 } });
    await expect(emu().admin.injectFault({ endpoint: 'register', mode: 'error', skip: -1 })).rejects.toThrow(
      /"skip" must be a whole number/,
    );
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/deregister`)).status).toBe(200);
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).status).toBe(200); // other number: not counted
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/register`, { json: REGISTER })).status).toBe(200); // let by
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/deregister`)).status).toBe(200);
    const refused = expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/register`, { json: REGISTER }), 133000, 500);
    expect(refused).toMatchObject({ message: '(#133000) Incomplete deregistration', is_transient: false });
    const n = (await emu().admin.state()).phone_numbers.find((p) => p.id === N_BR)!;
    expect({ registered: n.registered, storage: n.storage_configuration.status }).toEqual({ registered: false, storage: 'DEFAULT' });
    expect((await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/register`, { json: REGISTER })).status).toBe(200);
    const calls = await emu().admin.calls({ phoneNumberId: N_BR, endpoint: 'register' });
    expect(calls.map((c) => [c.status, c.fault])).toEqual([
      [200, undefined],
      [500, 'error'],
      [200, undefined],
    ]);
  });

  test('fault "raw": verbatim status and body (HTML from a proxy, truncated JSON, 200 with an error body)', async () => {
    await emu().admin.injectFault({ endpoint: 'settings', mode: 'raw', httpStatus: 502, body: '<html>Bad Gateway</html>' });
    const html = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.data).toBe('<html>Bad Gateway</html>');
    await emu().admin.injectFault({
      endpoint: 'settings',
      mode: 'raw',
      httpStatus: 200,
      body: '{"storage_configuration": {"sta',
      contentType: 'application/json',
    });
    const cut = await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    expect(cut.status).toBe(200);
    expect(cut.data).toBe('{"storage_configuration": {"sta');
    await emu().admin.injectFault({
      endpoint: 'register',
      mode: 'raw',
      body: '{"error": {"message": "late", "code": 2}}',
      contentType: 'application/json',
    });
    const okWithError = await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_BR}/register`, { json: REGISTER });
    expect(okWithError.status).toBe(200);
    expect(okWithError.data).toEqual({ error: { message: 'late', code: 2 } });
  });

  test('fault "reset" destroys the connection; "hang" never answers (client timeout)', async () => {
    await emu().admin.injectFault({ endpoint: 'register', mode: 'reset' });
    await expect(graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })).rejects.toMatchObject<
      Record<string, unknown>
    >({
      code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/),
    });
    await emu().admin.injectFault({ endpoint: 'deregister', mode: 'hang' });
    const started = Date.now();
    await expect(graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // The hung call does not block the number, and did not take effect.
    expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status`)).status).toBe('CONNECTED');
    const calls = await emu().admin.calls();
    expect(calls.map((c) => [c.endpoint, c.fault, c.status])).toEqual([
      ['register', 'reset', 0],
      ['deregister', 'hang', 0],
      ['phone_number', undefined, 200],
    ]);
  });

  test('applyFirst: the call takes effect, then the fault replaces the answer (timeout after the request was sent)', async () => {
    await emu().admin.injectFault({ endpoint: 'deregister', phoneNumberId: N_REGISTERED, mode: 'hang', applyFirst: true });
    await expect(graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
    expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status`)).status).toBe('DISCONNECTED');
    await emu().admin.injectFault({ endpoint: 'register', mode: 'error', error: { code: 131000 }, applyFirst: true });
    expectGraphError(await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER }), 131000, 500);
    expect(body(await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}?fields=status`)).status).toBe('CONNECTED');
  });

  test('random faults: a seeded rate, endpoint filter, default transient code 2 HTTP 500; rate 0 turns off', async () => {
    await emu().admin.setRandomFaults({ rate: 0.5, seed: 42, endpoints: ['settings'] });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    for (let i = 0; i < 10; i++) expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}`)).status).toBe(200);
    const failures = (await emu().admin.calls({ endpoint: 'settings' })).filter((c) => c.status === 500);
    expect(failures.every((c) => c.fault === 'random' && c.graphCode === 2)).toBe(true);
    // Same seed, same sequence.
    await emu().admin.setRandomFaults({ rate: 0.5, seed: 42, endpoints: ['settings'] });
    const again: number[] = [];
    for (let i = 0; i < 40; i++) again.push((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).status);
    expect(again).toEqual(statuses);
    await emu().admin.setRandomFaults({ rate: 0 });
    for (let i = 0; i < 10; i++) expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).status).toBe(200);
    await expect(emu().admin.setRandomFaults({ rate: 2 })).rejects.toThrow(/rate/);
  });

  test('bad fault specs are refused with a message naming the field', async () => {
    await expect(emu().admin.injectFault({ endpoint: 'nope' as never, mode: 'error' })).rejects.toThrow(/endpoint/);
    await expect(emu().admin.injectFault({ endpoint: '*', mode: 'explode' as never })).rejects.toThrow(/mode/);
    await expect(emu().admin.injectFault({ endpoint: '*', mode: 'error', times: 0 })).rejects.toThrow(/times/);
  });

  test('latency: added to Graph calls, not to admin calls; clearFaults keeps it, reset removes it', async () => {
    await emu().admin.setLatency(150);
    let t = Date.now();
    await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    await emu().admin.state();
    expect(Date.now() - t).toBeLessThan(140);
    await emu().admin.clearFaults();
    expect((await emu().admin.faults()).latencyMs).toBe(150);
    await emu().admin.reset();
    expect((await emu().admin.faults()).latencyMs).toBe(0);
  });

  test('clock: read, advance and set', async () => {
    const c0 = await emu().admin.clock();
    expect(Math.abs(c0.now - Date.now())).toBeLessThan(1000);
    const c1 = await emu().admin.advanceClock(3_600_000);
    expect(c1.offsetMs).toBe(3_600_000);
    const c2 = await emu().admin.setClock(Date.UTC(2030, 0, 1));
    expect(Math.abs(c2.now - Date.UTC(2030, 0, 1))).toBeLessThan(1000);
  });

  test('reset, state dump, patchPhoneNumber and options', async () => {
    await graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/deregister`);
    await emu().admin.patchPhoneNumber(N_BR, {
      registered: false,
      storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 },
    });
    await emu().admin.setOptions({ status_case: 'lower' });
    let state = await emu().admin.state();
    expect(state.phone_numbers.find((n) => n.id === N_REGISTERED)!.registered).toBe(false);
    expect(state.phone_numbers.find((n) => n.id === N_BR)!.storage_configuration).toEqual({
      status: 'NO_STORAGE_ENABLED',
      retention_minutes: 60,
    });
    expect(state.counters[N_REGISTERED].deregister).toHaveLength(1);
    expect(state.options.status_case).toBe('lower');
    expect((await graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)).data).toEqual({
      storage_configuration: { status: 'no_storage_enabled', retention_minutes: 60 },
    });
    await expect(emu().admin.patchPhoneNumber(N_BR, { bogus: 1 } as never)).rejects.toThrow(/bogus/);
    await expect(emu().admin.patchPhoneNumber('42', { registered: true })).rejects.toThrow(/42/);
    await expect(emu().admin.setOptions({ status_case: 'mixed' as never })).rejects.toThrow(/status_case/);
    await emu().admin.reset();
    state = await emu().admin.state();
    expect(state.phone_numbers.find((n) => n.id === N_REGISTERED)!.registered).toBe(true);
    expect(state.counters).toEqual({});
    expect(state.options.status_case).toBe('upper');
    expect(await emu().admin.calls()).toEqual([]);
  });

  test("concurrency: a slow call holds its number's turn, other numbers do not wait", async () => {
    // Measured on the emulator's own clock (the call log), so a loaded machine cannot blur it.
    const D = 1500;
    const others = ['106540352242923', '106540352242924', '106540352242925'];
    await emu().admin.injectFault({ endpoint: 'settings', phoneNumberId: N_BR, mode: 'slow', delayMs: D });
    const slow = graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`);
    await new Promise((r) => setTimeout(r, 20)); // the slow call gets its turn first
    const same = graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}`);
    await Promise.all(others.map((id) => graph().get(`/${FIRST_SETTINGS_VERSION}/${id}/settings`)));
    await same;
    expect((await slow).status).toBe(200); // answered normally after the delay
    const calls = await emu().admin.calls();
    const [slowCall, sameCall] = calls.filter((c) => c.phoneNumberId === N_BR);
    expect(slowCall.fault).toBe('slow');
    expect(slowCall.finishedAt - slowCall.startedAt).toBeGreaterThanOrEqual(D - 5);
    expect(sameCall.receivedAt).toBeLessThan(slowCall.finishedAt); // it arrived while the slow call held the turn...
    expect(sameCall.startedAt).toBeGreaterThanOrEqual(slowCall.finishedAt); // ...and waited for it
    for (const id of others) {
      const other = calls.find((c) => c.phoneNumberId === id)!;
      expect(other.finishedAt).toBeLessThan(slowCall.finishedAt); // other numbers never waited for the slow one
    }
  });

  test('concurrency: added latency is network time, so calls on one number overlap in transit but never on the server', async () => {
    const L = 200;
    await emu().admin.setLatency(L);
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => graph().get(`/${FIRST_SETTINGS_VERSION}/${N_BR}/settings`)));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(L - 5);
    expect(elapsed).toBeLessThan(2 * L); // serialized transit would take 4 × L
    const calls = (await emu().admin.calls()).filter((c) => c.phoneNumberId === N_BR);
    expect(calls).toHaveLength(4);
    const overlaps = (a: { startedAt: number; finishedAt: number }, b: { startedAt: number; finishedAt: number }) =>
      a.startedAt < b.finishedAt && b.startedAt < a.finishedAt;
    for (let i = 0; i < calls.length; i++) {
      expect(calls[i].startedAt - calls[i].receivedAt).toBeGreaterThanOrEqual(L - 5); // latency before the turn
      for (let j = i + 1; j < calls.length; j++) expect(overlaps(calls[i], calls[j])).toBe(false);
    }
  });

  test('a slow fault needs a sensible delayMs', async () => {
    await expect(emu().admin.injectFault({ endpoint: 'settings', mode: 'slow' })).rejects.toThrow(/delayMs/);
  });

  test('concurrent writes on one number keep the rules: 12 parallel registers give 10 successes and 2 × 133016', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => graph().post(`/${FIRST_SETTINGS_VERSION}/${N_REGISTERED}/register`, { json: REGISTER })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => body(r).error?.code === 133016)).toHaveLength(2);
  });

  test('keep-alive connections are served and the unknown admin path is a 404 with a message', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const status = await new Promise<number>((resolve, reject) => {
          http
            .get(`${emu().url}/__emulator/nope`, { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode!));
            })
            .on('error', reject);
        });
        expect(status).toBe(404);
      }
    } finally {
      agent.destroy();
    }
  });
});
