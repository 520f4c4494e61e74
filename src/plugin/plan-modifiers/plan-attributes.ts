/**
 * The schema-driven part of PlanResourceChange, resource-independent:
 * defaults, write-only attributes, "computed and unset becomes unknown when
 * anything changes", then each attribute's plan modifiers. Resources refine
 * the result with what they can predict.
 */
import type { AttributePath } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import { ObjectView } from '../values/object-view';
import { isUnknown, UNKNOWN, valuesEqual, type Value } from '../values/value';

export interface AttributePlan<V = ObjectView> {
  planned: V;
  requiresReplace: AttributePath[];
  /** False when the plan equals the prior state (no update). */
  changed: boolean;
}

export function planAttributes(block: BlockSchema, prior: ObjectView | null, proposed: ObjectView, config: ObjectView): AttributePlan {
  const creating = prior === null || prior.isNullObject;
  const values: Record<string, Value> = {};
  for (const [name, attr] of Object.entries(block.attributes)) {
    let v = proposed.get(name);
    if (attr.writeOnly) v = null;
    else if (attr.default !== undefined && config.get(name) === null) v = attr.default;
    values[name] = v;
  }

  // Anything the user manages differs from state? Then unset computed values may change.
  const changed =
    creating || Object.entries(block.attributes).some(([name, attr]) => !attr.writeOnly && !valuesEqual(values[name], prior.get(name)));
  if (changed) {
    for (const [name, attr] of Object.entries(block.attributes)) {
      if (attr.computed && attr.default === undefined && config.get(name) === null) values[name] = UNKNOWN;
    }
  }

  const requiresReplace: AttributePath[] = [];
  for (const [name, attr] of Object.entries(block.attributes)) {
    for (const modifier of attr.planModifiers ?? []) {
      const result = modifier.modify({
        name,
        path: [name],
        config: config.get(name),
        prior: creating ? undefined : prior.get(name),
        planned: values[name],
      });
      if (result.planned !== undefined) values[name] = result.planned;
      if (result.requiresReplace && !requiresReplace.some((p) => p.length === 1 && p[0] === name)) requiresReplace.push([name]);
    }
  }
  const planned = new ObjectView(proposed.type, values);
  return {
    planned,
    requiresReplace,
    changed: creating || Object.keys(block.attributes).some((n) => isUnknown(values[n]) || !valuesEqual(values[n], prior.get(n))),
  };
}
