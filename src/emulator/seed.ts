/**
 * The seed format (docs/emulator.md): loading from a file or an object, defaults
 * and validation with errors that name the field and say how to fix it.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_API_VERSION, looksLikeApiVersion } from '../cloud-api/api-version';
import { isPin, isVerificationCode } from '../cloud-api/secret-formats';
import { SUPPORTED_REGIONS } from '../engine/regions';
import defaultSeedJson from './default-seed.json';
import type { EmulatorOptions, EmulatorSeed, SeedPhoneNumber, SeedToken, StorageConfiguration } from './types';

export const DEFAULT_OPTIONS: Readonly<EmulatorOptions> = Object.freeze({
  deregister_clears_storage: true,
  status_case: 'upper',
  min_api_version: 'v17.0',
  max_api_version: DEFAULT_API_VERSION,
  pin_lockout_threshold: 5,
  pin_lockout_minutes: 60,
  registration_limit: 10,
  registration_window_hours: 72,
  verification_code_ttl_minutes: 10,
  // Meta's list, which the project's list (src/engine/regions.ts) transcribes: the emulator must
  // agree with Meta here, and reusing that one list keeps it from drifting on its own.
  supported_regions: SUPPORTED_REGIONS.map((r) => r.code as string),
  call_log_limit: 10_000,
});

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** The seed shipped for the demo and used when none is given. */
export function defaultSeed(): EmulatorSeed {
  return structuredClone(defaultSeedJson);
}

export interface GeneratedSeedOptions {
  /** The token that may touch every generated number (through their WABA). */
  token: string;
  pin: string;
  /** WABA the numbers belong to (default 300000000000001). */
  wabaId?: string;
  /** Verified-name prefix, e.g. "Bench" -> "Bench 0", "Bench 1", ... */
  label?: string;
  /** Storage of number i (default: disabled). */
  storage?: (i: number) => StorageConfiguration;
  /** Start from this seed (e.g. defaultSeed()) and add to it; its tokens are replaced. */
  base?: EmulatorSeed;
  /** Index of the first generated number (default 0): a second generated WABA starts after the first. */
  firstIndex?: number;
  /** Fields of number i that differ from a registered, verified Cloud API number (mixed fleets). */
  number?: (i: number) => Partial<Omit<SeedPhoneNumber, 'id' | 'waba_id'>>;
}

/** The id of generated number i: 200000000000000 + i, clear of the default seed's ids. */
export function generatedPhoneNumberId(i: number): string {
  return String(200_000_000_000_000 + i);
}

/**
 * A seed with `count` registered, verified Cloud API numbers in one WABA, for load,
 * soak and scale runs: one definition so every benchmark and test means the same.
 */
export function generatedSeed(count: number, options: GeneratedSeedOptions): EmulatorSeed {
  const wabaId = options.wabaId ?? '300000000000001';
  const label = options.label ?? 'Generated';
  const seed: EmulatorSeed = options.base ? structuredClone(options.base) : { tokens: {}, phone_numbers: [] };
  seed.tokens = { [options.token]: { wabas: [wabaId] } };
  if (!(seed.wabas ?? []).some((w) => w.id === wabaId)) seed.wabas = [...(seed.wabas ?? []), { id: wabaId, name: label }];
  const first = options.firstIndex ?? 0;
  for (let i = first; i < first + count; i++) {
    seed.phone_numbers.push({
      id: generatedPhoneNumberId(i),
      waba_id: wabaId,
      display_phone_number: `+1 555 ${String(i).padStart(7, '0')}`,
      verified_name: `${label} ${i}`,
      code_verification_status: 'VERIFIED',
      platform_type: 'CLOUD_API',
      registered: true,
      pin: options.pin,
      storage_configuration: options.storage?.(i) ?? { status: 'IN_COUNTRY_STORAGE_DISABLED' },
      ...options.number?.(i),
    });
  }
  return seed;
}

