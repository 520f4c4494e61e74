/**
 * Shapes shared by the emulator's modules, its admin API and the admin client.
 * The seed shapes are a public format (docs/emulator.md): add optional fields only.
 */

/** Graph endpoints the emulator knows; "unknown" covers everything else (logged too). */
export type EndpointName =
  'phone_number' | 'settings' | 'register' | 'deregister' | 'request_code' | 'verify_code' | 'phone_numbers' | 'unknown';

export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'phone_number',
  'settings',
  'register',
  'deregister',
  'request_code',
  'verify_code',
  'phone_numbers',
  'unknown',
];

/** `storage_configuration` as stored: what was written (or seeded), unknown statuses verbatim. */
export interface StorageConfiguration {
  status: string;
  data_localization_region?: string;
  /** retention_minutes of No Storage (NO_STORAGE_ENABLED); for unknown statuses anything else, returned as is. */
  [extra: string]: unknown;
}

export interface SeedToken {
  /** Phone number ids this token may touch. */
  phone_numbers?: string[];
  /** WABA ids: the token may touch the WABA and every number in it. */
  wabas?: string[];
  /** An expired token answers 190 (subcode 463), like a user token after ~24 hours. */
  expired?: boolean;
}

export interface SeedPhoneNumber {
  id: string;
  waba_id?: string;
  display_phone_number: string;
  verified_name: string;
  code_verification_status?: string;
  platform_type?: string;
  /** Phone number status (CONNECTED, PENDING, ...); derived from `registered` when omitted. */
  status?: string;
  registered?: boolean;
  /** Two-step verification PIN; null/omitted = two-step off (the next register sets it). */
  pin?: string | null;
  storage_configuration?: StorageConfiguration;
  quality_rating?: string;
  name_status?: string;
  /** Coexistence (WhatsApp Business app + Cloud API): local storage cannot be enabled, deregister refused. */
  is_on_biz_app?: boolean;
  throughput?: { level: string };
  account_mode?: string;
  /** Code that request_code "sends" (instead of a random one), so documented examples run verbatim. */
  verification_code?: string;
  /** Other settings features (calling, payload_encryption, ...) returned by GET /settings. */
  settings?: Record<string, unknown>;
  /**
   * Register / deregister calls already counted in the quota window when the emulator starts
   * (or resets): a count (spent at the start time) or the ISO 8601 times of the calls.
   */
  quota_used?: { register?: number | string[]; deregister?: number | string[] };
}

export interface SeedWaba {
  id: string;
  name?: string;
}

export interface EmulatorOptions {
  /** Deregistering disables local storage (Meta's registration page). false: the region survives. */
  deregister_clears_storage: boolean;
  /** Case of storage statuses on GET /settings. */
  status_case: 'upper' | 'lower';
  /** Oldest and newest Graph versions served (inclusive), e.g. "v17.0" and "v26.0". */
  min_api_version: string;
  max_api_version: string;
  /** Wrong PINs in a row before the number locks (133008), and how long the lock lasts. */
  pin_lockout_threshold: number;
  pin_lockout_minutes: number;
  /** register / deregister quota: requests per number per moving window (each endpoint separately). */
  registration_limit: number;
  registration_window_hours: number;
  /** How long a sent verification code stays valid. */
  verification_code_ttl_minutes: number;
  /** Region codes accepted; defaults to the project's list (src/engine/regions.ts). */
  supported_regions: string[];
  /** Call log entries kept (oldest dropped first). */
  call_log_limit: number;
}

export interface EmulatorSeed {
  options?: Partial<EmulatorOptions>;
  /** The emulator's date at start and after reset (ISO 8601, e.g. "2026-09-01T00:00:00Z"); it runs on from there. Default: the real time. */
  clock?: string;
  tokens: Record<string, SeedToken>;
  wabas?: SeedWaba[];
  phone_numbers: SeedPhoneNumber[];
}

