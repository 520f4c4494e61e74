/**
 * The one place schema data becomes protocol messages (tfplugin6; the
 * protocol-5 server maps the same shapes onto tfplugin5).
 */
import { tfplugin6 } from '../protocol/generated/tfplugin6';
import { typeToJsonBytes } from '../values/cty-type';
import type { AttributeSchema, BlockSchema } from './model';
import { sortedByName } from './attribute-order';

export function toTfpluginSchema(block: BlockSchema): tfplugin6.ISchema {
  return {
    version: block.version,
    block: {
      version: block.version,
      description: block.description,
      descriptionKind: tfplugin6.StringKind.MARKDOWN,
      attributes: sortedByName(block.attributes).map(([name, attr]) => toTfpluginAttribute(name, attr)),
      blockTypes: [],
    },
  };
}

function toTfpluginAttribute(name: string, attr: AttributeSchema): tfplugin6.Schema.IAttribute {
  return {
    name,
    type: typeToJsonBytes(attr.type),
    description: attr.description,
    descriptionKind: tfplugin6.StringKind.MARKDOWN,
    required: attr.required ?? false,
    optional: attr.optional ?? false,
    computed: attr.computed ?? false,
    sensitive: attr.sensitive ?? false,
    writeOnly: attr.writeOnly ?? false,
    deprecated: attr.deprecated !== undefined,
    deprecationMessage: attr.deprecated ?? '',
  };
}
