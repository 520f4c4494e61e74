/** Validators for the WhatsApp provider's own string attributes (ids, regions, versions, URLs). */
import { explainInvalidBaseUrl } from '../../cloud-api/base-url';
import { explainInvalidGraphId } from '../../cloud-api/ids';
import { DEFAULT_API_VERSION, parseApiVersion } from '../../cloud-api/api-version';
import { explainUnsupportedRegion, SUPPORTED_REGIONS } from '../../engine/regions';
import type { AttributeValidator } from '../../plugin/validators/validator';
import { stringValidator } from '../../plugin/validators/string-validators';

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

export function graphApiVersion(): AttributeValidator {
  return stringValidator(`Must be a Graph API version such as \`${DEFAULT_API_VERSION}\`.`, (value) => {
    try {
      parseApiVersion(value);
      return undefined;
    } catch (err) {
      return { summary: 'Invalid api_version', detail: (err as Error).message };
    }
  });
}

/** The Graph API base URL (rule and message: src/cloud-api/base-url.ts). */
export function baseUrl(): AttributeValidator {
  return stringValidator('Must be an absolute `http://` or `https://` URL without credentials, query or API version.', (value) => {
    const problem = explainInvalidBaseUrl(value);
    return problem ? { summary: 'Invalid base_url', detail: problem } : undefined;
  });
}