/** One Graph request as the emulator saw it. Times are epoch ms with sub-ms precision. */
export interface CallLogEntry {
  seq: number;
  method: string;
  /** As requested, without the query string, e.g. /v21.0/106540352242922/deregister. */
  path: string;
  endpoint: EndpointName;
  apiVersion?: string;
  /** The version that answered: apiVersion itself, or the oldest usable one once apiVersion has stopped. */
  answeredVersion?: string;
  phoneNumberId?: string;
  /** HTTP status answered; 0 when no answer was given (hang, reset). */
  status: number;
  graphCode?: number;
  /** When the request arrived. */
  receivedAt: number;
  /** When it got its turn on the number (after earlier calls on the same number finished). */
  startedAt: number;
  /** When the answer was written (or the socket reset / the client gave up on a hang). */
  finishedAt: number;
  /** Query and body parameters, with secrets (pin, access_token, code) shown as the project's SECRET_MASK ("***"). */
  params: Record<string, unknown>;
  /** Set when a fault was injected: "error", "hang", "reset", "raw" or "random". */
  fault?: string;
}

export interface FaultErrorSpec {
  code: number;
  error_subcode?: number;
  message?: string;
  type?: string;
  http_status?: number;
  is_transient?: boolean;
  details?: string;
}

export interface FaultSpec {
  /** An endpoint name or "*" for any Graph endpoint. */
  endpoint: EndpointName | '*';
  phoneNumberId?: string;
  method?: string;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** How many matching calls pass untouched before the fault fires (default 0), e.g. to fail only the second settings write. */
  skip?: number;
  /** "rate_limited" is shorthand for Meta's rate-limit answer (code 4, subcode 2446079, HTTP 429); it is stored as mode "error". */
  mode: 'error' | 'hang' | 'reset' | 'raw' | 'slow' | 'rate_limited';
  /** For mode "slow": how long the server works on the call, holding the number's turn. */
  delayMs?: number;
  /** The call takes effect on the state first, then the fault replaces its answer. */
  applyFirst?: boolean;
  error?: FaultErrorSpec;
  /** For mode "raw": status (default 200), body (default "") and content type (default text/html).
   *  For mode "error": the HTTP status when error.http_status is not given. */
  httpStatus?: number;
  /** Extra response headers for "error" and "raw" (e.g. Retry-After, X-Business-Use-Case-Usage). */
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
}

export interface InjectedFault extends FaultSpec {
  id: number;
  /** Calls still to fail. */
  remaining: number;
}

export interface RandomFaultSpec {
  /** Probability 0..1 that a Graph call fails; 0 turns random faults off. */
  rate: number;
  endpoints?: string[];
  /** Default: code 2, HTTP 500, transient. */
  error?: FaultErrorSpec;
  /** PRNG seed, for repeatable runs. */
  seed?: number;
}

export interface ClockInfo {
  /** The emulator's "now", epoch ms. */
  now: number;
  /** now minus the real clock. */
  offsetMs: number;
}

export interface VerificationCodeInfo {
  phoneNumberId: string;
  code: string;
  method: string;
  language?: string;
  /** Emulator clock, epoch ms. */
  sentAt: number;
  expiresAt: number;
}

/** A stored phone number (seed fields plus the emulator's bookkeeping). */
export interface PhoneNumberRecord extends SeedPhoneNumber {
  waba_id: string;
  code_verification_status: string;
  platform_type: string;
  status: string;
  registered: boolean;
  pin: string | null;
  storage_configuration: StorageConfiguration;
}

/** Per-number bookkeeping that is not a Graph field. */
export interface NumberCounters {
  /** Emulator-clock times of counted register / deregister requests. */
  register: number[];
  deregister: number[];
  pinFailures: number;
  lockedUntil?: number;
  /** Set by a 133000 answer: the number is half-deregistered and deregister is accepted although it reads unregistered. */
  incompleteDeregistration?: boolean;
  verification?: VerificationCodeInfo;
}

/** What GET /__emulator/state answers and --state-file holds. */
export interface EmulatorStateDump {
  version: 1;
  options: EmulatorOptions;
  tokens: Record<string, SeedToken>;
  wabas: SeedWaba[];
  phone_numbers: PhoneNumberRecord[];
  counters: Record<string, NumberCounters>;
  clockOffsetMs: number;
}
