/** Validators for number attributes. */
import { errorDiag } from '../diagnostics';
import type { AttributeValidator } from './validator';

/** A whole number within [min, max]. */
export function integerBetween(attribute: string, min: number, max: number): AttributeValidator {
  return {
    description: `Must be a whole number from ${min} to ${max}.`,
    validate(value, path) {
      if (typeof value !== 'number') return [];
      if (Number.isInteger(value) && value >= min && value <= max) return [];
      return [errorDiag(`Invalid ${attribute}`, `${attribute} must be a whole number from ${min} to ${max} (got ${value}).`, path)];
    },
  };
}

/** A number within (0, max]. */
export function positiveAtMost(attribute: string, max: number, unit: string): AttributeValidator {
  return {
    description: `Must be greater than 0 and at most ${max} ${unit}.`,
    validate(value, path) {
      if (typeof value !== 'number') return [];
      if (value > 0 && value <= max) return [];
      return [errorDiag(`Invalid ${attribute}`, `${attribute} must be greater than 0 and at most ${max} ${unit} (got ${value}).`, path)];
    },
  };
}
