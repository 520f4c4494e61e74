/**
 * DynamicValue's JSON form: raw state in UpgradeResourceState and the
 * fallback when an engine fills `json` instead of `msgpack`. JSON cannot carry
 * unknowns. Like the msgpack codec, it reports problems as diagnostics.
 */
import type { AttributePath, Diagnostic } from '../diagnostics';
import { errorDiag } from '../diagnostics';
import type { CtyType } from './cty-type';
import { describeType } from './cty-type';
import type { DecodeResult } from './msgpack-codec';
import { decodeNumber } from './msgpack-codec';
import { isUnknown, record, type Value } from './value';

export interface JsonDecodeOptions {
  /** Drop object attributes the type does not declare (state written by another schema version). */
  ignoreUndefinedAttributes?: boolean;
  what?: string;
}

export function decodeJson(bytes: Uint8Array | string | null | undefined, type: CtyType, options: JsonDecodeOptions = {}): DecodeResult {
  const what = options.what ?? 'value';
  const text = typeof bytes === 'string' ? bytes : bytes ? Buffer.from(bytes).toString('utf8') : '';
  if (text.trim() === '')
    return { ok: false, diagnostics: [errorDiag('Invalid value from Terraform', `The ${what} arrived empty: expected JSON.`)] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      diagnostics: [errorDiag('Invalid value from Terraform', `The ${what} is not valid JSON (${(err as Error).message}).`)],
    };
  }
  return decodeJsonValue(raw, type, options);
}

/** Type-directed conversion of an already parsed JSON value. */
export function decodeJsonValue(raw: unknown, type: CtyType, options: JsonDecodeOptions = {}): DecodeResult {
  const problems: Diagnostic[] = [];
  const value = fromJson(raw, type, [], problems, options);
  return problems.length ? { ok: false, diagnostics: problems } : { ok: true, value };
}

export function encodeJson(value: Value, type: CtyType): string {
  return JSON.stringify(toJson(value, type));
}

function toJson(value: Value, type: CtyType): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) throw new Error('provider bug: JSON cannot represent an unknown value');
  if (typeof type === 'string') return value;
  if (type.kind === 'object' || type.kind === 'map') {
    const obj = value as Record<string, Value>;
    const out: Record<string, unknown> = {};
    const names = type.kind === 'object' ? Object.keys(type.attributes) : Object.keys(obj);
    for (const name of names) out[name] = toJson(obj[name] ?? null, type.kind === 'object' ? type.attributes[name] : type.element);
    return out;
  }
  return (value as Value[]).map((item) => toJson(item, type.element));
}

function fromJson(raw: unknown, type: CtyType, path: AttributePath, problems: Diagnostic[], options: JsonDecodeOptions): Value {
  if (raw === null || raw === undefined) return null;
  const what = options.what ?? 'value';
  const mismatch = (): Value => {
    const got = Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
    problems.push(
      errorDiag(
        'Invalid value from Terraform',
        `The ${what} holds ${got} where the schema expects ${describeType(type)}.`,
        path.length ? path : undefined,
      ),
    );
    return null;
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof raw === 'string' ? raw : mismatch();
      case 'bool':
        return typeof raw === 'boolean' ? raw : mismatch();
      case 'number':
        return decodeNumber(raw) ?? mismatch();
    }
  }
  const isObject = typeof raw === 'object' && !Array.isArray(raw);
  if (type.kind === 'object') {
    if (!isObject) return mismatch();
    const obj = raw as Record<string, unknown>;
    const out = record();
    for (const [name, attrType] of Object.entries(type.attributes))
      out[name] = fromJson(obj[name], attrType, [...path, name], problems, options);
    if (!options.ignoreUndefinedAttributes) {
      for (const name of Object.keys(obj)) {
        if (!(name in type.attributes))
          problems.push(
            errorDiag('Invalid value from Terraform', `The ${what} has an attribute "${name}" the schema does not declare.`, [
              ...path,
              name,
            ]),
          );
      }
    }
    return out;
  }
  if (type.kind === 'map') {
    if (!isObject) return mismatch();
    const out = record();
    for (const [k, v] of Object.entries(raw as Record<string, unknown>))
      out[k] = fromJson(v, type.element, [...path, { key: k }], problems, options);
    return out;
  }
  if (!Array.isArray(raw)) return mismatch();
  return raw.map((item, index) => fromJson(item, type.element, [...path, { index }], problems, options));
}
