/**
 * Validators are small named checks attached to attributes in the schema.
 * They run only on known, non-null values (null is "not set"; unknown is
 * checked at apply) and report at the attribute's path.
 */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { ObjectView } from '../values/object-view';
import type { Value } from '../values/value';

export interface AttributeValidator {
  /** Markdown sentence for docs: "Must contain only digits." */
  readonly description: string;
  validate(value: Exclude<Value, null>, path: AttributePath): Diagnostic[];
}

/** A rule that spans attributes of one object (config). */
export interface ConfigValidator {
  readonly description: string;
  validate(config: ObjectView): Diagnostic[];
}
