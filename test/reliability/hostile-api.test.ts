/**
 * Hostile or broken API answers (a proxy's HTML page, truncated JSON, missing
 * fields, a 200 with an error body) at each call of a converge, through the
 * engine over real HTTP. Nothing throws, nothing is lost: the number is
 * registered afterwards, a failure names the call and what was wrong with the
 * answer, and once the API behaves again a re-run converges.
 */
import type { FaultSpec, RunningEmulator } from '../../src/emulator';
import { LocalStorageEngine } from '../../src/engine/engine';
import type { RegionCode } from '../../src/engine/regions';
import { blindRepeats, graphTruth, NUMBER, PIN, startReliabilityEmulator, TOKEN } from './harness';

const ANSWERS: Record<string, Pick<FaultSpec, 'mode' | 'httpStatus' | 'body' | 'contentType'>> = {
  'HTML from a proxy (502)': {
    mode: 'raw',
    httpStatus: 502,
    contentType: 'text/html',
    body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
  },
  'HTML with 200 from a captive proxy': {
    mode: 'raw',
    httpStatus: 200,
    contentType: 'text/html',
    body: '<html><body>Please log in to the corporate proxy</body></html>',
  },
  'truncated JSON': {
    mode: 'raw',
    httpStatus: 200,
    contentType: 'application/json',
    body: '{"storage_configuration": {"status": "IN_COUNTRY_STO',
  },
  'empty JSON object (missing fields)': { mode: 'raw', httpStatus: 200, contentType: 'application/json', body: '{}' },
  'a 200 with an error body': {
    mode: 'raw',
    httpStatus: 200,
    contentType: 'application/json',
    body: '{"error": {"message": "(#1) An unknown error occurred", "type": "OAuthException", "code": 1}}',
  },
  'JSON that is not an object': { mode: 'raw', httpStatus: 200, contentType: 'application/json', body: '[1, 2, 3]' },
  null: { mode: 'raw', httpStatus: 200, contentType: 'application/json', body: 'null' },
};

const CALLS: Array<{ call: string; endpoint: FaultSpec['endpoint']; method: string }> = [
  { call: 'read number', endpoint: 'phone_number', method: 'GET' },
  { call: 'read settings', endpoint: 'settings', method: 'GET' },
  { call: 'deregister', endpoint: 'deregister', method: 'POST' },
  { call: 'settings', endpoint: 'settings', method: 'POST' },
  { call: 'register', endpoint: 'register', method: 'POST' },
];

let emu: RunningEmulator;
let engine: LocalStorageEngine;

beforeAll(async () => {
  emu = await startReliabilityEmulator();
  engine = new LocalStorageEngine({
    accessToken: TOKEN,
    baseUrl: emu.url,
    timeoutMs: 1000,
    maxRetries: 2,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
  });
});

afterAll(async () => {
  engine.close();
  await emu.close();
});

const cases = Object.entries(ANSWERS).flatMap(([answer, spec]) => CALLS.map((c) => ({ answer, spec, ...c })));
const desiredCases = cases.flatMap((c) => (['IN', 'BR'] as RegionCode[]).map((region) => ({ ...c, region })));

test.each(desiredCases)(
  '$answer on $call ($method), declared $region: no crash, nothing lost, clear error, re-run converges',
  async ({ spec, endpoint, method, region }) => {
    await emu.admin.reset();
    // Reads: persistent, so retries cannot hide it. Writes: once (a flaky proxy); a write that can never
    // succeed is the fault matrix's business (recovery is then impossible by definition).
    await emu.admin.injectFault({ endpoint, method, phoneNumberId: NUMBER, times: method === 'GET' ? 50 : 1, ...spec });
    const result = await engine.converge(NUMBER, { region }, { pin: PIN });
    const calls = await emu.admin.calls();
    await emu.admin.clearFaults();
    const truth = await graphTruth(emu, NUMBER);

    expect(truth.registered).toBe(true);
    expect(blindRepeats(calls)).toEqual([]);
    if (!result.ok) {
      // Names the call that got the bad answer and says what was wrong with it.
      expect(result.error!.message).toMatch(
        /HTTP \d{3}|not JSON|no "|answered without|unknown error|invalid|not the JSON|outcome is unknown|storage_configuration|status/i,
      );
      expect(result.error!.message).not.toContain(TOKEN);
      expect(result.error!.message).not.toContain(PIN);
    }
    if (region === 'BR') {
      // Declared = current: a broken answer must never take the number offline for nothing.
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.endpoint)).toEqual([]);
    }
    const again = await engine.converge(NUMBER, { region }, { pin: PIN });
    expect(again.ok).toBe(true);
    expect(await graphTruth(emu, NUMBER)).toEqual({ registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region });
  },
);