/** Reads and validates a seed from a JSON file path, or validates a seed object. */
export function loadSeed(source?: EmulatorSeed | string): EmulatorSeed {
  if (source === undefined) return defaultSeed();
  let raw: unknown = source;
  let where = 'seed';
  if (typeof source === 'string') {
    where = `seed file ${source}`;
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new SeedError(`cannot read ${where}: ${(e as Error).message}`);
    }
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new SeedError(`${where} is not valid JSON: ${(e as Error).message}`);
    }
  }
  return validateSeed(raw, where);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const DIGITS = /^\d{1,30}$/;

export function validateSeed(raw: unknown, where = 'seed'): EmulatorSeed {
  const fail = (field: string, fix: string): never => {
    throw new SeedError(`${where}: ${field} ${fix}`);
  };
  if (!isObject(raw)) fail('(top level)', 'must be a JSON object with "tokens" and "phone_numbers"');
  const seed = raw as Record<string, unknown>;
  if (!isObject(seed.tokens)) fail('"tokens"', 'must be an object mapping each access token to {"phone_numbers": [...], "wabas": [...]}');
  if (!Array.isArray(seed.phone_numbers)) fail('"phone_numbers"', 'must be an array of phone number objects');

  const numbers = seed.phone_numbers as unknown[];
  const ids = new Set<string>();
  numbers.forEach((n, i) => {
    const at = `phone_numbers[${i}]`;
    if (!isObject(n)) fail(at, 'must be an object');
    const p = n as Record<string, unknown>;
    const id =
      typeof p.id === 'string' && DIGITS.test(p.id) ? p.id : fail(`${at}.id`, 'must be a string of digits, e.g. "106540352242922"');
    if (ids.has(id)) fail(`${at}.id`, `"${id}" appears twice; ids must be unique`);
    ids.add(id);
    if (p.waba_id !== undefined && (typeof p.waba_id !== 'string' || !DIGITS.test(p.waba_id)))
      fail(`${at}.waba_id`, 'must be a string of digits');
    for (const f of ['display_phone_number', 'verified_name'] as const) {
      if (typeof p[f] !== 'string') fail(`${at}.${f}`, 'must be a string');
    }
    for (const f of ['code_verification_status', 'platform_type', 'status', 'quality_rating', 'name_status', 'account_mode'] as const) {
      if (p[f] !== undefined && typeof p[f] !== 'string') fail(`${at}.${f}`, 'must be a string when given');
    }
    if (p.registered !== undefined && typeof p.registered !== 'boolean') fail(`${at}.registered`, 'must be true or false');
    if (p.is_on_biz_app !== undefined && typeof p.is_on_biz_app !== 'boolean') fail(`${at}.is_on_biz_app`, 'must be true or false');
    if (p.pin !== undefined && p.pin !== null && !isPin(p.pin)) {
      fail(`${at}.pin`, 'must be a 6-digit string, or null for "two-step verification off"');
    }
    if (p.verification_code !== undefined && !isVerificationCode(p.verification_code)) {
      fail(`${at}.verification_code`, 'must be a 6-digit string');
    }
    if (p.storage_configuration !== undefined) {
      const sc = p.storage_configuration;
      if (!isObject(sc) || typeof sc.status !== 'string') {
        fail(`${at}.storage_configuration`, 'must be an object with a string "status", e.g. {"status": "IN_COUNTRY_STORAGE_DISABLED"}');
      }
      const s = sc as Record<string, unknown>;
      if (s.status === 'IN_COUNTRY_STORAGE_ENABLED' && typeof s.data_localization_region !== 'string') {
        fail(`${at}.storage_configuration.data_localization_region`, 'is required when status is IN_COUNTRY_STORAGE_ENABLED');
      }
    }
    if (p.settings !== undefined && !isObject(p.settings)) fail(`${at}.settings`, 'must be an object');
    if (p.quota_used !== undefined) {
      if (!isObject(p.quota_used)) fail(`${at}.quota_used`, 'must be an object like {"register": 10, "deregister": 3}');
      for (const [op, used] of Object.entries(p.quota_used as Record<string, unknown>)) {
        if (op !== 'register' && op !== 'deregister') fail(`${at}.quota_used.${op}`, 'is not a quota; use "register" or "deregister"');
        const count = typeof used === 'number' && Number.isInteger(used) && used >= 0;
        const times = Array.isArray(used) && used.every((t) => typeof t === 'string' && !Number.isNaN(Date.parse(t)));
        if (!count && !times)
          fail(`${at}.quota_used.${op}`, 'must be a whole number of calls, or an array of ISO 8601 times such as "2026-09-01T00:00:00Z"');
      }
    }
  });

  for (const [token, t] of Object.entries(seed.tokens as Record<string, unknown>)) {
    const at = `tokens["${token.length > 8 ? `${token.slice(0, 5)}...` : token}"]`;
    if (!token) fail('tokens', 'must not contain an empty token');
    if (!isObject(t)) fail(at, 'must be an object like {"phone_numbers": ["106540352242922"]}');
    const tok = t as SeedToken & Record<string, unknown>;
    for (const f of ['phone_numbers', 'wabas'] as const) {
      if (tok[f] !== undefined && (!Array.isArray(tok[f]) || !(tok[f] as unknown[]).every((x) => typeof x === 'string'))) {
        fail(`${at}.${f}`, 'must be an array of id strings');
      }
    }
    if (tok.expired !== undefined && typeof tok.expired !== 'boolean') fail(`${at}.expired`, 'must be true or false');
  }

  if (seed.wabas !== undefined) {
    if (!Array.isArray(seed.wabas) || !seed.wabas.every((w) => isObject(w) && typeof w.id === 'string')) {
      fail('"wabas"', 'must be an array of {"id": "...", "name": "..."}');
    }
  }
  if (seed.clock !== undefined && (typeof seed.clock !== 'string' || Number.isNaN(Date.parse(seed.clock)))) {
    fail('"clock"', 'must be an ISO 8601 date-time string, e.g. "2026-09-01T00:00:00Z"');
  }
  if (seed.options !== undefined) {
    if (!isObject(seed.options)) fail('"options"', 'must be an object');
    validateOptions(seed.options as Record<string, unknown>, `${where}: options`);
  }
  return structuredClone(seed) as unknown as EmulatorSeed;
}

