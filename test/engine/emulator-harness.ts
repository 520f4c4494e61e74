/**
 * Shared setup for engine tests: a real emulator over HTTP (no mocked axios),
 * a distinctive token and PIN so tests can assert they never leak.
 */
import { defaultSeed, startEmulator, type RunningEmulator, type CallLogEntry } from '../../src/emulator';
import { LocalStorageEngine, type EngineConfig } from '../../src/engine/engine';
import type { ConvergeResult, EngineEvent } from '../../src/engine/types';

export const TOKEN = 'EAAtestSECRETtoken0123456789abcdef';
export const PIN = '739184';
export const WABA = '102290129340398';
/** Registered, storage disabled, VERIFIED. */
export const NUM_DISABLED = '106540352242922';
/** Registered, storage in BR. */
export const NUM_BR = '179776755229976';
/** Unregistered, NOT_VERIFIED. */
export const NUM_UNVERIFIED = '110200345501442';

export async function startTestEmulator(): Promise<RunningEmulator> {
  const seed = defaultSeed();
  seed.tokens[TOKEN] = { wabas: [WABA] };
  for (const n of seed.phone_numbers) n.pin = PIN;
  return startEmulator({ seed });
}

/**
 * One emulator for the whole test file, handed to `onStart` once it listens and closed after the
 * last test; reset before each test unless `resetBeforeEach` is false. Returns `closeAfterTest`:
 * what it is given (engines, clients) is closed after the test that made it.
 */
export function emulatorForFile(
  onStart: (emu: RunningEmulator) => void,
  options: { resetBeforeEach?: boolean } = {},
): <T extends { close(): void }>(closeable: T) => T {
  let emu: RunningEmulator | undefined;
  const open: Array<{ close(): void }> = [];
  beforeAll(async () => {
    emu = await startTestEmulator();
    onStart(emu);
  });
  afterAll(async () => {
    await emu?.close();
  });
  if (options.resetBeforeEach !== false) {
    beforeEach(async () => {
      await emu!.admin.reset();
    });
  }
  afterEach(() => {
    while (open.length) open.pop()!.close();
  });
  return (closeable) => {
    open.push(closeable);
    return closeable;
  };
}

export function makeEngine(emu: RunningEmulator, extra: Partial<EngineConfig> = {}): LocalStorageEngine {
  return LocalStorageEngine.fromConfig({
    accessToken: TOKEN,
    baseUrl: emu.url,
    timeoutMs: 500,
    maxRetries: 2,
    retryBaseDelayMs: 2,
    retryMaxDelayMs: 20,
    ...extra,
  });
}

/** The Graph writes (POSTs) the emulator saw for a number, as "endpoint" names in order. */
export async function writes(emu: RunningEmulator, phoneNumberId: string): Promise<string[]> {
  const calls = await emu.admin.calls({ phoneNumberId });
  return calls.filter((c: CallLogEntry) => c.method === 'POST').map((c: CallLogEntry) => c.endpoint);
}

export async function postCalls(emu: RunningEmulator, phoneNumberId: string): Promise<CallLogEntry[]> {
  return (await emu.admin.calls({ phoneNumberId })).filter((c) => c.method === 'POST');
}

/** What the emulator holds: the truth the result must report. */
export async function truth(
  emu: RunningEmulator,
  phoneNumberId: string,
): Promise<{ registered: boolean; status: string; region?: string }> {
  const state = await emu.admin.state();
  const n = state.phone_numbers.find((p) => p.id === phoneNumberId)!;
  const sc = n.storage_configuration;
  const status = sc.status === 'IN_COUNTRY_STORAGE_DISABLED' ? 'DEFAULT' : sc.status;
  return sc.data_localization_region
    ? { registered: n.registered, status, region: sc.data_localization_region }
    : { registered: n.registered, status };
}

/** Asserts the result's observed state equals the emulator's truth. */
export async function expectTruthful(emu: RunningEmulator, result: ConvergeResult): Promise<void> {
  const t = await truth(emu, result.observed.phoneNumberId);
  expect({
    registered: result.observed.registered,
    status: result.observed.storage.status,
    region: result.observed.storage.region,
  }).toEqual({
    registered: t.registered,
    status: t.status,
    region: t.region,
  });
}

/** Neither the token nor the PIN (nor a verification code) appears anywhere a caller can see. */
export function expectNoSecrets(result: unknown, events: EngineEvent[], ...more: string[]): void {
  const text = JSON.stringify({ result, events });
  for (const secret of [TOKEN, PIN, ...more]) expect(text).not.toContain(secret);
}

export function collector(): { events: EngineEvent[]; onEvent: (e: EngineEvent) => void } {
  const events: EngineEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}
