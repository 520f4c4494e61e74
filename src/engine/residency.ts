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

/**
 * Going from `from` to a storage this engine does not know (a new status, an
 * unsupported region, `raw` describes it): flagged as a weakening unless `from`
 * is already Meta's default storage, since nothing says the data stays put.
 */
export function residencyChangeToUnknown(from: StorageTarget | undefined, raw: string): ResidencyChange | undefined {
  if (from?.mode === 'DEFAULT') return undefined;
  const to = `storage ${raw} (not one this engine knows)`;
  if (!from) return { kind: 'weakens', from: 'a storage this engine does not know', to };
  return { kind: 'weakens', from: describeTarget(from), to, previous: from };
}

/** Title of the warning a plan (or a drift report) carries for `change`. */
export function residencySummary(phoneNumberId: string, change: ResidencyChange): string {
  return change.kind === 'weakens'
    ? `Data residency of phone number ${phoneNumberId} weakens: ${change.from} -> ${change.to}`
    : `Data residency of phone number ${phoneNumberId} moves: ${change.from} -> ${change.to}`;
}

/**
 * Title of a plan warning for a residency change, without the number: engines fold warnings with
 * one title into one, so many numbers making the same change read as one warning (the number is in
 * the warning's detail). The drift report names each number (`residencySummary`).
 */
export function residencyTitle(change: ResidencyChange): string {
  return `Data residency ${change.kind}: ${change.from} -> ${change.to}`;
}
