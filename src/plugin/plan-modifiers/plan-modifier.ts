/**
 * Plan modifiers: small named rules that adjust one attribute's planned value
 * (or ask for replacement), attached to attributes in the schema, as in
 * terraform-plugin-framework.
 */
import type { AttributePath } from '../diagnostics';
import type { Value } from '../values/value';

export interface PlanModifierRequest {
  name: string;
  path: AttributePath;
  /** The attribute in configuration. */
  config: Value;
  /** The attribute in prior state; undefined when the resource is being created. */
  prior: Value | undefined;
  /** The planned value so far. */
  planned: Value;
}

export interface PlanModifierResult {
  planned?: Value;
  requiresReplace?: boolean;
}

export interface PlanModifier {
  modify(request: PlanModifierRequest): PlanModifierResult;
}
