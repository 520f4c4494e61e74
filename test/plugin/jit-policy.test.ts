/**
 * The standalone executable starts with a reluctant JIT (scripts/release.mjs); the provider
 * restores the normal policy once, when its real work starts. Where the runtime has no such
 * policy (Node), restoring it does nothing.
 */
import { endStartupJitPolicy, jitPolicyRestorer } from '../../src/plugin/protocol/jit-policy';

test('restores the normal JIT policy (scale 1) once, however often the provider asks', () => {
  const scales: number[] = [];
  const restore = jitPolicyRestorer(() => ({ Bun: { unsafe: { setJITPolicy: (scale: number) => void scales.push(scale) } } }));
  restore();
  restore();
  expect(scales).toEqual([1]);
});

test('does nothing where the runtime has no JIT policy (Node, or a Bun without setJITPolicy)', () => {
  expect('Bun' in globalThis).toBe(false);
  expect(() => endStartupJitPolicy()).not.toThrow();
  expect(() => jitPolicyRestorer(() => ({ Bun: { unsafe: {} } }))()).not.toThrow();
  expect(() => jitPolicyRestorer(() => ({}))()).not.toThrow();
});
