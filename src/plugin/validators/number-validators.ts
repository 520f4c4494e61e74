/** Validators for number attributes. */
import { errorDiag } from '../diagnostics';
import { attributeName, type AttributeValidator } from './validator';

/** A whole number within [min, max]. */
export function integerBetween(min: number, max: number): AttributeValidator<number> {
  return {
    validate(value, path) {
      const attribute = attributeName(path);
      if (Number.isInteger(value) && value >= min && value <= max) return [];
      return [errorDiag(`Invalid ${attribute}`, `${attribute} must be a whole number from ${min} to ${max} (got ${value}).`, path)];
    },
  };
}

/** A number within (0, max]. */
export function positiveAtMost(max: number, unit: string): AttributeValidator<number> {
  return {
    validate(value, path) {
      const attribute = attributeName(path);
      if (value > 0 && value <= max) return [];
      return [errorDiag(`Invalid ${attribute}`, `${attribute} must be greater than 0 and at most ${max} ${unit} (got ${value}).`, path)];
    },
  };
}
