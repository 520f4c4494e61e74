/**
 * Someone else changes the number while a converge runs. The engine must not
 * overwrite it silently: the failed write is re-read, and the error says what
 * the number reads now and that it changed during the run.
 */
import axios from 'axios';
import type { RunningEmulator } from '../../src/emulator';
import type { EngineEvent } from '../../src/engine/types';
import { expectNoSecrets, expectTruthful, makeEngine, NUM_BR, PIN, startTestEmulator, TOKEN, truth } from './emulator-harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

test('a register by someone else between our read and our settings write is reported, not overwritten', async () => {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const base = `${emu.url}/${FIRST_SETTINGS_VERSION}/${NUM_BR}`;
  // Another operator is half-way through moving the number to DE: deregistered, settings written.
  await axios.post(`${base}/deregister`, {}, { headers });
  await axios.post(
    `${base}/settings`,
    { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } },
    { headers },
  );
  await emu.admin.setLatency(100);

  const engine = makeEngine(emu);
  const events: EngineEvent[] = [];
  let theirs: Promise<unknown> | undefined;
  const result = await engine.converge(
    NUM_BR,
    { region: 'IN' },
    {
      pin: PIN,
      onEvent: (e) => {
        events.push(e);
        // ... and registers it just before our settings write reaches the API (equal latency: first sent, first served).
        if (e.type === 'step_started' && e.step.kind === 'write_settings') {
          theirs = axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: PIN }, { headers });
        }
      },
    },
  );
  await theirs;
  engine.close();
  await emu.admin.setLatency(0);

  expect(result.ok).toBe(false);
  expect(result.error!.message).toContain('The number now reads: registered, local storage in DE.');
  expect(result.error!.message).toContain('It changed while this apply ran');
  expect(await truth(emu, NUM_BR)).toMatchObject({ registered: true, region: 'DE' }); // theirs stands
  await expectTruthful(emu, result);
  expectNoSecrets(result, events);
});

test('a failure our own writes explain does not blame anyone else', async () => {
  await emu.admin.reset();
  const engine = makeEngine(emu);
  // Settings refused once with a permanent error while the number is unregistered and unchanged by others.
  const headers = { Authorization: `Bearer ${TOKEN}` };
  await axios.post(`${emu.url}/${FIRST_SETTINGS_VERSION}/${NUM_BR}/deregister`, {}, { headers });
  await emu.admin.injectFault({
    endpoint: 'settings',
    method: 'POST',
    phoneNumberId: NUM_BR,
    mode: 'error',
    error: { code: 200, message: 'Permissions error' },
  });
  const result = await engine.converge(NUM_BR, { region: 'IN' }, { pin: PIN });
  engine.close();
  expect(result.ok).toBe(false);
  expect(result.error!.message).not.toContain('changed while this apply ran');
  await expectTruthful(emu, result);
});
