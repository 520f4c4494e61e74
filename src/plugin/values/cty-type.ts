/**
 * The subset of cty's type system our schemas use: the primitives and the
 * collection/structural types built from them. Terraform describes each
 * attribute's type as compact JSON (`"string"`, `["list","string"]`,
 * `["object",{"a":"string"}]`); `typeToJson` produces exactly that.
 */
export type PrimitiveType = 'string' | 'number' | 'bool';

export interface CollectionType {
  kind: 'list' | 'set' | 'map';
  element: CtyType;
}

export interface ObjectType {
  kind: 'object';
  attributes: Readonly<Record<string, CtyType>>;
}

export type CtyType = PrimitiveType | CollectionType | ObjectType;

/** Constructors that read like the type they build: `t.list(t.string)`. */
export const t = {
  string: 'string' as const,
  number: 'number' as const,
  bool: 'bool' as const,
  list: (element: CtyType): CollectionType => ({ kind: 'list', element }),
  set: (element: CtyType): CollectionType => ({ kind: 'set', element }),
  map: (element: CtyType): CollectionType => ({ kind: 'map', element }),
  object: (attributes: Record<string, CtyType>): ObjectType => ({ kind: 'object', attributes }),
};

export type TypeJson = string | [string, TypeJson | Record<string, TypeJson>];

/** The compact JSON form Terraform expects in `Schema.Attribute.type`. */
export function typeToJson(type: CtyType): TypeJson {
  if (typeof type === 'string') return type;
  if (type.kind === 'object') {
    const attrs: Record<string, TypeJson> = {};
    for (const name of Object.keys(type.attributes).sort()) attrs[name] = typeToJson(type.attributes[name]);
    return ['object', attrs];
  }
  return [type.kind, typeToJson(type.element)];
}

/** `typeToJson` as the UTF-8 bytes that go into the protobuf `type` field. */
export function typeToJsonBytes(type: CtyType): Uint8Array {
  return Buffer.from(JSON.stringify(typeToJson(type)), 'utf8');
}

/** Human name for diagnostics: "list of string", "object". */
export function describeType(type: CtyType): string {
  if (typeof type === 'string') return type;
  if (type.kind === 'object') return 'object';
  return `${type.kind} of ${describeType(type.element)}`;
}
