import { expect } from '@jest/globals';
import { encode, ExtData } from '@msgpack/msgpack';
import {
  decodeJson,
  decodeMsgpack,
  encodeJson,
  encodeMsgpack,
  isUnknown,
  record,
  t,
  typeToJson,
  UNKNOWN,
  type CtyType,
  type Value,
} from '../../src/plugin/values';

const everything = t.object({
  s: t.string,
  n: t.number,
  b: t.bool,
  ls: t.list(t.string),
  sn: t.set(t.number),
  mb: t.map(t.bool),
  o: t.object({ code: t.string, count: t.number }),
  lo: t.list(t.object({ code: t.string })),
});

function roundTrip(value: Value, type: CtyType): Value {
  const decoded = decodeMsgpack(encodeMsgpack(value, type), type);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.diagnostics));
  return decoded.value;
}

describe('msgpack DynamicValue codec', () => {
  it.each<[string, CtyType, Value]>([
    ['string', t.string, 'héllo ✓'],
    ['empty string', t.string, ''],
    ['integer', t.number, 42],
    ['negative float', t.number, -1.5],
    ['large integer', t.number, 2 ** 40],
    ['bool true', t.bool, true],
    ['bool false', t.bool, false],
    ['list', t.list(t.string), ['a', 'b']],
    ['empty list', t.list(t.string), []],
    ['set', t.set(t.number), [1, 2, 3]],
    ['map', t.map(t.bool), record({ a: true, b: false })],
    ['null string', t.string, null],
    ['null list', t.list(t.string), null],
    ['null object', everything, null],
  ])('round-trips %s', (_name, type, value) => {
    expect(roundTrip(value, type)).toEqual(value);
  });

  it('round-trips an object of every type with nulls and unknowns inside', () => {
    const value = record({
      s: 'x',
      n: UNKNOWN,
      b: null,
      ls: ['a', UNKNOWN, null],
      sn: UNKNOWN,
      mb: record({ k: UNKNOWN }),
      o: record({ code: 'BR', count: null }),
      lo: [record({ code: UNKNOWN })],
    });
    const back = roundTrip(value, everything) as Record<string, Value>;
    expect(back.s).toBe('x');
    expect(isUnknown(back.n)).toBe(true);
    expect(back.b).toBeNull();
    expect(isUnknown((back.ls as Value[])[1])).toBe(true);
    expect((back.ls as Value[])[2]).toBeNull();
    expect(isUnknown(back.sn)).toBe(true);
    expect(isUnknown((back.mb as Record<string, Value>).k)).toBe(true);
    expect(back.o).toEqual(record({ code: 'BR', count: null }));
    expect(isUnknown(((back.lo as Value[])[0] as Record<string, Value>).code)).toBe(true);
  });

  it('writes every object attribute, null for missing ones', () => {
    const bytes = encodeMsgpack(record({ s: 'only' }), everything);
    const decoded = decodeMsgpack(bytes, everything);
    expect(decoded.ok).toBe(true);
    expect(Object.keys((decoded as { value: Record<string, Value> }).value).sort()).toEqual(Object.keys(everything.attributes).sort());
  });

  it('writes unknown as the unrefined ext 0 (fixext1 d4 00 00)', () => {
    expect(Buffer.from(encodeMsgpack(UNKNOWN, t.string)).toString('hex')).toBe('d40000');
  });

  it('reads refined unknowns (ext 12) and any other extension as unknown', () => {
    const refined = encode(
      new ExtData(
        12,
        encode(
          new Map<number, unknown>([
            [1, false],
            [2, 'ab'],
          ]),
        ),
      ),
    );
    const r1 = decodeMsgpack(refined, t.string);
    expect(r1.ok && isUnknown(r1.value)).toBe(true);
    const other = decodeMsgpack(encode(new ExtData(5, Uint8Array.of(1, 2))), t.number);
    expect(other.ok && isUnknown(other.value)).toBe(true);
    const nested = decodeMsgpack(encode({ s: new ExtData(12, encode(new Map([[1, false]]))) }), t.object({ s: t.string }));
    expect(nested.ok && isUnknown((nested.value as Record<string, Value>).s)).toBe(true);
  });

  it('reads numbers sent as decimal strings', () => {
    const r = decodeMsgpack(encode('12345.5'), t.number);
    expect(r).toEqual({ ok: true, value: 12345.5 });
    const bad = decodeMsgpack(encode('12abc'), t.number);
    expect(bad.ok).toBe(false);
  });

  it('reports a wrong shape as a diagnostic at the attribute path', () => {
    const r = decodeMsgpack(encode({ s: 5, n: 1, b: true, ls: 'nope', sn: [], mb: {}, o: null, lo: [] }), everything, 'configuration');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.path)).toEqual([['s'], ['ls']]);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', detail: expect.stringContaining('expects string') });
  });

  it('reports attributes the schema does not declare', () => {
    const r = decodeMsgpack(encode({ s: 'a', extra: 1 }), t.object({ s: t.string }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0].path).toEqual(['extra']);
  });

  it.each<[string, Uint8Array | undefined]>([
    ['empty input', new Uint8Array()],
    ['absent input', undefined],
    ['truncated map', Uint8Array.of(0x82, 0xa1, 0x73)],
    ['reserved byte 0xc1', Uint8Array.of(0xc1)],
    ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256)],
    ['__proto__ key', encode({ ['__proto__']: 1 })],
    ['map with non-string keys', Uint8Array.of(0x81, 0x93, 0x01, 0x02, 0x03, 0x01)],
  ])('turns garbage (%s) into a diagnostic instead of throwing', (_name, bytes) => {
    const r = decodeMsgpack(bytes, everything);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0].severity).toBe('error');
  });

  it('keeps wire keys as plain data (no prototype tricks)', () => {
    const r = decodeMsgpack(encode({ constructor: true, toString: false }), t.map(t.bool));
    expect(r.ok).toBe(true);
    const value = (r as { value: Record<string, Value> }).value;
    expect(value.constructor).toBe(true);
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it('refuses to encode a value of the wrong type (a provider bug) loudly', () => {
    expect(() => encodeMsgpack(record({ s: 5 }), t.object({ s: t.string }))).toThrow(/provider bug/);
  });
});

