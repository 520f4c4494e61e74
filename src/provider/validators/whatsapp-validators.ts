/** Validators for the WhatsApp provider's own string attributes (ids, regions, versions, URLs). */
import { explainInvalidBaseUrl } from '../../cloud-api/base-url';
import { explainInvalidGraphId } from '../../cloud-api/ids';
import { parseApiVersion } from '../../cloud-api/api-version';
import { explainUnsupportedRegion } from '../../engine/regions';
import type { AttributeValidator, ConfigValidator } from '../../plugin/validators/validator';
import { declaredStorage, explainRetention, STORAGE_MODES } from '../../engine/storage-modes';
import { ENGINE_INPUT_ATTRIBUTES, HCL_INPUT_NAMES, HCL_STORAGE_NAMES } from '../engine-input-paths';
import { errorDiag } from '../../plugin/diagnostics';
import { isUnknown } from '../../plugin/values/value';
import type { ObjectView } from '../../plugin/values/object-view';
import { stringValidator } from '../../plugin/validators/string-validators';

/** A Graph object id (digits only); stops `123/../me` style path tricks before any request. */
export function graphId(attribute: string): AttributeValidator<string> {
  return stringValidator((value) => {
    const problem = explainInvalidGraphId(value, attribute);
    return problem ? { summary: `Invalid ${attribute}`, detail: problem } : undefined;
  });
}

/** One of the Local Storage region codes, with a "did you mean" hint for near misses. */
export function localStorageRegion(): AttributeValidator<string> {
  return stringValidator((value) => {
    const problem = explainUnsupportedRegion(value);
    return problem ? { summary: 'Unsupported data_localization_region', detail: problem } : undefined;
  });
}

export function graphApiVersion(): AttributeValidator<string> {
  return stringValidator((value) => {
    try {
      parseApiVersion(value, HCL_INPUT_NAMES.apiVersion);
      return undefined;
    } catch (err) {
      return { summary: 'Invalid api_version', detail: (err as Error).message };
    }
  });
}

/** The Graph API base URL (rule and message: src/cloud-api/base-url.ts). */
export function baseUrl(): AttributeValidator<string> {
  return stringValidator((value) => {
    const problem = explainInvalidBaseUrl(value, HCL_INPUT_NAMES);
    return problem ? { summary: 'Invalid base_url', detail: problem } : undefined;
  });
}

/** One of the three storage modes. */
export function storageMode(): AttributeValidator<string> {
  return stringValidator((value) =>
    (STORAGE_MODES as readonly string[]).includes(value)
      ? undefined
      : {
          summary: 'Invalid storage_mode',
          detail: `storage_mode must be one of ${STORAGE_MODES.map((m) => `"${m}"`).join(', ')} (got "${value}"), in upper case.`,
        },
  );
}

/** A No Storage retention Meta accepts (today only 60 minutes). */
export function noStorageRetention(): AttributeValidator<number> {
  return {
    validate(value, path) {
      if (typeof value !== 'number') return [];
      const problem = explainRetention(value, HCL_STORAGE_NAMES.retentionMinutes);
      return problem ? [errorDiag('Unsupported retention_minutes', problem, path)] : [];
    },
  };
}

/** The attributes the storage rule reads. */
type StorageAttributes = {
  readonly data_localization_region: 'string';
  readonly storage_mode: 'string';
  readonly retention_minutes: 'number';
};

/** Known values as the storage rule reads them: null = not set, undefined = not known yet. */
function declared(config: ObjectView<StorageAttributes>, name: keyof StorageAttributes): unknown {
  const v = config.get(name);
  return isUnknown(v) ? undefined : v;
}

/** The storage mode is stated, consistently (engine/storage-modes.ts declaredStorage holds the rule). */
export function storageModeStated(): ConfigValidator<StorageAttributes> {
  return {
    validate(config) {
      const { problems } = declaredStorage(
        {
          region: declared(config, 'data_localization_region'),
          mode: declared(config, 'storage_mode'),
          retentionMinutes: declared(config, 'retention_minutes'),
        },
        HCL_STORAGE_NAMES,
      );
      // Bad single values are reported by the attribute validators.
      const combinations = problems.filter((p) => p.kind === 'combination');
      return combinations.map((p) => errorDiag(p.summary, p.detail, [ENGINE_INPUT_ATTRIBUTES[p.field].name]));
    },
  };
}
