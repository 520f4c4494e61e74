/** Building blocks for string attribute validators (provider-neutral). */
import { errorDiag } from '../diagnostics';
import { attributeName, type AttributeValidator } from './validator';

/** A validator that checks known string values only (null and unknown pass; Required is checked elsewhere). */
export function stringValidator(
  check: (value: string, attribute: string) => { summary: string; detail: string } | undefined,
): AttributeValidator<string> {
  return {
    validate(value, path) {
      const problem = check(value, attributeName(path));
      return problem ? [errorDiag(problem.summary, problem.detail, path)] : [];
    },
  };
}

/**
 * Exactly `length` digits. The value may be a secret: the message says what is
 * wrong with its shape, never what it is.
 */
export function digitsOfLength(length: number, what: string): AttributeValidator<string> {
  const pattern = new RegExp(`^[0-9]{${length}}$`);
  return stringValidator((value, attribute) => {
    if (pattern.test(value)) return undefined;
    const shape = /^[0-9]*$/.test(value) ? `${value.length} digits` : 'characters other than digits';
    return {
      summary: `Invalid ${attribute}`,
      detail: `${attribute} must be ${what} of exactly ${length} digits; the configured value has ${shape}.`,
    };
  });
}
