/**
 * The engine's error contract through a real client and emulator: each Graph
 * failure leaves the engine as one kind, at the engine input its fix belongs to,
 * with Graph's code kept in the message.
 */
import type { FaultSpec, RunningEmulator } from '../../src/emulator';
import type { LocalStorageEngine } from '../../src/engine/engine';
import { EngineFailure, ENGINE_ERROR_KINDS, type EngineErrorKind } from '../../src/engine/engine-errors';
import { makeEngine, NUM_BR, startTestEmulator } from './emulator-harness';

let emu: RunningEmulator;
let engine: LocalStorageEngine;

beforeAll(async () => {
  emu = await startTestEmulator();
  engine = makeEngine(emu, { maxRetries: 0, timeoutMs: 300 });
});
afterAll(async () => {
  engine.close();
  await emu.close();
});
beforeEach(async () => {
  await emu.admin.reset();
});

async function failureOf(fault: Omit<FaultSpec, 'endpoint' | 'phoneNumberId'>): Promise<EngineFailure> {
  await emu.admin.injectFault({ endpoint: 'phone_number', phoneNumberId: NUM_BR, ...fault });
  try {
    await engine.observe(NUM_BR);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineFailure);
    return e as EngineFailure;
  }
  throw new Error('expected observe() to fail');
}

const ROWS: Array<[string, EngineErrorKind, Omit<FaultSpec, 'endpoint' | 'phoneNumberId'>, string | undefined, RegExp]> = [
  [
    'expired token (190)',
    'auth',
    { mode: 'error', error: { code: 190, http_status: 401 } },
    'accessToken',
    /access token is invalid or expired.*Graph error 190/,
  ],
  ['unknown token error (0)', 'auth', { mode: 'error', error: { code: 0, http_status: 401 } }, 'accessToken', /Graph error 0\b/],
  [
    'missing permission (10)',
    'permission',
    { mode: 'error', error: { code: 10, http_status: 403 } },
    'accessToken',
    /lacks permission.*Graph error 10\b/,
  ],
  ['missing permission (200)', 'permission', { mode: 'error', error: { code: 200, http_status: 403 } }, 'accessToken', /Graph error 200\b/],
  [
    'deleted number (33)',
    'not_found',
    { mode: 'error', error: { code: 33, http_status: 400 } },
    'phoneNumberId',
    /has been deleted.*Graph error 33\b/,
  ],
  [
    'unknown or invisible number (100/33)',
    'not_found',
    { mode: 'error', error: { code: 100, error_subcode: 33, http_status: 400 } },
    'phoneNumberId',
    /does not exist or this token cannot see it.*Graph error 100\/33/,
  ],
  [
    'invalid parameter (100) without 404',
    'rejected',
    { mode: 'error', error: { code: 100, http_status: 400 } },
    undefined,
    /Graph error 100\b/,
  ],
  [
    'register quota (133016)',
    'quota',
    { mode: 'error', error: { code: 133016, http_status: 400 } },
    undefined,
    /72-hour.*Graph error 133016/,
  ],
  ['server error (2)', 'transient', { mode: 'error', error: { code: 2, http_status: 503 } }, undefined, /Graph error 2\b/],
  ['a proxy page (502)', 'transient', { mode: 'raw', httpStatus: 502, body: '<html>Bad gateway</html>' }, undefined, /HTTP 502/],
  [
    'a 2xx without the state fields',
    'transient',
    { mode: 'raw', httpStatus: 200, contentType: 'application/json', body: '{}' },
    undefined,
    /status or platform_type/,
  ],
];

test.each(ROWS)('%s is %s', async (_name, kind, fault, field, message) => {
  const e = await failureOf(fault);
  expect(e.kind).toBe(kind);
  expect(e.field).toBe(field);
  expect(e.message).toMatch(message);
  expect(e.error).toEqual({ kind, message: e.message, retryable: e.retryable, ...(field ? { field } : {}) });
});

test('an invalid id is invalid_input on phoneNumberId, before any request', async () => {
  await expect(engine.observe('12/../me')).rejects.toMatchObject({ kind: 'invalid_input', field: 'phoneNumberId', retryable: false });
  expect(await emu.admin.calls()).toEqual([]);
});

test('the quota is never retryable, a server error is', async () => {
  expect((await failureOf({ mode: 'error', error: { code: 133016, http_status: 400 } })).retryable).toBe(false);
  await emu.admin.reset();
  expect((await failureOf({ mode: 'error', error: { code: 2, http_status: 503 } })).retryable).toBe(true);
});

test('the list of kinds has no duplicates', () => {
  expect(new Set(ENGINE_ERROR_KINDS).size).toBe(ENGINE_ERROR_KINDS.length);
});
