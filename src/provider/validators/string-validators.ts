/** Validators for string attributes. */
import { explainInvalidGraphId } from '../../cloud-api/ids';
import { parseApiVersion } from '../../cloud-api/api-version';
import { explainUnsupportedRegion, SUPPORTED_REGIONS } from '../../storage/regions';
import { errorDiag } from '../diagnostics';
import type { AttributeValidator } from './validator';

function stringValidator(description: string, check: (value: string) => { summary: string; detail: string } | undefined): AttributeValidator {
  return {
    description,
    validate(value, path) {
      if (typeof value !== 'string') return [];
      const problem = check(value);
      return problem ? [errorDiag(problem.summary, problem.detail, path)] : [];
    },
  };
}

/** A Graph object id (digits only); stops `123/../me` style path tricks before any request. */
export function graphId(attribute: string): AttributeValidator {
  return stringValidator('Must contain only digits (a Graph object id).', (value) => {
    const problem = explainInvalidGraphId(value, attribute);
    return problem ? { summary: `Invalid ${attribute}`, detail: problem } : undefined;
  });
}

/** One of the Local Storage region codes, with a "did you mean" hint for near misses. */
export function localStorageRegion(): AttributeValidator {
  const codes = SUPPORTED_REGIONS.map((r) => `\`${r.code}\``).join(', ');
  return stringValidator(`Must be one of ${codes}.`, (value) => {
    const problem = explainUnsupportedRegion(value);
    return problem ? { summary: 'Unsupported data_localization_region', detail: problem } : undefined;
  });
}

/**
 * Exactly `length` digits. The value is a secret: the message says what is
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

/** Digits only, any length within bounds (one-time verification codes). */
export function digitsBetween(attribute: string, min: number, max: number, what: string): AttributeValidator {
  const pattern = new RegExp(`^[0-9]{${min},${max}}$`);
  return stringValidator(`Must be ${min} to ${max} digits.`, (value) =>
    pattern.test(value)
      ? undefined
      : { summary: `Invalid ${attribute}`, detail: `${attribute} must be ${what}: ${min} to ${max} digits, nothing else.` },
  );
}

export function graphApiVersion(): AttributeValidator {
  return stringValidator('Must be a Graph API version such as `v21.0`.', (value) => {
    try {
      parseApiVersion(value);
      return undefined;
    } catch (err) {
      return { summary: 'Invalid api_version', detail: (err as Error).message };
    }
  });
}

export function httpUrl(attribute: string): AttributeValidator {
  return stringValidator('Must be an absolute `http://` or `https://` URL.', (value) => {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password) return undefined;
    return {
      summary: `Invalid ${attribute}`,
      detail: `${attribute} must be an absolute http:// or https:// URL without credentials, for example "https://graph.facebook.com" or "http://127.0.0.1:8787".`,
    };
  });
}
