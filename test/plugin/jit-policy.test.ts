/**
 * The standalone executable starts with a reluctant JIT (scripts/release.mjs); the provider
 * restores the normal policy once, when its real work starts. Where the runtime has no such
 * policy (Node), restoring it does nothing.
 */
type WithBun = { Bun?: unknown };

function freshModule(): typeof import('../../src/plugin/protocol/jit-policy') {
  let mod: typeof import('../../src/plugin/protocol/jit-policy') | undefined;
  jest.isolateModules(() => {
    mod = require('../../src/plugin/protocol/jit-policy') as typeof import('../../src/plugin/protocol/jit-policy');
  });
  return mod!;
}

afterEach(() => {
  delete (globalThis as WithBun).Bun;
});

test('restores the normal JIT policy (scale 1) once, however often the provider asks', () => {
  const scales: number[] = [];
  (globalThis as WithBun).Bun = { unsafe: { setJITPolicy: (scale: number) => scales.push(scale) } };
  const { endStartupJitPolicy } = freshModule();
  endStartupJitPolicy();
  endStartupJitPolicy();
  expect(scales).toEqual([1]);
});

test('does nothing where the runtime has no JIT policy (Node, or a Bun without setJITPolicy)', () => {
  expect((globalThis as WithBun).Bun).toBeUndefined();
  expect(() => freshModule().endStartupJitPolicy()).not.toThrow();
  (globalThis as WithBun).Bun = { unsafe: {} };
  expect(() => freshModule().endStartupJitPolicy()).not.toThrow();
});
