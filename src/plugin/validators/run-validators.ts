/** Runs a block's attribute and config validators over a configuration value. */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import { isUnknown } from '../values/value';
import type { AttributeValidator } from './validator';

export function validateConfig(block: BlockSchema, config: ObjectView): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const value = config.get(name);
    if (value === null || isUnknown(value)) continue;
    // Decoding against the schema gave the value the attribute's type, which its validators take.
    const validators = (attr.validators ?? []) as readonly AttributeValidator[];
    for (const validator of validators) diagnostics.push(...validator.validate(value, [name]));
  }
  for (const validator of block.configValidators ?? []) diagnostics.push(...validator.validate(config));
  return diagnostics;
}
