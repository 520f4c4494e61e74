/** Building blocks for string attribute validators (provider-neutral). */
import { errorDiag } from '../diagnostics';
import type { AttributeValidator } from './validator';

/** A validator that checks known string values only (null and unknown pass; Required is checked elsewhere). */
export function stringValidator(description: string, check: (value: string) => { summary: string; detail: string } | undefined): AttributeValidator {
  return {
    description,
    validate(value, path) {
      if (typeof value !== 'string') return [];
      const problem = check(value);
      return problem ? [errorDiag(problem.summary, problem.detail, path)] : [];
    },
  };
}

/**
 * Exactly `length` digits. The value may be a secret: the message says what is
 * wrong with its shape, never what it is.
 */
export function digitsOfLength(attribute: string, length: number, what: string): AttributeValidator {
  const pattern = new RegExp(`^[0-9]{${length}}$`);
  return stringValidator(`Must be exactly ${length} digits.`, (value) => {
    if (pattern.test(value)) return undefined;
    const shape = /^[0-9]*$/.test(value) ? `${value.length} digits` : 'characters other than digits';
    return { summary: `Invalid ${attribute}`, detail: `${attribute} must be ${what} of exactly ${length} digits; the configured value has ${shape}.` };
  });
}
