/**
 * The three storage modes a number can be declared in (Meta's Local Storage and No Storage
 * pages); the retentions Meta accepts live in cloud-api/no-storage.ts.
 *
 * - IN_COUNTRY: message data at rest in one country (`data_localization_region`).
 * - DEFAULT: Meta's default storage.
 * - NO_STORAGE: message data only in transit, kept at most `retentionMinutes`.
 */
import { NO_STORAGE_RETENTION_MINUTES } from '../cloud-api/no-storage';
import { unreachable } from '../shared/unreachable';
import { ENGINE_INPUT_NAMES, type InputNames, type StorageField } from './engine-inputs';
import { explainUnsupportedRegion, type RegionCode } from './regions';

export const STORAGE_MODES = ['IN_COUNTRY', 'DEFAULT', 'NO_STORAGE'] as const;
export type StorageMode = (typeof STORAGE_MODES)[number];

interface StorageModeFacts {
  /** The storage_configuration status a read shows (the API reads DEFAULT once storage is disabled). */
  readStatus: string;
  /** The status a POST /settings sends to write the mode. */
  writeStatus: string;
  /** Higher keeps less data in fewer places: a change to a lower one weakens residency. */
  strength: number;
}

/** What each mode is in the API's terms, one row per mode. */
export const STORAGE_MODE_TABLE: Readonly<Record<StorageMode, StorageModeFacts>> = {
  IN_COUNTRY: { readStatus: 'IN_COUNTRY_STORAGE_ENABLED', writeStatus: 'IN_COUNTRY_STORAGE_ENABLED', strength: 1 },
  DEFAULT: { readStatus: 'DEFAULT', writeStatus: 'IN_COUNTRY_STORAGE_DISABLED', strength: 0 },
  NO_STORAGE: { readStatus: 'NO_STORAGE_ENABLED', writeStatus: 'NO_STORAGE_ENABLED', strength: 2 },
};

export type StorageTarget =
  { mode: 'IN_COUNTRY'; region: RegionCode } | { mode: 'DEFAULT' } | { mode: 'NO_STORAGE'; retentionMinutes: number };

export function isStorageMode(value: unknown): value is StorageMode {
  return typeof value === 'string' && (STORAGE_MODES as readonly string[]).includes(value);
}

/** Why `minutes` is not a retention Meta accepts, naming the accepted values; undefined when accepted. */
export function explainRetention(minutes: unknown, name: string = ENGINE_INPUT_NAMES.retentionMinutes): string | undefined {
  if (typeof minutes === 'number' && NO_STORAGE_RETENTION_MINUTES.includes(minutes)) return undefined;
  const accepted = NO_STORAGE_RETENTION_MINUTES.join(', ');
  const got = typeof minutes === 'number' ? minutes : typeof minutes;
  return `${name} must be one of the retentions Meta accepts for No Storage: ${accepted} (minutes); got ${got}.`;
}

/** A problem with one field of a storage declaration, worded in the caller's names. */
export interface TargetProblem {
  field: StorageField;
  message: string;
}

/** Problems with a target (an unknown mode, an unsupported region or retention); undefined when it can be written. */
export function explainTarget(target: StorageTarget, names: StorageNames = ENGINE_INPUT_NAMES): TargetProblem | undefined {
  // Library callers may pass anything: never crash on it.
  const raw = target as unknown as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null || !isStorageMode(raw.mode)) {
    return { field: 'mode', message: `storage mode must be one of ${STORAGE_MODES.join(', ')}: ${howToState(names)}.` };
  }
  switch (target.mode) {
    case 'IN_COUNTRY': {
      if (typeof target.region !== 'string') {
        return { field: 'region', message: `${names.region} must be a region code string (got ${typeof target.region}).` };
      }
      const problem = explainUnsupportedRegion(target.region);
      return problem ? { field: 'region', message: `${names.region} ${problem}` } : undefined;
    }
    case 'NO_STORAGE': {
      const problem = explainRetention(target.retentionMinutes, names.retentionMinutes);
      return problem ? { field: 'retentionMinutes', message: problem } : undefined;
    }
    case 'DEFAULT':
      return undefined;
    default:
      return unreachable(target, 'storage target');
  }
}