/** Checks a partial options object (seed "options" or PATCH /__emulator/options). */
export function validateOptions(opts: Record<string, unknown>, where = 'options'): Partial<EmulatorOptions> {
  const fail = (field: string, fix: string): never => {
    throw new SeedError(`${where}.${field} ${fix}`);
  };
  for (const [key, value] of Object.entries(opts)) {
    if (!(key in DEFAULT_OPTIONS)) fail(key, `is not an option; known options: ${Object.keys(DEFAULT_OPTIONS).join(', ')}`);
    const expected = DEFAULT_OPTIONS[key as keyof EmulatorOptions];
    if (key === 'status_case') {
      if (value !== 'upper' && value !== 'lower') fail(key, 'must be "upper" or "lower"');
    } else if (key.endsWith('_api_version')) {
      if (typeof value !== 'string' || !value.startsWith('v') || !looksLikeApiVersion(value))
        fail(key, `must look like "${DEFAULT_API_VERSION}"`);
    } else if (Array.isArray(expected)) {
      if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) fail(key, 'must be an array of strings');
    } else if (typeof expected === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(key, 'must be a non-negative number');
    } else if (typeof value !== typeof expected) {
      fail(key, `must be a ${typeof expected}`);
    }
  }
  return opts;
}

/** Seed phone number with the defaults the emulator applies. */
export function withNumberDefaults(p: SeedPhoneNumber, fallbackWaba: string) {
  const registered = p.registered ?? false;
  return {
    ...structuredClone(p),
    waba_id: p.waba_id ?? fallbackWaba,
    code_verification_status: p.code_verification_status ?? 'VERIFIED',
    platform_type: p.platform_type ?? (registered ? 'CLOUD_API' : 'NOT_APPLICABLE'),
    status: p.status ?? (registered ? 'CONNECTED' : 'DISCONNECTED'),
    registered,
    pin: p.pin ?? null,
    storage_configuration: p.storage_configuration ? structuredClone(p.storage_configuration) : { status: 'DEFAULT' },
    quality_rating: p.quality_rating ?? 'GREEN',
  };
}
