/**
 * In-memory values, shaped by a CtyType:
 *  - null is JS `null`; unknown is the `UNKNOWN` marker (refinements are ignored,
 *    which the wire format allows);
 *  - string/bool are JS primitives; numbers are JS numbers (our schema only holds
 *    small counts and seconds, so float64 is exact for every value we accept);
 *  - list/set are arrays; map/object are null-prototype records (keys from the
 *    wire can never touch Object.prototype).
 */
export class UnknownValue {
  private readonly brand = 'unknown';
  toString(): string {
    return '(unknown)';
  }
  toJSON(): string {
    return '(unknown)';
  }
}

/** The one unknown value. Compare with `isUnknown`. */
export const UNKNOWN: UnknownValue = new UnknownValue();
Object.freeze(UNKNOWN);

export type Value = null | UnknownValue | string | number | boolean | Value[] | ValueRecord;

export interface ValueRecord {
  [key: string]: Value;
}

export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}

export function isNull(value: Value | undefined): value is null | undefined {
  return value === null || value === undefined;
}

/** Known and not null. */
export function isKnown<T extends Value>(value: T | undefined): value is Exclude<T, null | UnknownValue> {
  return value !== null && value !== undefined && !isUnknown(value);
}

/** A null-prototype record, so wire keys like "constructor" are plain data. */
export function record(entries?: Record<string, Value>): ValueRecord {
  const out = Object.create(null) as ValueRecord;
  if (entries) for (const [k, v] of Object.entries(entries)) out[k] = v;
  return out;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsUnknown);
  return false;
}

/** Deep equality of two values (unknown equals unknown; sets compared in order). */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isUnknown(a) || isUnknown(b)) return isUnknown(a) && isUnknown(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!valuesEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}
