/**
 * Validators are small named checks attached to attributes in the schema.
 * They run only on known, non-null values (null is "not set"; unknown is
 * checked at apply) and report at the attribute's path.
 */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { AttributeTypes, ObjectView } from '../values/object-view';
import type { Value } from '../values/value';

/**
 * A check of one attribute's known values of type V: a validator for numbers does not fit a
 * string attribute (the schema's attribute types say which V each attribute takes). The path
 * comes from the server, so a message names the attribute without the schema repeating it.
 */
export interface AttributeValidator<V extends Exclude<Value, null> = Exclude<Value, null>> {
  validate(value: V, path: AttributePath): Diagnostic[];
}

/** The attribute a path names, for messages ("pin", "retention_minutes"). */
export function attributeName(path: AttributePath): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : 'value';
}

/** A rule that spans attributes of one object (config); `S` names the attributes it reads. */
export interface ConfigValidator<S extends AttributeTypes = AttributeTypes> {
  validate(config: ObjectView<S>): Diagnostic[];
}