/** "local storage in BR", "local storage disabled (Meta's default storage)", "No Storage (60 minutes in transit)". */
export function describeTarget(target: StorageTarget): string {
  switch (target.mode) {
    case 'IN_COUNTRY':
      return `local storage in ${target.region}`;
    case 'DEFAULT':
      return "local storage disabled (Meta's default storage)";
    case 'NO_STORAGE':
      return `No Storage (${target.retentionMinutes} minutes in transit)`;
    default:
      return unreachable(target, 'storage target');
  }
}

/** Short form for step labels and tables: "BR", "default", "no storage 60m". */
export function targetLabel(target: StorageTarget): string {
  switch (target.mode) {
    case 'IN_COUNTRY':
      return target.region;
    case 'DEFAULT':
      return 'default';
    case 'NO_STORAGE':
      return `no storage ${target.retentionMinutes}m`;
    default:
      return unreachable(target, 'storage target');
  }
}

export function sameTarget(a: StorageTarget, b: StorageTarget): boolean {
  if (a.mode !== b.mode) return false;
  switch (a.mode) {
    case 'IN_COUNTRY':
      return a.region === (b as typeof a).region;
    case 'NO_STORAGE':
      return a.retentionMinutes === (b as typeof a).retentionMinutes;
    case 'DEFAULT':
      return true;
    default:
      return unreachable(a, 'storage target');
  }
}

/** The target of the older `{ region }` shorthand: a region is in-country, null is Meta's default storage. */
export function targetOfRegion(region: RegionCode | null): StorageTarget {
  return region === null ? { mode: 'DEFAULT' } : { mode: 'IN_COUNTRY', region };
}

/** The target a DesiredState declares (either form). */
export function desiredTarget(desired: { storage: StorageTarget } | { region: RegionCode | null }): StorageTarget {
  return 'storage' in desired ? desired.storage : targetOfRegion(desired.region);
}

/** The PlanStep fields for writing `target`: `storage`, plus `region` for in-country and default. */
export function stepStorage(target: StorageTarget): { storage: StorageTarget; region?: RegionCode | null } {
  switch (target.mode) {
    case 'IN_COUNTRY':
      return { storage: target, region: target.region };
    case 'DEFAULT':
      return { storage: target, region: null };
    case 'NO_STORAGE':
      return { storage: target };
    default:
      return unreachable(target, 'storage target');
  }
}

/**
 * What a configuration states about storage. Each field: `null` when not set,
 * `undefined` when not known yet (a value computed at apply), else the value.
 */
export interface DeclaredStorage {
  region: unknown;
  mode: unknown;
  retentionMinutes: unknown;
}

/** How a layer spells the three settings (the provider's HCL attributes, the constructs' props, the engine's own fields). */
export type StorageNames = InputNames<StorageField>;

export interface DeclarationProblem {
  /** Which setting the fix belongs to; the layer spells it with its StorageNames. */
  field: StorageField;
  /** `value`: one setting is bad on its own (a layer may already check it per attribute); `combination`: the settings together. */
  kind: 'value' | 'combination';
  summary: string;
  detail: string;
}

/** How a configuration declares `target`, in a layer's spelling: `region: 'BR'` (engine), `data_localization_region = "BR"` (HCL). */
export function declarationOf(target: StorageTarget, names: StorageNames = ENGINE_INPUT_NAMES): string {
  switch (target.mode) {
    case 'IN_COUNTRY':
      return names.assign(names.region, target.region);
    case 'DEFAULT':
      return names.assign(names.mode, 'DEFAULT');
    case 'NO_STORAGE':
      return `${names.assign(names.mode, 'NO_STORAGE')} with ${names.assign(names.retentionMinutes, target.retentionMinutes)}`;
    default:
      return unreachable(target, 'storage target');
  }
}

/** "state it with <the three ways>", in a layer's spelling. */
export function howToState(names: StorageNames): string {
  const say = names.assign;
  return `state it with ${say(names.region, '<country code>')} (in-country storage), ${say(names.mode, 'DEFAULT')} (Meta's default storage), or ${say(names.mode, 'NO_STORAGE')} with ${say(names.retentionMinutes, NO_STORAGE_RETENTION_MINUTES[0])} (No Storage: message data only in transit, never at rest)`;
}