describe('JSON DynamicValue codec', () => {
  it('round-trips known values', () => {
    const value = record({
      s: 'x',
      n: 3,
      b: false,
      ls: ['a'],
      sn: [1],
      mb: record({ k: true }),
      o: record({ code: 'IN', count: 2 }),
      lo: [],
    });
    const back = decodeJson(encodeJson(value, everything), everything);
    expect(back).toEqual({ ok: true, value });
  });

  it('ignores undeclared attributes only when asked (state of another schema version)', () => {
    const json = '{"s":"a","gone":1}';
    const type = t.object({ s: t.string });
    expect(decodeJson(json, type).ok).toBe(false);
    expect(decodeJson(json, type, { ignoreUndefinedAttributes: true })).toEqual({ ok: true, value: record({ s: 'a' }) });
  });

  it.each(['', '{', '[1,2', '{"s": 1}', 'null x'])('turns bad JSON %p into a diagnostic', (text) => {
    const r = decodeJson(text, t.object({ s: t.string }));
    expect(r.ok).toBe(false);
  });
});

describe('cty type JSON', () => {
  it("matches Terraform's compact form", () => {
    expect(typeToJson(t.string)).toBe('string');
    expect(typeToJson(t.list(t.object({ code: t.string, area: t.string })))).toEqual([
      'list',
      ['object', { area: 'string', code: 'string' }],
    ]);
    expect(typeToJson(t.map(t.set(t.number)))).toEqual(['map', ['set', 'number']]);
  });
});
