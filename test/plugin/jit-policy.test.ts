/**
 * The standalone executable starts with a reluctant JIT (scripts/release.mjs); the provider
 * restores the normal policy once, when its work has grown to bulk work. Where the runtime has
 * no such policy (Node), counting does nothing.
 */
import { BULK_WORK_CALLS, jitPolicyRestorer, noteEngineCall } from '../../src/plugin/protocol/jit-policy';

test('restores the normal JIT policy (scale 1) on the n-th call, once, however often it is called after', () => {
  const scales: number[] = [];
  const note = jitPolicyRestorer(() => ({ Bun: { unsafe: { setJITPolicy: (scale: number) => void scales.push(scale) } } }), 3);
  note();
  note();
  expect(scales).toEqual([]);
  note();
  expect(scales).toEqual([1]);
  for (let i = 0; i < 10; i++) note();
  expect(scales).toEqual([1]);
});

test('the provider counts in hundreds of engine calls: small plans keep the reluctant JIT', () => {
  expect(BULK_WORK_CALLS).toBeGreaterThanOrEqual(500);
});

test('does nothing where the runtime has no JIT policy (Node, or a Bun without setJITPolicy)', () => {
  expect('Bun' in globalThis).toBe(false);
  expect(() => {
    for (let i = 0; i <= BULK_WORK_CALLS; i++) noteEngineCall();
  }).not.toThrow();
  expect(() => jitPolicyRestorer(() => ({ Bun: { unsafe: {} } }))()).not.toThrow();
  expect(() => jitPolicyRestorer(() => ({}))()).not.toThrow();
});
