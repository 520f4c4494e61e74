/**
 * Reading a whole WABA through the engine against the emulator over HTTP: every
 * page, one settings read per number with bounded concurrency, errors that name
 * the WABA, and no silent truncation.
 */
import { generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { LocalStorageEngine } from '../../src/engine/engine';
import { EngineFailure } from '../../src/engine/engine-errors';
import { filterWabaNumbers } from '../../src/engine/waba-numbers';

const TOKEN = 'waba-token';
const WABA = '300000000000001';
const COUNT = 230;

let emulator: RunningEmulator;
let engine: LocalStorageEngine;

beforeAll(async () => {
  const seed = generatedSeed(COUNT, {
    token: TOKEN,
    pin: '246810',
    storage: (i) =>
      i % 4 === 0 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
    number: (i) => ({ registered: i % 10 !== 9 }),
  });
  emulator = await startEmulator({ port: 0, quiet: true, seed });
  engine = new LocalStorageEngine({ accessToken: TOKEN, baseUrl: emulator.url, maxRetries: 0 });
});

afterAll(async () => {
  engine?.close();
  await emulator?.close();
});

test('lists every number across pages with storage, at most `concurrency` reads at once, one request per number', async () => {
  // Each settings read takes 5 ms of server time, so reads in flight overlap in the call log.
  await emulator.admin.injectFault({ endpoint: 'settings', mode: 'slow', delayMs: 5, times: COUNT });
  await emulator.admin.clearCalls();
  const numbers = await engine.wabaNumbers(WABA, { withStorage: true, concurrency: 4 });
  await emulator.admin.clearFaults();
  expect(numbers.map((n) => n.id)).toEqual(Array.from({ length: COUNT }, (_, i) => generatedPhoneNumberId(i)));
  expect(numbers[0]).toMatchObject({ storage_status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN', registered: true });
  expect(numbers[1]).toMatchObject({ storage_status: 'DEFAULT', registered: true });
  expect(numbers[1].data_localization_region).toBeUndefined();
  const calls = await emulator.admin.calls();
  expect(calls.filter((c) => c.endpoint === 'phone_numbers')).toHaveLength(Math.ceil(COUNT / 100));
  const settings = calls.filter((c) => c.endpoint === 'settings');
  expect(settings).toHaveLength(COUNT);
  expect(calls).toHaveLength(Math.ceil(COUNT / 100) + COUNT);
  // Most reads in flight at any moment.
  const events = settings
    .flatMap((c) => [
      { t: c.startedAt, d: 1 },
      { t: c.finishedAt, d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let inFlight = 0;
  let peak = 0;
  for (const e of events) peak = Math.max(peak, (inFlight += e.d));
  expect(peak).toBeLessThanOrEqual(4);
  expect(peak).toBeGreaterThan(1);
});

test('registeredOnly leaves unregistered numbers out before reading their storage; filters compose', async () => {
  await emulator.admin.clearCalls();
  const numbers = await engine.wabaNumbers(WABA, { withStorage: true, registeredOnly: true });
  expect(numbers.every((n) => n.registered)).toBe(true);
  expect((await emulator.admin.calls()).filter((c) => c.endpoint === 'settings')).toHaveLength(numbers.length);
  const inIndia = filterWabaNumbers(numbers, { region: 'in', registeredOnly: true });
  expect(inIndia.map((n) => n.id)).toEqual(
    Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => i % 4 === 0 && i % 10 !== 9)
      .map(generatedPhoneNumberId),
  );
  expect(filterWabaNumbers(numbers, { storageStatus: 'IN_COUNTRY_STORAGE_DISABLED' })).toHaveLength(
    numbers.filter((n) => n.storage_status === 'DEFAULT').length,
  );
});

test('a stopped page-by-page read starts no reads beyond the next page', async () => {
  await emulator.admin.clearCalls();
  for await (const page of engine.wabaNumberPages(WABA, { withStorage: true })) {
    expect(page).toHaveLength(100);
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
  expect((await emulator.admin.calls()).filter((c) => c.endpoint === 'settings').length).toBeLessThanOrEqual(200);
});

test('a WABA the token cannot see fails with the WABA named and the cause', async () => {
  const error = await engine.wabaNumbers('102290129340398').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EngineFailure);
  expect(error).toMatchObject({ kind: 'not_found', field: 'wabaId' });
  expect((error as Error).message).toContain('WhatsApp Business Account 102290129340398 does not exist or this token cannot see it');
  expect((error as Error).message).not.toContain(TOKEN);
});

test('a failed storage read fails the whole read instead of returning a partial list', async () => {
  await emulator.admin.injectFault({
    endpoint: 'settings',
    phoneNumberId: generatedPhoneNumberId(150),
    mode: 'error',
    error: { code: 2, message: 'Service temporarily unavailable' },
  });
  await expect(engine.wabaNumbers(WABA, { withStorage: true })).rejects.toThrow(
    `Reading the storage of number ${generatedPhoneNumberId(150)} in WhatsApp Business Account ${WABA}`,
  );
  await emulator.admin.clearFaults();
});
