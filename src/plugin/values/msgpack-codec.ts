/**
 * DynamicValue's msgpack form, driven by the schema type (see
 * docs/plugin-protocol/object-wire-format.md): null <-> nil, unknown <-> any
 * extension (we write ext 0, the unrefined form, and read ext 12 refinements
 * as plain unknown), numbers as msgpack int/float or a decimal string.
 * Decoding never throws: malformed bytes or a value of the wrong shape become
 * an error diagnostic at the offending path.
 */
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import type { AttributePath, Diagnostic } from '../diagnostics';
import { errorDiag } from '../diagnostics';
import type { CtyType } from './cty-type';
import { describeType } from './cty-type';
import { isUnknown, record, UNKNOWN, type Value } from './value';

export type DecodeResult = { ok: true; value: Value } | { ok: false; diagnostics: Diagnostic[] };

/** Unrefined unknown: fixext1, type 0, one zero byte (what cty writes). */
const UNKNOWN_EXT = new ExtData(0, Uint8Array.of(0));

// One encoder and one decoder per process: msgpack's encode()/decode() functions build both
// (with their buffers and key cache) on every call, a cost paid per attribute value per RPC.
// Both are safe to reuse (a nested call gets a clone); encode() returns a copy.
const encoder = new Encoder({ ignoreUndefined: false });
const decoder = new Decoder();

export function encodeMsgpack(value: Value, type: CtyType): Uint8Array {
  return encoder.encode(toWire(value, type, []));
}

export function decodeMsgpack(bytes: Uint8Array | null | undefined, type: CtyType, what = 'value'): DecodeResult {
  if (!bytes || bytes.length === 0) {
    return fail([], `The ${what} arrived empty: expected msgpack data.`);
  }
  let raw: unknown;
  try {
    raw = decoder.decode(bytes);
  } catch (err) {
    return fail([], `The ${what} is not valid msgpack (${(err as Error).message}).`);
  }
  const problems: Diagnostic[] = [];
  const value = fromWire(raw, type, [], problems, what);
  return problems.length ? { ok: false, diagnostics: problems } : { ok: true, value };
}

function fail(path: AttributePath, detail: string): DecodeResult {
  return { ok: false, diagnostics: [errorDiag('Invalid value from Terraform', detail, path.length ? path : undefined)] };
}

// --- encode -----------------------------------------------------------------

function toWire(value: Value, type: CtyType, path: AttributePath): unknown {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) return UNKNOWN_EXT;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw encodeError(path, type, value);
        return value;
      case 'bool':
        if (typeof value !== 'boolean') throw encodeError(path, type, value);
        return value;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw encodeError(path, type, value);
        return value;
    }
  }
  if (type.kind === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) throw encodeError(path, type, value);
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(type.attributes)) {
      out[name] = toWire(value[name] ?? null, type.attributes[name], [...path, name]);
    }
    return out;
  }
  if (type.kind === 'map') {
    if (typeof value !== 'object' || Array.isArray(value)) throw encodeError(path, type, value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toWire(v, type.element, [...path, { key: k }]);
    return out;
  }
  if (!Array.isArray(value)) throw encodeError(path, type, value);
  return value.map((item, index) => toWire(item, type.element, [...path, { index }]));
}

/** Encoding our own values wrongly is a provider bug: fail loudly with the path. */
function encodeError(path: AttributePath, type: CtyType, value: unknown): Error {
  return new Error(`provider bug: value at ${JSON.stringify(path)} is ${typeof value}, schema says ${describeType(type)}`);
}

// --- decode -----------------------------------------------------------------

function fromWire(raw: unknown, type: CtyType, path: AttributePath, problems: Diagnostic[], what: string): Value {
  if (raw === null || raw === undefined) return null;
  // Any extension code is an unknown (ext 12 carries refinements we may ignore);
  // the library's built-in timestamp extension (-1) surfaces as a Date.
  if (raw instanceof ExtData || raw instanceof Date) return UNKNOWN;
  const mismatch = (): Value => {
    problems.push(
      errorDiag(
        'Invalid value from Terraform',
        `The ${what} holds ${describeRaw(raw)} where the schema expects ${describeType(type)}.`,
        path.length ? path : undefined,
      ),
    );
    return null;
  };
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof raw === 'string') return raw;
        if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
        return mismatch();
      case 'bool':
        return typeof raw === 'boolean' ? raw : mismatch();
      case 'number':
        return decodeNumber(raw) ?? mismatch();
    }
  }
  if (type.kind === 'object') {
    if (!isPlainMap(raw)) return mismatch();
    const out = record();
    for (const [name, attrType] of Object.entries(type.attributes)) {
      // A missing attribute reads as null: older engines omit attributes they do not know.
      out[name] = fromWire(raw[name], attrType, [...path, name], problems, what);
    }
    for (const name of Object.keys(raw)) {
      if (!(name in type.attributes)) {
        problems.push(
          errorDiag('Invalid value from Terraform', `The ${what} has an attribute "${name}" the schema does not declare.`, [...path, name]),
        );
      }
    }
    return out;
  }
  if (type.kind === 'map') {
    if (!isPlainMap(raw)) return mismatch();
    const out = record();
    for (const [k, v] of Object.entries(raw)) out[k] = fromWire(v, type.element, [...path, { key: k }], problems, what);
    return out;
  }
  if (!Array.isArray(raw)) return mismatch();
  return raw.map((item, index) => fromWire(item, type.element, [...path, { index }], problems, what));
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** int, float, bigint or a decimal string (cty's form for numbers beyond float64). */
export function decodeNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'string' && DECIMAL.test(raw.trim())) {
    const n = Number(raw.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function isPlainMap(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Uint8Array);
}

/** What we got, without echoing its content (it may be a secret). */
function describeRaw(raw: unknown): string {
  if (Array.isArray(raw)) return 'an array';
  if (raw instanceof Uint8Array) return 'binary data';
  if (typeof raw === 'object') return 'a map';
  return `a ${typeof raw}`;
}
