/** The recurring plan modifiers. */
import { isUnknown, valuesEqual } from '../values/value';
import type { PlanModifier } from './plan-modifier';

/** Changing the attribute destroys and re-creates the resource. */
export function requiresReplace(): PlanModifier {
  return {
    modify({ prior, planned }) {
      if (prior === undefined) return {};
      return valuesEqual(prior, planned) ? {} : { requiresReplace: true };
    },
  };
}

/**
 * A computed value that does not change once known: keep the prior state's
 * value instead of showing "(known after apply)" on every update.
 */
export function useStateForUnknown(): PlanModifier {
  return {
    modify({ prior, planned }) {
      if (prior === undefined || prior === null || !isUnknown(planned)) return {};
      return { planned: prior };
    },
  };
}
