/** Runs a block's attribute and config validators over a configuration value. */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import { isUnknown } from '../values/value';

export function validateConfig(block: BlockSchema, config: ObjectView): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    const value = config.get(name);
    if (value === null || isUnknown(value)) continue;
    for (const validator of attr.validators ?? []) diagnostics.push(...validator.validate(value, [name]));
  }
  for (const validator of block.configValidators ?? []) diagnostics.push(...validator.validate(config));
  return diagnostics;
}
