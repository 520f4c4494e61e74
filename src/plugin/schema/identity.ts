/**
 * Resource identity (protocol 5.9/6.9, Terraform 1.12+): a small object that
 * names one remote object, declared apart from the resource schema, versioned
 * on its own, and usable in `import { identity = {...} }` blocks.
 */
import { tfplugin6 } from '../protocol/generated/tfplugin6';
import type { CtyType, ObjectType } from '../values/cty-type';
import { typeToJsonBytes } from '../values/cty-type';
import type { ObjectView } from '../values/object-view';
import { sortedByName } from './attribute-order';

export interface IdentityAttributeSchema {
  type: CtyType;
  description: string;
  /** Must be given in an import-by-identity (otherwise optional for import). */
  requiredForImport?: boolean;
}

export interface IdentitySchema {
  version: number;
  attributes: Readonly<Record<string, IdentityAttributeSchema>>;
}

/** The view type of identities of `I` (declare the identity schema `satisfies IdentitySchema`). */
export type IdentityViewOf<I extends IdentitySchema> = ObjectView<{
  readonly [K in keyof I['attributes'] & string]: I['attributes'][K]['type'];
}>;

export function identityObjectType(schema: IdentitySchema): ObjectType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attr] of Object.entries(schema.attributes)) attributes[name] = attr.type;
  return { kind: 'object', attributes };
}

export function toTfpluginIdentitySchema(schema: IdentitySchema): tfplugin6.IResourceIdentitySchema {
  return {
    version: schema.version,
    identityAttributes: sortedByName(schema.attributes).map(([name, attr]) => ({
      name,
      type: typeToJsonBytes(attr.type),
      requiredForImport: attr.requiredForImport === true,
      optionalForImport: attr.requiredForImport !== true,
      description: attr.description,
    })),
  };
}
