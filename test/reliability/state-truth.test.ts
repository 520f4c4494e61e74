/**
 * When the reads after a write fail (the token expired mid-run), the state the
 * engine reports is built from the writes that completed, never from the read
 * taken before them. Before the fix, a run that deregistered the number and then
 * lost the token reported it as registered (and the provider stored that).
 */
import type { RunningEmulator } from '../../src/emulator';
import { LocalStorageEngine } from '../../src/engine/engine';
import { ArmingProxy, graphTruth, NUMBER, PIN, startReliabilityEmulator, TOKEN } from './harness';

const EXPIRED = { code: 190, error_subcode: 463, http_status: 401, message: 'Error validating access token: Session has expired.' };

let emu: RunningEmulator;
let proxy: ArmingProxy;
let engine: LocalStorageEngine;

beforeAll(async () => {
  emu = await startReliabilityEmulator();
  proxy = await new ArmingProxy(emu).start();
  engine = new LocalStorageEngine({
    accessToken: TOKEN,
    baseUrl: proxy.url,
    timeoutMs: 1000,
    maxRetries: 1,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
  });
});

afterAll(async () => {
  engine.close();
  await proxy.close();
  await emu.close();
});

beforeEach(async () => {
  await emu.admin.reset();
  proxy.disarm();
});

test.each([
  { after: 'deregister', expected: { registered: false, storage: { status: 'UNKNOWN' } } },
  { after: 'settings', expected: { registered: false, storage: { status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' } } },
  { after: 'register', expected: { registered: true, storage: { status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' } } },
])('token expires after $after: the reported state follows the completed writes', async ({ after, expected }) => {
  proxy.arm({ endpoint: after, method: 'POST', status: 200 }, { endpoint: '*', mode: 'error', error: EXPIRED, times: 100 });
  const result = await engine.converge(NUMBER, { region: 'IN' }, { pin: PIN });
  expect(result.ok).toBe(false);
  expect(result.observationFailed).toBe(true);
  expect(result.observed).toMatchObject(expected);
  await emu.admin.clearFaults();
  const truth = await graphTruth(emu, NUMBER);
  expect(result.observed.registered).toBe(truth.registered);
  if (result.observed.storage.status !== 'UNKNOWN') expect(result.observed.storage.region).toBe(truth.region);
  if (!truth.registered) expect(result.error!.message).toMatch(/IS NOT REGISTERED/);
});
