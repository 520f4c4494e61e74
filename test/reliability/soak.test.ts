/**
 * Soak under a real engine: 100 numbers (each registered, storage disabled)
 * moved to local storage by one OpenTofu apply while 5% of all Graph calls fail
 * with a transient error. Zero numbers may end unregistered; the state must
 * match the emulator for every number; re-applies converge to an empty plan.
 * The full 1,000-number run is `bench/soak.ts` (figures in docs/reliability.md).
 */
import type { RunningEmulator } from '../../src/emulator';
import { SUPPORTED_REGIONS } from '../../src/engine/regions';
import type { EngineWorkspace } from '../e2e/harness';
import { PIN_VARIABLE, providerHcl, resourceHcl, secretEnv, soakId, startReliabilityEmulator, tofu, workspace } from './harness';

jest.setTimeout(300_000);

const COUNT = 100;
const RATE = 0.05;
const regionOf = (i: number) => SUPPORTED_REGIONS[i % SUPPORTED_REGIONS.length].code;

let emu: RunningEmulator;
let ws: EngineWorkspace;

beforeAll(async () => {
  emu = await startReliabilityEmulator(COUNT);
  ws = workspace(tofu());
  let hcl = providerHcl(emu.url, { timeoutSeconds: 5, maxRetries: 3 }) + PIN_VARIABLE;
  for (let i = 0; i < COUNT; i++) hcl += resourceHcl(`n${i}`, soakId(i), regionOf(i));
  ws.write('main.tf', hcl);
  await ws.expect(['init']);
});

afterAll(async () => {
  ws?.dispose();
  await emu?.close();
});

test(`${COUNT} numbers under a ${RATE * 100}% transient fault rate: none lost, none left offline, state matches`, async () => {
  await emu.admin.setRandomFaults({ rate: RATE, seed: 7 });
  const first = await ws.run(['apply', '-auto-approve', '-parallelism=10'], secretEnv());
  const calls = await emu.admin.calls();
  const faults = calls.filter((c) => c.fault !== undefined).length;
  expect(faults).toBeGreaterThan(0);

  const state = await emu.admin.state();
  const soak = state.phone_numbers.filter((n) => n.id.startsWith('2000000'));
  expect(soak).toHaveLength(COUNT);
  // Zero numbers offline after the first faulty apply, whatever it reported.
  expect(soak.filter((n) => !n.registered).map((n) => n.id)).toEqual([]);

  // Re-apply (faults still on) until the engine reports success; a few rounds at most.
  let rounds = 1;
  let last = first;
  while (last.code !== 0 && rounds < 4) {
    last = await ws.run(['apply', '-auto-approve', '-parallelism=10'], secretEnv());
    rounds++;
  }
  expect(last.code).toBe(0);
  await emu.admin.setRandomFaults({ rate: 0 });

  const after = (await emu.admin.state()).phone_numbers.filter((n) => n.id.startsWith('2000000'));
  const tfState = ws.state();
  for (let i = 0; i < COUNT; i++) {
    const n = after.find((p) => p.id === soakId(i))!;
    expect({ id: n.id, registered: n.registered, region: n.storage_configuration.data_localization_region }).toEqual({
      id: soakId(i),
      registered: true,
      region: regionOf(i),
    });
    const attrs = tfState.resources.find((r) => r.name === `n${i}`)!.instances[0].attributes;
    expect({ registered: attrs.registered, region: attrs.data_localization_region }).toEqual({ registered: true, region: regionOf(i) });
  }
  const plan = await ws.run(['plan', '-detailed-exitcode', '-parallelism=10'], secretEnv());
  expect(plan.code).toBe(0);
  console.log(
    `soak: ${COUNT} numbers, ${calls.length} Graph calls in the first apply, ${faults} faults injected, first apply exit ${first.code}, rounds ${rounds}, 0 lost`,
  );
});
