/**
 * Region helpers for construct code. The list itself lives in src/engine/regions.ts
 * (one list for the whole project); this module only gives it construct-friendly names.
 */
import { explainUnsupportedRegion, isSupportedRegion, SUPPORTED_REGIONS, type RegionCode } from '../engine/regions';

/**
 * A country Cloud API Local Storage can keep message data in, as an upper-case
 * ISO 3166-1 alpha-2 code, e.g. `'BR'`, `'IN'`, `'DE'`.
 */
export type LocalStorageRegion = RegionCode;

/** Every supported region code, in the order of Meta's list. */
export const LOCAL_STORAGE_REGIONS: readonly LocalStorageRegion[] = SUPPORTED_REGIONS.map((r) => r.code);

/**
 * `parseLocalStorageRegion(value, source = 'region')` of each entry point.
 *
 * Turns text from outside the program (an environment variable, CDK context, a
 * config file) into a region, or `undefined` for "disabled".
 *
 * Empty text, `none`, `disabled` and `off` (any case) mean disabled. tokens of the entry's library
 * (e.g. `TerraformVariable.stringValue`) pass through unchecked: the engine checks
 * them at plan time. Anything else that is not a supported code throws an error
 * that names `source` and says what to write instead.
 *
 * @param value the text to parse
 * @param source where the text came from, for the error message (e.g. `'env WLS_SUPPORT_REGION'`)
 */
export function parseLocalStorageRegion(
  value: string | undefined,
  source: string,
  isUnresolved: (value: unknown) => boolean,
): LocalStorageRegion | undefined {
  if (value === undefined) return undefined;
  if (isUnresolved(value)) return value as LocalStorageRegion;
  const trimmed = value.trim();
  if (trimmed === '' || /^(none|disabled|off)$/i.test(trimmed)) return undefined;
  if (isSupportedRegion(trimmed)) return trimmed;
  throw new Error(`${source}: ${explainUnsupportedRegion(trimmed)} Use an empty value or "none" to disable Local Storage.`);
}

/** Storage props parsed from outside text (see `parseLocalStorage`). */
export type ParsedStorage =
  { region: LocalStorageRegion } | { storageMode: 'DEFAULT' } | { storageMode: 'NO_STORAGE'; retentionMinutes: number };

/**
 * Turns text from outside the program into storage props for `WhatsAppLocalStorage`:
 * a region code (in-country), `default` / `none` / `off` / `disabled` (Meta's default
 * storage, stated), or `no_storage` (No Storage with a retention of 60 minutes).
 * Empty or missing text is an error: the mode must be stated. Anything else throws,
 * naming `source` and what to write instead. Tokens of the entry's library pass
 * through as a region, checked at plan time. `parseLocalStorage(value, source = 'storage')`
 * of each entry point.
 *
 * @param value the text to parse
 * @param source where the text came from, for the error message
 */
export function parseLocalStorage(value: string | undefined, source: string, isUnresolved: (value: unknown) => boolean): ParsedStorage {
  const trimmed = (value ?? '').trim();
  if (trimmed !== '' && isUnresolved(value)) return { region: value as LocalStorageRegion };
  if (/^(default|none|disabled|off)$/i.test(trimmed)) return { storageMode: 'DEFAULT' };
  if (/^no[_-]?storage$/i.test(trimmed)) return { storageMode: 'NO_STORAGE', retentionMinutes: 60 };
  if (isSupportedRegion(trimmed)) return { region: trimmed };
  const why = trimmed === '' ? 'is empty: the storage mode must be stated.' : explainUnsupportedRegion(trimmed);
  throw new Error(`${source}: ${why} Write a region code, "default" (Meta's default storage) or "no_storage" (No Storage).`);
}
