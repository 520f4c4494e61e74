/**
 * The rolling limit of a provider configuration: at most `capacity` numbers between
 * their deregister and their register at once, whatever the engine's -parallelism.
 * One provider process serves one provider configuration in a run, so a gate per
 * configured provider covers every whatsapp_local_storage resource of that configuration.
 * Waiters are admitted in arrival order.
 */
import type { OfflineGate } from '../engine/types';

export const DEFAULT_MAX_NUMBERS_OFFLINE = 1;

export interface RollingGate extends OfflineGate {
  /** max_numbers_offline. */
  readonly capacity: number;
}

export function createOfflineGate(capacity: number): RollingGate {
  let inside = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inside--;
      waiting.shift()?.();
    };
  };

  return {
    capacity,
    enter(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      if (inside < capacity) {
        inside++;
        return Promise.resolve(release());
      }
      return new Promise((resolve, reject) => {
        const admit = () => {
          signal?.removeEventListener('abort', abort);
          inside++;
          resolve(release());
        };
        const abort = () => {
          const at = waiting.indexOf(admit);
          if (at >= 0) waiting.splice(at, 1);
          reject(abortError(signal));
        };
        signal?.addEventListener('abort', abort, { once: true });
        waiting.push(admit);
      });
    },
  };
}

/** Why `signal` aborted, as an Error (a caller may abort with any value). */
function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return reason === undefined ? new Error('aborted') : new Error('aborted', { cause: reason });
}
