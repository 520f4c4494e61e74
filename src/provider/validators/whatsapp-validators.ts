/** Validators for the WhatsApp provider's own string attributes (ids, regions, versions, URLs). */
import { explainInvalidBaseUrl } from '../../cloud-api/base-url';
import { explainInvalidGraphId } from '../../cloud-api/ids';
import { DEFAULT_API_VERSION, parseApiVersion } from '../../cloud-api/api-version';
import { explainUnsupportedRegion, SUPPORTED_REGIONS } from '../../engine/regions';
import type { AttributeValidator, ConfigValidator } from '../../plugin/validators/validator';
import { NO_STORAGE_RETENTION_MINUTES } from '../../cloud-api/no-storage';
import { declaredStorage, explainRetention, STORAGE_MODES } from '../../engine/storage-modes';
import { ENGINE_INPUT_ATTRIBUTES, HCL_STORAGE_NAMES } from '../engine-input-paths';
import { errorDiag } from '../../plugin/diagnostics';
import { isUnknown } from '../../plugin/values/value';
import type { ObjectView } from '../../plugin/values/object-view';
import { stringValidator } from '../../plugin/validators/string-validators';

/** A Graph object id (digits only); stops `123/../me` style path tricks before any request. */
export function graphId(attribute: string): AttributeValidator<string> {
  return stringValidator('Must contain only digits (a Graph object id).', (value) => {
    const problem = explainInvalidGraphId(value, attribute);
    return problem ? { summary: `Invalid ${attribute}`, detail: problem } : undefined;
  });
}

/** One of the Local Storage region codes, with a "did you mean" hint for near misses. */
export function localStorageRegion(): AttributeValidator<string> {
  const codes = SUPPORTED_REGIONS.map((r) => `\`${r.code}\``).join(', ');
  return stringValidator(`Must be one of ${codes}.`, (value) => {
    const problem = explainUnsupportedRegion(value);
    return problem ? { summary: 'Unsupported data_localization_region', detail: problem } : undefined;
  });
}

export function graphApiVersion(): AttributeValidator<string> {
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
export function baseUrl(): AttributeValidator<string> {
  return stringValidator('Must be an absolute `http://` or `https://` URL without credentials, query or API version.', (value) => {
    const problem = explainInvalidBaseUrl(value);
    return problem ? { summary: 'Invalid base_url', detail: problem } : undefined;
  });
}

/** One of the three storage modes. */
export function storageMode(): AttributeValidator<string> {
  const modes = STORAGE_MODES.map((m) => `\`${m}\``).join(', ');
  return stringValidator(`Must be one of ${modes}.`, (value) =>
    (STORAGE_MODES as readonly string[]).includes(value)
      ? undefined
      : { summary: 'Invalid storage_mode', detail: `storage_mode must be one of ${STORAGE_MODES.map((m) => `"${m}"`).join(', ')} (got "${value}"), in upper case.` },
  );
}

/** A No Storage retention Meta accepts (today only 60 minutes). */
export function noStorageRetention(): AttributeValidator<number> {
  return {
    description: `Must be one of the retentions Meta accepts: ${NO_STORAGE_RETENTION_MINUTES.map((m) => `\`${m}\``).join(', ')}.`,
    validate(value, path) {
      if (typeof value !== 'number') return [];
      const problem = explainRetention(value, HCL_STORAGE_NAMES.retentionMinutes);
      return problem ? [errorDiag('Unsupported retention_minutes', problem, path)] : [];
    },
  };
}

/** Known values as the storage rule reads them: null = not set, undefined = not known yet. */
function declared(config: ObjectView, name: string): unknown {
  const v = config.get(name);
  return isUnknown(v) ? undefined : v;
}

/** The storage mode is stated, consistently (engine/storage-modes.ts declaredStorage holds the rule). */
export function storageModeStated(): ConfigValidator {
  return {
    description:
      'The storage mode must be stated: `data_localization_region` (in-country), `storage_mode = "DEFAULT"`, or `storage_mode = "NO_STORAGE"` with `retention_minutes`.',
    validate(config) {
      const { problems } = declaredStorage(
        {
          region: declared(config, HCL_STORAGE_NAMES.region),
          mode: declared(config, HCL_STORAGE_NAMES.mode),
          retentionMinutes: declared(config, HCL_STORAGE_NAMES.retentionMinutes),
        },
        HCL_STORAGE_NAMES,
      );
      // Bad single values are reported by the attribute validators.
      const combinations = problems.filter((p) => p.kind === 'combination');
      return combinations.map((p) => errorDiag(p.summary, p.detail, [ENGINE_INPUT_ATTRIBUTES[p.field].name]));
    },
  };
}
