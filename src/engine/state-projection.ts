/** What the number should read like after our own completed writes, and whether a read is explained by them. */
import { describeStorage, sameStorage } from './storage-state';
import { unreachable } from '../shared/unreachable';
import { STORAGE_MODE_TABLE, stepTarget, type StorageTarget } from './storage-modes';
import type { ObservedState, PlanStep } from './types';

/** What a read shows once `target` is written. */
function storageRead(target: StorageTarget): ObservedState['storage'] {
  const status = STORAGE_MODE_TABLE[target.mode].readStatus;
  switch (target.mode) {
    case 'IN_COUNTRY':
      return { status, region: target.region };
    case 'NO_STORAGE':
      return { status, retentionMinutes: target.retentionMinutes };
    case 'DEFAULT':
      return { status };
    default:
      return unreachable(target, 'storage target');
  }
}

/** `from` with the effect of `steps` (completed writes) applied on top. */
export function projectWrites(from: ObservedState, steps: PlanStep[]): ObservedState {
  const guess: ObservedState = { ...from, storage: { ...from.storage } };
  for (const step of steps) {
    if (step.kind === 'deregister') {
      guess.registered = false;
      // Deregistering may reset storage to DEFAULT; which, only a read can tell.
      guess.storage = { status: 'UNKNOWN' };
    } else if (step.kind === 'write_settings' || (step.kind === 'register' && stepTarget(step) !== undefined)) {
      const target = stepTarget(step);
      guess.storage = target ? storageRead(target) : { status: 'UNKNOWN' };
      if (step.kind === 'register') guess.registered = true;
    } else if (step.kind === 'register') {
      guess.registered = true;
    }
  }
  return guess;
}

/**
 * What a read after a failed write shows, and whether our own completed writes
 * explain it: when they do not, someone else (another apply, a pipeline, a person)
 * changed the number during this run, and the user must re-plan, not just retry.
 */
export function describeReadSince(initial: ObservedState, now: ObservedState | undefined, completed: PlanStep[]): string {
  if (!now || now === initial) return '';
  const ours = projectWrites(initial, completed);
  const explained = ours.registered === now.registered && (ours.storage.status === 'UNKNOWN' || sameStorage(ours.storage, now.storage));
  return ` The number now reads: ${now.registered ? 'registered' : 'not registered'}, ${describeStorage(now.storage)}.${explained ? '' : ' It changed while this apply ran (another apply, pipeline or person changed it): review that change and plan again before applying.'}`;
}
