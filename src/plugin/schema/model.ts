/**
 * Schemas as protocol-neutral data, in the manner of terraform-plugin-framework:
 * every attribute declares its type, flags, a Markdown description, and the
 * small named behaviours (validators, plan modifiers, a default) that apply to
 * it. `to-tfplugin.ts` turns these into protocol messages in one place; docs
 * and CDKTF doc comments read the same descriptions.
 *
 * Only plain attributes (no nested attribute types): protocol 5 cannot carry them.
 */
import type { ObjectType } from '../values/cty-type';
import { ObjectView } from '../values/object-view';
import type { CollectionType, CtyType } from '../values/cty-type';
import type { Value } from '../values/value';
import type { AttributeValidator, ConfigValidator } from '../validators/validator';
import type { PlanModifier } from '../plan-modifiers/plan-modifier';

/** What every attribute declares, whatever its type. */
interface AttributeSchemaBase {
  /** Markdown; shown by editors, the registry docs and CDKTF doc comments. */
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** Accepted in configuration, never persisted in plan or state (Terraform 1.11+, OpenTofu 1.11+). */
  writeOnly?: boolean;
  /** Deprecation message; presence marks the attribute deprecated. */
  deprecated?: string;
  /** Environment variable read when the (provider) attribute is not configured. */
  envVar?: string;
  /** Value planned when the configuration leaves the attribute null (needs optional + computed). */
  default?: Value;
  planModifiers?: readonly PlanModifier[];
}

/** An attribute of cty type T whose validators check values of type V. */
interface AttributeSchemaOf<T extends CtyType, V extends Exclude<Value, null>> extends AttributeSchemaBase {
  type: T;
  validators?: readonly AttributeValidator<V>[];
}

/** An attribute: its type decides which validators fit (a number validator on a string attribute does not compile). */
export type AttributeSchema =
  | AttributeSchemaOf<'string', string>
  | AttributeSchemaOf<'number', number>
  | AttributeSchemaOf<'bool', boolean>
  | AttributeSchemaOf<CollectionType | ObjectType, Exclude<Value, null>>;

export type AttributeMap = Readonly<Record<string, AttributeSchema>>;

export interface BlockSchema<A extends AttributeMap = AttributeMap> {
  /** Schema version of stored state (resources only). */
  version: number;
  /** Markdown description of the resource, data source or provider. */
  description: string;
  attributes: A;
  /** Rules across attributes (e.g. "exactly one of"). */
  configValidators?: readonly ConfigValidator[];
}

/**
 * The view type of values of `B`: declare a schema `satisfies BlockSchema` (not `: BlockSchema`)
 * and `ViewOf<typeof schema>` knows every attribute's name and type.
 */
export type ViewOf<B extends BlockSchema> = ObjectView<AttributeTypesOf<B['attributes']>>;

/** Attribute name -> cty type of an attribute map (what ObjectView is typed by). */
export type AttributeTypesOf<A extends AttributeMap> = { readonly [K in keyof A & string]: A[K]['type'] };

/** A view of `value` (null: no object) typed by `block`'s attributes. */
export function viewOf<B extends BlockSchema>(block: B, value: Value): ViewOf<B> {
  return new ObjectView<AttributeTypesOf<B['attributes']>>(objectTypeOf(block), value);
}

/** The attribute names of `block`, typed as its views take them. */
export function attributeNames<B extends BlockSchema>(block: B): (keyof B['attributes'] & string)[] {
  return Object.keys(block.attributes).filter((name): name is keyof B['attributes'] & string => name in block.attributes);
}

/** The cty object type values of this block have. */
export function objectTypeOf(block: BlockSchema): ObjectType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attr] of Object.entries(block.attributes)) attributes[name] = attr.type;
  return { kind: 'object', attributes };
}

/** Consistency checks a schema must pass; run by the unit tests so a bad flag combination never ships. */
export function schemaProblems(block: BlockSchema): string[] {
  const problems: string[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.description.trim()) problems.push(`${name}: missing description`);
    if (!a.required && !a.optional && !a.computed) problems.push(`${name}: must be required, optional or computed`);
    if (a.required && (a.optional || a.computed)) problems.push(`${name}: required excludes optional/computed`);
    if (a.default !== undefined && !(a.optional && a.computed)) problems.push(`${name}: a default needs optional + computed`);
    if (a.writeOnly && (a.computed || a.required)) problems.push(`${name}: write-only attributes must be optional, not computed`);
    if (a.validators?.length && !a.required && !a.optional) problems.push(`${name}: validators on a computed-only attribute never run`);
  }
  return problems;
}

/**
 * The attributes whose values are secret: those marked sensitive and those that are
 * write-only (never persisted, so typically a secret the user keeps elsewhere).
 * The server masks their decoded values in every log line and diagnostic.
 */
export function secretAttributeNames(block: BlockSchema): string[] {
  return Object.entries(block.attributes)
    .filter(([, a]) => a.sensitive === true || a.writeOnly === true)
    .map(([name]) => name);
}
