/**
 * Two stacks change the same number at the same time (one declares IN, the
 * other DE), each a real OpenTofu apply. The emulator runs calls on one number
 * one at a time, in arrival order, so the writes interleave. Exactly one stack
 * may report success; the other must fail with a clear message (read-back or
 * "deregister first"), never silently overwrite; the number stays registered;
 * both state files hold the truth, so the loser's next plan shows the conflict.
 * A slow first deregister makes sure the two runs overlap. Applies that do not overlap at all are last-writer-wins (each converges to its
 * configuration); the overwritten stack sees it as drift at its next plan.
 */
import type { RunningEmulator } from '../../src/emulator';
import type { EngineWorkspace } from '../e2e/harness';
import {
  graphTruth,
  NUMBER,
  PIN_VARIABLE,
  providerHcl,
  resourceHcl,
  secretEnv,
  startReliabilityEmulator,
  stateOf,
  tofu,
  workspace,
} from './harness';

jest.setTimeout(180_000);

let emu: RunningEmulator;
const stacks: Array<{ region: string; ws: EngineWorkspace }> = [];

beforeAll(async () => {
  emu = await startReliabilityEmulator();
  for (const region of ['IN', 'DE']) {
    const ws = workspace(tofu());
    ws.write('main.tf', providerHcl(emu.url) + PIN_VARIABLE + resourceHcl('main', NUMBER, region));
    await ws.expect(['init']);
    stacks.push({ region, ws });
  }
});

afterAll(async () => {
  for (const s of stacks) s.ws.dispose();
  await emu?.close();
});

test.each([50, 150])(
  'simultaneous applies with %i ms of API latency: one wins, the other fails loudly, states hold the truth',
  async (latency) => {
    await emu.admin.reset();
    await emu.admin.setLatency(latency);
    for (const s of stacks) s.ws.remove('terraform.tfstate');
    // The first deregister holds the number's turn for a while, as a slow Meta would: the other apply's calls
    // queue behind it, so the two runs interleave however far apart the loaded machine starts the two engines.
    await emu.admin.injectFault({ endpoint: 'deregister', phoneNumberId: NUMBER, mode: 'slow', delayMs: 5000, times: 1 });
    const results = await Promise.all(stacks.map((s) => s.ws.run(['apply', '-auto-approve'], secretEnv())));
    await emu.admin.setLatency(0);
    const truth = await graphTruth(emu, NUMBER);
    const outputs = results.map((r) => (r.stdout + r.stderr).replace(/\s+/g, ' '));
    const detail = outputs.map((o, i) => `--- ${stacks[i].region} exit ${results[i].code}\n${o}`).join('\n');

    expect(truth.registered).toBe(true);
    const winners = results.map((r, i) => (r.code === 0 ? i : -1)).filter((i) => i >= 0);
    if (winners.length !== 1) throw new Error(`expected exactly one stack to succeed\n${detail}`);
    const winner = winners[0];
    const loser = 1 - winner;
    expect(truth.region).toBe(stacks[winner].region);
    expect(results[loser].code).toBe(1);
    // The loser says what it found instead of what it declared.
    expect(outputs[loser]).toMatch(
      /read-back shows the number is not converged|deregister it|does not have local storage in|not converged/,
    );
    expect(outputs[loser]).toContain(stacks[winner].region);

    for (const s of stacks) expect(stateOf(s.ws)).toMatchObject({ registered: true, region: truth.region });
    // The conflict stays visible: the loser's next plan wants to change the region back.
    const plan = await stacks[loser].ws.run(['plan', '-detailed-exitcode'], secretEnv());
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(new RegExp(`"${truth.region}" -> "${stacks[loser].region}"`));
  },
);

test('applies that do not overlap: last writer wins, and the first stack sees it as drift at its next plan', async () => {
  await emu.admin.reset();
  for (const s of stacks) s.ws.remove('terraform.tfstate');
  const [first, second] = stacks;
  await first.ws.expect(['apply', '-auto-approve'], 0, secretEnv());
  await second.ws.expect(['apply', '-auto-approve'], 0, secretEnv());
  expect(await graphTruth(emu, NUMBER)).toMatchObject({ registered: true, region: second.region });
  const plan = await first.ws.run(['plan', '-detailed-exitcode'], secretEnv());
  expect(plan.code).toBe(2);
  expect(plan.stdout).toMatch(new RegExp(`"${second.region}" -> "${first.region}"`));
});
