/**
 * Reading storage_configuration: Meta's reference shows lower case, live
 * responses upper case, and new statuses appear (NO_STORAGE_ENABLED, May 2026).
 * These helpers compare without crashing on anything.
 */
import { isSupportedRegion } from './regions';
import { NO_STORAGE_RETENTION_MINUTES } from '../cloud-api/no-storage';
import { describeTarget, sameTarget, STORAGE_MODE_TABLE, targetOfRegion, type StorageTarget } from './storage-modes';
import type { ObservedState, StorageStatus } from './types';

export const STATUS_ENABLED = STORAGE_MODE_TABLE.IN_COUNTRY.readStatus;
export const STATUS_DEFAULT = STORAGE_MODE_TABLE.DEFAULT.readStatus;
/** The write-only value for "disable"; tolerated if a server ever echoes it. */
export const STATUS_DISABLED_WRITE = STORAGE_MODE_TABLE.DEFAULT.writeStatus;
export const STATUS_NO_STORAGE = STORAGE_MODE_TABLE.NO_STORAGE.readStatus;

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

/** Whether the storage configuration already is `target` (a region or null = the older shorthand). */
export function storageMatches(storage: ObservedState['storage'], target: StorageTarget | string | null): boolean {
  if (target === null) return isStorageDisabled(storage);
  if (typeof target === 'string')
    return normalizeStatus(storage.status) === STATUS_ENABLED && normalizeRegion(storage.region) === target.toUpperCase();
  const now = targetOfStorage(storage);
  return now !== undefined && sameTarget(now, target);
}

/** Whether two observed configurations are the same (status, region, retention). */
export function sameStorage(a: ObservedState['storage'], b: ObservedState['storage']): boolean {
  if (isStorageDisabled(a) && isStorageDisabled(b)) return true;
  return (
    normalizeStatus(a.status) === normalizeStatus(b.status) &&
    normalizeRegion(a.region) === normalizeRegion(b.region) &&
    retentionOf(a) === retentionOf(b)
  );
}

/** retention_minutes of a No Storage read (a whole number), else undefined. */
export function retentionOf(storage: ObservedState['storage']): number | undefined {
  const raw = storage.retentionMinutes ?? storage.extra?.retention_minutes;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/**
 * The target that reproduces `storage`, or undefined when no write can (a status
 * this engine does not know, an unsupported region, a No Storage retention Meta no longer accepts).
 */
export function targetOfStorage(storage: ObservedState['storage']): StorageTarget | undefined {
  if (isStorageDisabled(storage)) return { mode: 'DEFAULT' };
  const status = normalizeStatus(storage.status);
  if (status === STATUS_ENABLED) {
    const region = normalizeRegion(storage.region);
    return region !== undefined && isSupportedRegion(region) ? targetOfRegion(region) : undefined;
  }
  if (status === STATUS_NO_STORAGE) {
    const retention = retentionOf(storage);
    return retention !== undefined && NO_STORAGE_RETENTION_MINUTES.includes(retention)
      ? { mode: 'NO_STORAGE', retentionMinutes: retention }
      : undefined;
  }
  return undefined;
}

/** The storage mode a read shows, or undefined for a status this engine does not know. */
export function modeOfStorage(storage: ObservedState['storage']): StorageTarget['mode'] | undefined {
  if (isStorageDisabled(storage)) return 'DEFAULT';
  const status = normalizeStatus(storage.status);
  if (status === STATUS_ENABLED) return 'IN_COUNTRY';
  if (status === STATUS_NO_STORAGE) return 'NO_STORAGE';
  return undefined;
}

/** The desired region that reproduces `storage`, or undefined when no region write can (No Storage, unknown status). */
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
  if (s === STATUS_NO_STORAGE) {
    const retention = retentionOf(storage);
    return `No Storage (${STATUS_NO_STORAGE}, retention ${retention === undefined ? 'not reported' : `${retention} minutes`})`;
  }
  return `storage status ${String(storage.status)} (not a status this engine manages)`;
}

/** Human text of a declared storage: a target, or the older region shorthand. */
export function describeRegion(region: StorageTarget | string | null): string {
  if (region === null) return 'local storage disabled';
  if (typeof region === 'string') return `local storage in ${region}`;
  return describeTarget(region);
}
