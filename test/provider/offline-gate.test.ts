/**
 * The rolling gate of a provider configuration: at most `capacity` holders, waiters
 * admitted in arrival order, a waiter that is cancelled leaves the queue without a place.
 */
import { createOfflineGate } from '../../src/provider/offline-gate';

const tick = () => new Promise((r) => setImmediate(r));

test('admits at most capacity at once, in arrival order, and a release lets the next in', async () => {
  const gate = createOfflineGate(2);
  const admitted: number[] = [];
  const releases: Array<() => void> = [];
  for (let i = 0; i < 5; i++)
    void gate.enter().then((release) => {
      admitted.push(i);
      releases[i] = release;
    });
  await tick();
  expect(admitted).toEqual([0, 1]);
  releases[1]();
  releases[1](); // a second call of the same release frees nothing more
  await tick();
  expect(admitted).toEqual([0, 1, 2]);
  releases[0]();
  releases[2]();
  await tick();
  expect(admitted).toEqual([0, 1, 2, 3, 4]);
});

test('a waiter cancelled while waiting gives up its turn and takes no place', async () => {
  const gate = createOfflineGate(1);
  const first = await gate.enter();
  const stop = new AbortController();
  const cancelled = gate.enter(stop.signal);
  let thirdIn = false;
  void gate.enter().then(() => (thirdIn = true));
  stop.abort(new Error('StopProvider'));
  await expect(cancelled).rejects.toThrow('StopProvider');
  first();
  await tick();
  expect(thirdIn).toBe(true);
  await expect(gate.enter(stop.signal)).rejects.toThrow('StopProvider');
});
