/**
 * Region helpers for CDKTF code. The list itself lives in src/engine/regions.ts
 * (one list for the whole project); this module only gives it CDKTF-friendly names.
 */
import { Token } from 'cdktf';
import { explainUnsupportedRegion, isSupportedRegion, SUPPORTED_REGIONS, type RegionCode } from '../engine/regions';

/**
 * A country Cloud API Local Storage can keep message data in, as an upper-case
 * ISO 3166-1 alpha-2 code, e.g. `'BR'`, `'IN'`, `'DE'`.
 */
export type LocalStorageRegion = RegionCode;

/** Every supported region code, in the order of Meta's list. */
export const LOCAL_STORAGE_REGIONS: readonly LocalStorageRegion[] = SUPPORTED_REGIONS.map((r) => r.code);

/**
 * Turns text from outside the program (an environment variable, CDKTF context, a
 * config file) into a region, or `undefined` for "disabled".
 *
 * Empty text, `none`, `disabled` and `off` (any case) mean disabled. CDKTF tokens
 * (e.g. `TerraformVariable.stringValue`) pass through unchecked: the engine checks
 * them at plan time. Anything else that is not a supported code throws an error
 * that names `source` and says what to write instead.
 *
 * @param value the text to parse
 * @param source where the text came from, for the error message (e.g. `'env WLS_SUPPORT_REGION'`)
 */
export function parseLocalStorageRegion(value: string | undefined, source = 'region'): LocalStorageRegion | undefined {
  if (value === undefined) return undefined;
  if (Token.isUnresolved(value)) return value as LocalStorageRegion;
  const trimmed = value.trim();
  if (trimmed === '' || /^(none|disabled|off)$/i.test(trimmed)) return undefined;
  if (isSupportedRegion(trimmed)) return trimmed;
  throw new Error(`${source}: ${explainUnsupportedRegion(trimmed)} Use an empty value or "none" to disable Local Storage.`);
}
