/**
 * lazyObject builds its object on the first call that needs it; what beforeLoad answers does
 * not build it, and onCall sees only the calls that reach the built object.
 */
import { lazyObject, notLoadedYet } from '../../src/shared/lazy-object';

interface Counter {
  add(n: number): number;
  label(): string;
}

test('builds on the first call, once; beforeLoad answers without building; onCall counts calls that reach the object', async () => {
  let built = 0;
  let calls = 0;
  let total = 0;
  const lazy = lazyObject<Counter>(
    () => {
      built++;
      return { add: (n) => (total += n), label: () => 'built' };
    },
    { label: () => 'not yet' },
    () => void calls++,
  );
  expect(lazy.label()).toBe('not yet');
  expect(notLoadedYet(lazy)).toBe(true);
  expect([built, calls]).toEqual([0, 0]);
  expect(lazy.add(2)).toBe(2);
  expect(lazy.add(3)).toBe(5);
  expect(lazy.label()).toBe('built');
  expect([built, calls]).toEqual([1, 3]);
  expect(notLoadedYet(lazy)).toBe(false);
  // Never a thenable: awaiting it gives the proxy itself, without building or counting.
  expect(await Promise.resolve(lazy)).toBe(lazy);
  expect(calls).toBe(3);
});
