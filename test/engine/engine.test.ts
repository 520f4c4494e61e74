/** The engine facade against the emulator: data-source reads, listing, observe + plan, unknown statuses. */
import { expect } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator';
import type { LocalStorageEngine } from '../../src/engine/engine';
import { EngineFailure } from '../../src/engine/engine-errors';
import { makeEngine, NUM_BR, NUM_DISABLED, NUM_UNVERIFIED, PIN, startTestEmulator, WABA, writes } from './emulator-harness';

let emu: RunningEmulator;
let engine: LocalStorageEngine;

beforeAll(async () => {
  emu = await startTestEmulator();
  engine = makeEngine(emu);
});
afterAll(async () => {
  engine.close();
  await emu.close();
});
beforeEach(async () => {
  await emu.admin.reset();
});

test('phoneNumber() returns what the data source shows', async () => {
  expect(await engine.phoneNumber(NUM_BR)).toEqual({
    id: NUM_BR,
    display_phone_number: expect.any(String),
    verified_name: 'Acme Brasil',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    status: 'CONNECTED',
    quality_rating: 'GREEN',
    name_status: 'APPROVED',
    throughput_level: 'STANDARD',
    registered: true,
    storage_status: 'IN_COUNTRY_STORAGE_ENABLED',
    storage_mode: 'IN_COUNTRY',
    data_localization_region: 'BR',
  });
  expect(await engine.phoneNumber(NUM_UNVERIFIED)).toMatchObject({
    registered: false,
    storage_status: 'DEFAULT',
    platform_type: 'NOT_APPLICABLE',
  });
});

test('listPhoneNumbers() lists the WABA with registration derived from status', async () => {
  const list = await engine.listPhoneNumbers(WABA);
  expect(list.find((n) => n.id === NUM_DISABLED)).toMatchObject({ registered: true });
  expect(list.find((n) => n.id === NUM_UNVERIFIED)).toMatchObject({ registered: false });
});

test('observe() + plan(): lower-case statuses read the same', async () => {
  await emu.admin.setOptions({ status_case: 'lower' });
  const observed = await engine.observe(NUM_BR);
  expect(observed.storage).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR' });
  expect(engine.plan(observed, { region: 'BR' }).steps).toEqual([]);
});

test('a No Storage retention Meta does not accept (1440) is drift with its raw value, then converged', async () => {
  await emu.admin.patchPhoneNumber(NUM_BR, { storage_configuration: { status: 'NO_STORAGE_ENABLED', retention_minutes: 1440 } });
  const observed = await engine.observe(NUM_BR);
  expect(observed.storage).toEqual({ status: 'NO_STORAGE_ENABLED', retentionMinutes: 1440, extra: { retention_minutes: 1440 } });
  const plan = engine.plan(observed, { region: 'BR' });
  expect(plan.explanation).toContain('NO_STORAGE_ENABLED');
  const result = await engine.converge(NUM_BR, { region: 'BR' }, { pin: PIN });
  expect(result.ok).toBe(true);
  expect(await writes(emu, NUM_BR)).toEqual(['deregister', 'settings', 'register']);
});

test('observe() of an invalid id throws before any request; of a missing number throws an EngineFailure', async () => {
  await expect(engine.observe('12/../me')).rejects.toThrow(/phoneNumberId/);
  await expect(engine.observe('999999999999999')).rejects.toBeInstanceOf(EngineFailure);
});
