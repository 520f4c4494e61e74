/**
 * Data residency only ever changes on purpose: this module says when a change
 * weakens it (No Storage -> in-country or default; in-country -> default) or
 * moves it (one country to another), so plans and drift reports can flag it.
 * Pure.
 */
import { describeTarget, STORAGE_MODE_TABLE, type StorageTarget } from './storage-modes';

export interface ResidencyChange {
  kind: 'weakens' | 'moves';
  /** Human text of the storage before and after. */
  from: string;
  to: string;
  /** The storage it leaves, when known (to say how to keep it). */
  previous?: StorageTarget;
}

/**
 * How going from `from` to `to` changes residency; undefined when it stays or
 * gets stronger. `from` undefined is a status this engine does not know
 * (`rawStatus`): anything but No Storage may weaken it, so it is flagged.
 */
export function residencyChange(from: StorageTarget | undefined, to: StorageTarget, rawStatus?: string): ResidencyChange | undefined {
  if (from === undefined) {
    if (to.mode === 'NO_STORAGE') return undefined;
    return { kind: 'weakens', from: `storage status ${rawStatus ?? 'UNKNOWN'} (not one this engine knows)`, to: describeTarget(to) };
  }
  if (from.mode === 'IN_COUNTRY' && to.mode === 'IN_COUNTRY') {
    return from.region === to.region ? undefined : { kind: 'moves', from: describeTarget(from), to: describeTarget(to), previous: from };
  }
  if (STORAGE_MODE_TABLE[to.mode].strength < STORAGE_MODE_TABLE[from.mode].strength) {
    return { kind: 'weakens', from: describeTarget(from), to: describeTarget(to), previous: from };
  }
  return undefined;
}

/** Title of the warning a plan (or a drift report) carries for `change`. */
export function residencySummary(phoneNumberId: string, change: ResidencyChange): string {
  return change.kind === 'weakens'
    ? `Data residency of phone number ${phoneNumberId} weakens: ${change.from} -> ${change.to}`
    : `Data residency of phone number ${phoneNumberId} moves: ${change.from} -> ${change.to}`;
}
