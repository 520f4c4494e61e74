/**
 * A typed view of an object value (a resource's config, plan or state), so
 * resource code reads `view.string('pin')` instead of poking at records and
 * re-checking null/unknown everywhere. A view made from a schema declared with
 * `satisfies BlockSchema` (see ViewOf in ../schema/model.ts) knows its attribute
 * names and types: reading a name the schema lacks, or a string attribute as a
 * number, does not compile.
 */
import type { CtyType, ObjectType } from './cty-type';
import { isUnknown, record, type Value, type ValueRecord } from './value';

/** An attribute as resource code sees it. */
export type Attr<T> = { state: 'known'; value: T } | { state: 'null' } | { state: 'unknown' };

/** Attribute name -> cty type: what a view is typed by. */
export type AttributeTypes = Readonly<Record<string, CtyType>>;

/**
 * The names in `S` whose type may be `T` (every name of an untyped view, whose types are all CtyType).
 * Written as the keys of a remapped type rather than an indexed access: TypeScript then compares views
 * structurally, so a typed view passes where an untyped one is expected (the server's side) and back,
 * while views of two different schemas stay apart.
 */
export type NamesOfType<S extends AttributeTypes, T extends CtyType> = keyof {
  [K in keyof S & string as T extends S[K] ? K : never]: K;
} &
  string;

export class ObjectView<S extends AttributeTypes = AttributeTypes> {
  readonly values: ValueRecord;

  constructor(
    readonly type: ObjectType,
    /** The whole object; null for "no object" (create's prior state, destroy's plan). */
    value: Value,
  ) {
    this.isNullObject = value === null || value === undefined;
    this.isUnknownObject = isUnknown(value);
    const rec = record();
    if (!this.isNullObject && !this.isUnknownObject && typeof value === 'object' && !Array.isArray(value)) {
      for (const name of Object.keys(type.attributes)) rec[name] = (value as ValueRecord)[name] ?? null;
    } else {
      const fill = this.isUnknownObject ? value : null;
      for (const name of Object.keys(type.attributes)) rec[name] = fill;
    }
    this.values = rec;
  }

  readonly isNullObject: boolean;
  readonly isUnknownObject: boolean;

  get(name: keyof S & string): Value {
    this.check(name);
    return this.values[name];
  }

  isNull(name: keyof S & string): boolean {
    return this.get(name) === null;
  }

  isUnknown(name: keyof S & string): boolean {
    return isUnknown(this.get(name));
  }

  string(name: NamesOfType<S, 'string'>): Attr<string> {
    return this.attr(name, (v): v is string => typeof v === 'string');
  }

  number(name: NamesOfType<S, 'number'>): Attr<number> {
    return this.attr(name, (v): v is number => typeof v === 'number');
  }

  bool(name: NamesOfType<S, 'bool'>): Attr<boolean> {
    return this.attr(name, (v): v is boolean => typeof v === 'boolean');
  }

  /** The known string, or undefined when null or unknown. */
  knownString(name: NamesOfType<S, 'string'>): string | undefined {
    const a = this.string(name);
    return a.state === 'known' ? a.value : undefined;
  }

  knownNumber(name: NamesOfType<S, 'number'>): number | undefined {
    const a = this.number(name);
    return a.state === 'known' ? a.value : undefined;
  }

  knownBool(name: NamesOfType<S, 'bool'>): boolean | undefined {
    const a = this.bool(name);
    return a.state === 'known' ? a.value : undefined;
  }

  /** A copy with some attributes replaced: the way plans and new states are built. */
  with(changes: Partial<Record<keyof S & string, Value>>): ObjectView<S> {
    const next = record(this.values);
    for (const [k, v] of Object.entries(changes) as [string, Value][]) {
      this.check(k);
      next[k] = v;
    }
    return new ObjectView<S>(this.type, next);
  }

  /** The record to encode (null when this view is of a null object). */
  toValue(): Value {
    return this.isNullObject ? null : record(this.values);
  }

  private attr<T>(name: string, guard: (v: Value) => v is T & Value): Attr<T> {
    const v = this.get(name);
    if (v === null) return { state: 'null' };
    if (isUnknown(v)) return { state: 'unknown' };
    if (!guard(v)) throw new Error(`provider bug: attribute ${name} has an unexpected type`);
    return { state: 'known', value: v };
  }

  private check(name: string): void {
    if (!(name in this.type.attributes)) throw new Error(`provider bug: no attribute "${name}" in this schema`);
  }
}
