/**
 * Reading storage_configuration: Meta's reference shows lower case, live
 * responses upper case, and new statuses appear (NO_STORAGE_ENABLED, May 2026).
 * These helpers compare without crashing on anything.
 */
import type { ObservedState, StorageStatus } from './types';

export const STATUS_ENABLED = 'IN_COUNTRY_STORAGE_ENABLED';
export const STATUS_DEFAULT = 'DEFAULT';
/** The write-only value for "disable"; tolerated if a server ever echoes it. */
export const STATUS_DISABLED_WRITE = 'IN_COUNTRY_STORAGE_DISABLED';

export function normalizeStatus(raw: unknown): StorageStatus {
  if (typeof raw !== 'string' || raw.trim() === '') return 'UNKNOWN';
  return raw.trim().toUpperCase();
}

export function normalizeRegion(raw: unknown): string | undefined {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().toUpperCase() : undefined;
}

/** Local storage is off: DEFAULT (what reads return) or the disable value. */
export function isStorageDisabled(storage: ObservedState['storage']): boolean {
  const s = normalizeStatus(storage.status);
  return s === STATUS_DEFAULT || s === STATUS_DISABLED_WRITE;
}

/** Whether the storage configuration already is `region` (null = disabled). */
export function storageMatches(storage: ObservedState['storage'], region: string | null): boolean {
  if (region === null) return isStorageDisabled(storage);
  return normalizeStatus(storage.status) === STATUS_ENABLED && normalizeRegion(storage.region) === region.toUpperCase();
}

/** Whether two observed configurations are the same (status and region). */
export function sameStorage(a: ObservedState['storage'], b: ObservedState['storage']): boolean {
  if (isStorageDisabled(a) && isStorageDisabled(b)) return true;
  return normalizeStatus(a.status) === normalizeStatus(b.status) && normalizeRegion(a.region) === normalizeRegion(b.region);
}

/** The desired region that reproduces `storage`, or undefined when no write can (unknown status). */
export function storageAsRegion(storage: ObservedState['storage']): string | null | undefined {
  if (isStorageDisabled(storage)) return null;
  if (normalizeStatus(storage.status) === STATUS_ENABLED) return normalizeRegion(storage.region);
  return undefined;
}

/** Human text: "local storage in BR", "local storage disabled (DEFAULT)", "storage status NO_STORAGE_ENABLED". */
export function describeStorage(storage: ObservedState['storage']): string {
  const s = normalizeStatus(storage.status);
  if (s === STATUS_ENABLED) return `local storage in ${normalizeRegion(storage.region) ?? 'an unreported region'}`;
  if (s === STATUS_DEFAULT || s === STATUS_DISABLED_WRITE) return `local storage disabled (${s})`;
  return `storage status ${String(storage.status)} (not a status this engine manages)`;
}

export function describeRegion(region: string | null): string {
  return region === null ? 'local storage disabled' : `local storage in ${region}`;
}