/**
 * The one rule for stating a storage mode: a region alone is in-country; otherwise
 * the mode must be said (no default means "move my data to default storage"); an
 * explicit mode must agree with the region; No Storage needs an accepted retention.
 * Returns the target when everything is known and consistent.
 */
export function declaredStorage(
  d: DeclaredStorage,
  names: StorageNames = ENGINE_INPUT_NAMES,
): { target?: StorageTarget; problems: DeclarationProblem[] } {
  const problems: DeclarationProblem[] = [];
  const say = names.assign;
  const how = howToState(names);
  const problem = (field: StorageField, summary: string, detail: string, kind: DeclarationProblem['kind'] = 'combination') =>
    problems.push({ field, summary, detail, kind });
  if (d.mode !== null && d.mode !== undefined && !isStorageMode(d.mode)) {
    const modes = STORAGE_MODES.map((m) => `"${m}"`).join(', ');
    problem('mode', `Invalid ${names.mode}`, `${names.mode} must be one of ${modes} (got ${JSON.stringify(d.mode)}).`, 'value');
    return { problems };
  }
  const mode = d.mode;
  if (mode === null && d.region === null) {
    problem(
      'mode',
      'Storage mode not stated',
      "This number's storage mode is not stated, and leaving it out never means Meta's default storage " +
        `(that would move message data out of the country it is kept in without anyone saying so): ${how}.`,
    );
  }
  if (mode === 'IN_COUNTRY' && d.region === null) {
    problem(
      'region',
      `${names.mode} IN_COUNTRY needs ${names.region}`,
      `${say(names.mode, 'IN_COUNTRY')} keeps message data in one country: set ${names.region} to its code (or ${how}).`,
    );
  }
  if ((mode === 'DEFAULT' || mode === 'NO_STORAGE') && d.region !== null && d.region !== undefined) {
    const region = typeof d.region === 'string' ? d.region : JSON.stringify(d.region);
    problem(
      'region',
      `${names.mode} ${mode} contradicts ${names.region}`,
      `${say(names.region, region)} declares in-country storage but ${names.mode} is "${mode}": remove ${names.region}, ` +
        `or set ${say(names.mode, 'IN_COUNTRY')} (or leave ${names.mode} out).`,
    );
  }
  const accepted = NO_STORAGE_RETENTION_MINUTES.join(', ');
  if (mode === 'NO_STORAGE' && d.retentionMinutes === null) {
    problem(
      'retentionMinutes',
      `${names.mode} NO_STORAGE needs ${names.retentionMinutes}`,
      `No Storage keeps message data in transit for a limited time: set ${names.retentionMinutes} ` +
        `to one of the values Meta accepts: ${accepted}.`,
    );
  }
  if (d.retentionMinutes !== null && d.retentionMinutes !== undefined) {
    const implied = mode === null ? (d.region === null ? null : 'IN_COUNTRY') : mode;
    const unsupported = explainRetention(d.retentionMinutes, names.retentionMinutes);
    if (implied !== undefined && implied !== 'NO_STORAGE') {
      problem(
        'retentionMinutes',
        `${names.retentionMinutes} without No Storage`,
        `${names.retentionMinutes} only applies to ${say(names.mode, 'NO_STORAGE')}: ` +
          `remove it, or set ${say(names.mode, 'NO_STORAGE')} (without ${names.region}).`,
      );
    } else if (unsupported !== undefined) {
      problem('retentionMinutes', `Unsupported ${names.retentionMinutes}`, unsupported, 'value');
    }
  }
  if (problems.length > 0 || mode === undefined || d.region === undefined) return { problems };
  if (mode === 'NO_STORAGE') {
    return typeof d.retentionMinutes === 'number' ? { target: { mode, retentionMinutes: d.retentionMinutes }, problems } : { problems };
  }
  if (mode === 'DEFAULT') return { target: { mode }, problems };
  if (typeof d.region === 'string' && explainUnsupportedRegion(d.region) === undefined) {
    return { target: { mode: 'IN_COUNTRY', region: d.region as RegionCode }, problems };
  }
  return { problems };
}

/** The storage a plan step writes (`storage`, or the older `region` field alone); undefined when it writes none. */
export function stepTarget(step: { storage?: StorageTarget; region?: RegionCode | null }): StorageTarget | undefined {
  if (step.storage) return step.storage;
  return step.region === undefined ? undefined : targetOfRegion(step.region);
}
