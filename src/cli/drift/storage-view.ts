/**
 * What a snapshot says about a number's storage and registration, for the
 * classification and the reports. Sensitive or unknown values are never
 * read out as values: they show as "(sensitive)" / "(known after apply)".
 */
import { STATUS_DEFAULT, STATUS_ENABLED, targetOfStorage } from '../../engine/storage-state';
import { declaredStorage, type StorageTarget } from '../../engine/storage-modes';
import type { Snapshot } from './plan-json';

/** The attributes that say where message data is kept. */
export const STORAGE_ATTRIBUTES = ['storage_mode', 'data_localization_region', 'retention_minutes', 'storage_status'] as const;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** A value that may be printed: null when unset, sensitive or unknown. */
export function printable(s: Snapshot, attribute: string): unknown {
  if (s.sensitive.has(attribute) || s.unknown.has(attribute)) return null;
  return s.values[attribute] ?? null;
}

/** Whether any storage attribute of the snapshot is unknown or sensitive, so its storage cannot be named. */
export function storageHidden(s: Snapshot): 'unknown' | 'sensitive' | undefined {
  // A planned storage_status may be unknown while the declared mode is known: the mode decides.
  if (STORAGE_ATTRIBUTES.some((a) => s.unknown.has(a) && a !== 'storage_status')) return 'unknown';
  if (STORAGE_ATTRIBUTES.some((a) => s.sensitive.has(a))) return 'sensitive';
  return undefined;
}

/**
 * The storage a snapshot records (states written before storage_mode existed
 * included); undefined when it cannot be known (unknown, sensitive, or a status
 * this engine does not know).
 */
export function storageOf(s: Snapshot): StorageTarget | undefined {
  if (storageHidden(s)) return undefined;
  const v = s.values;
  const region = str(v.data_localization_region) ?? undefined;
  const retention = num(v.retention_minutes) ?? undefined;
  // The code states a mode (the engine's rule reads it); a state records what Meta reported.
  if (s.origin === 'plan') {
    return declaredStorage({ region: region ?? null, mode: v.storage_mode ?? null, retentionMinutes: retention ?? null }).target;
  }
  const status = str(v.storage_status) ?? (region ? STATUS_ENABLED : STATUS_DEFAULT);
  return targetOfStorage({ status, ...(region ? { region } : {}), ...(retention !== undefined ? { retentionMinutes: retention } : {}) });
}

/** "BR", "default", "no storage (60 min)", the raw status, "(known after apply)" or "(sensitive)". */
export function storageLabel(s: Snapshot): string {
  const h = storageHidden(s);
  if (h === 'unknown') return '(known after apply)';
  if (h === 'sensitive') return '(sensitive)';
  const target = storageOf(s);
  if (target?.mode === 'NO_STORAGE') return `no storage (${target.retentionMinutes} min)`;
  if (target?.mode === 'DEFAULT') return 'default';
  if (target?.mode === 'IN_COUNTRY') return target.region;
  return str(s.values.storage_status) ?? str(s.values.data_localization_region) ?? str(s.values.storage_mode) ?? '?';
}

/** registered as the snapshot records it; null when unknown or not recorded. */
export function registeredOf(s: Snapshot | null): boolean | null {
  if (!s) return null;
  const v = printable(s, 'registered');
  return typeof v === 'boolean' ? v : null;
}

/** The storage fields of a snapshot as the JSON report carries them. */
export interface StorageJson {
  storage_mode: string | null;
  data_localization_region: string | null;
  retention_minutes: number | null;
  storage_status: string | null;
  registered: boolean | null;
  /** Short text the tables show. */
  label: string;
  /** Attributes known only after apply (declared only). */
  unknown: string[];
  /** Attributes whose value is sensitive, so left out (null). */
  sensitive: string[];
}

export function storageJson(s: Snapshot): StorageJson {
  const relevant = [...STORAGE_ATTRIBUTES, 'registered'];
  return {
    storage_mode: str(printable(s, 'storage_mode')) ?? storageOf(s)?.mode ?? null,
    data_localization_region: str(printable(s, 'data_localization_region')),
    retention_minutes: num(printable(s, 'retention_minutes')),
    storage_status: str(printable(s, 'storage_status')),
    registered: registeredOf(s),
    label: storageLabel(s),
    unknown: relevant.filter((a) => s.unknown.has(a)),
    sensitive: relevant.filter((a) => s.sensitive.has(a)),
  };
}
