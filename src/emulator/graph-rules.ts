/**
 * The Graph endpoints' behaviour: who may touch what, parameter validation and
 * the Local Storage / registration rules, applied to EmulatorState. Pure of
 * HTTP: takes a parsed request, returns status + body or throws GraphError.
 * Every choice where Meta's behaviour is undocumented is listed in docs/emulator.md.
 */
import { randomInt } from 'node:crypto';
import { FIRST_SETTINGS_API_MAJOR, FIRST_SETTINGS_VERSION, flowOfMajor } from '../cloud-api/api-version';
import { NO_STORAGE_RETENTION_MINUTES } from '../cloud-api/no-storage';
import { PHONE_NUMBER_NODE_FIELDS, type PhoneNumberField } from '../cloud-api/phone-number-fields';
import { isPin, isVerificationCode } from '../cloud-api/secret-formats';
import { GraphError, invalidParameter, expiredToken, invalidToken, missingToken, objectNotFound } from './graph-errors';
import type { EmulatorState } from './state';
import type { EndpointName, PhoneNumberRecord, SeedWaba, StorageConfiguration } from './types';

export interface ApiVersionInfo {
  raw: string;
  major: number;
  minor: number;
}

export interface GraphRequest {
  method: string;
  version: ApiVersionInfo;
  endpoint: EndpointName;
  /** The node id from the path. */
  id: string;
  /** The edge from the path ("" for the node itself). */
  edge: string;
  params: Record<string, unknown>;
  token?: string;
  /** Base for paging "next" links, e.g. http://127.0.0.1:8787 */
  origin: string;
}

export interface GraphResponse {
  status: number;
  body: unknown;
}

const SUCCESS: GraphResponse = { status: 200, body: { success: true } };
const ENABLED = 'IN_COUNTRY_STORAGE_ENABLED';
const DISABLED = 'IN_COUNTRY_STORAGE_DISABLED';
const NO_STORAGE = 'NO_STORAGE_ENABLED';
/** Graph's "Incomplete deregistration": deregister again before registering. */
export const INCOMPLETE_DEREGISTRATION = 133000;
/** Subcode Meta's OpenAPI description gives for deregistering a number that is not registered. */
export const NOT_REGISTERED_SUBCODE = 2207051;
/** Register parameters that v21.0+ refuses as deprecated (code 12): storage moved to POST /settings. */
const LEGACY_REGISTER_PARAMS = ['data_localization_region', 'meta_store_retention_minutes'];
const TIERS = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'];

const NODE_FIELDS: ReadonlySet<string> = new Set(PHONE_NUMBER_NODE_FIELDS);
/** What Graph answers without `fields`, for the node and for the list edge. */
const NODE_DEFAULT_FIELDS: PhoneNumberField[] = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];
const LIST_DEFAULT_FIELDS: PhoneNumberField[] = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'id',
];
const WABA_FIELDS = new Set(['id', 'name']);
const SETTINGS_FEATURES = ['storage_configuration', 'calling', 'payload_encryption', 'user_identity_change'];

/** Endpoint name from the path's edge (for the call log and fault matching, before any check). */
export function endpointOf(edge: string): EndpointName {
  switch (edge) {
    case '':
      return 'phone_number';
    case 'settings':
    case 'register':
    case 'deregister':
    case 'request_code':
    case 'verify_code':
    case 'phone_numbers':
      return edge;
    default:
      return 'unknown';
  }
}

export function handleGraph(state: EmulatorState, req: GraphRequest): GraphResponse {
  const target = authorize(state, req);
  const post = req.method === 'POST';
  if (target.kind === 'waba') {
    if (req.edge === 'phone_numbers' && req.method === 'GET') return listPhoneNumbers(state, req, target.waba);
    if (req.edge === '' && req.method === 'GET') return { status: 200, body: wabaNode(target.waba, req.params) };
    throw unsupported(req);
  }
  const n = target.number;
  switch (req.edge) {
    case '':
      if (req.method === 'GET') return { status: 200, body: phoneNumberNode(n, fieldsParam(req.params.fields) ?? NODE_DEFAULT_FIELDS) };
      if (post) return setPin(state, n, req);
      break;
    case 'settings':
      if (req.method === 'GET') return { status: 200, body: settingsView(state, n) };
      if (post) return writeSettings(state, n, req);
      break;
    case 'register':
      if (post) return register(state, n, req);
      break;
    case 'deregister':
      if (post) return deregister(state, n);
      break;
    case 'request_code':
      if (post) return requestCode(state, n, req);
      break;
    case 'verify_code':
      if (post) return verifyCode(state, n, req);
      break;
    case 'phone_numbers':
      throw invalidParameter(`Tried accessing nonexisting field (phone_numbers) on node type (WhatsAppBusinessPhoneNumber)`);
    default:
      throw unknownPath(req.edge);
  }
  throw unsupported(req);
}

function unsupported(req: GraphRequest): GraphError {
  if (endpointOf(req.edge) === 'unknown') return unknownPath(req.edge);
  return objectNotFound(req.id, req.method);
}

function unknownPath(edge: string): GraphError {
  const message = `Unknown path components: /${edge}`;
  return new GraphError(2500, message, { message });
}

type Target = { kind: 'number'; number: PhoneNumberRecord } | { kind: 'waba'; waba: SeedWaba };

/** 190 for a missing/unknown/expired token; 100/33 for an id that does not exist or the token may not touch. */
function authorize(state: EmulatorState, req: GraphRequest): Target {
  if (!req.token) throw missingToken();
  const grant = state.token(req.token);
  if (!grant) throw invalidToken();
  if (grant.expired) throw expiredToken();
  const n = state.numbers.get(req.id);
  if (n && state.mayTouchNumber(grant, n)) return { kind: 'number', number: n };
  const waba = state.wabas.get(req.id);
  if (waba && state.mayTouchWaba(grant, waba.id)) return { kind: 'waba', waba };
  throw objectNotFound(req.id, req.method);
}

// --- reading ---

/** Parses `fields=a,b,throughput{level}`; undefined when absent. */
function fieldsParam(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let list: string[];
  if (Array.isArray(raw)) list = raw.map(String);
  else if (typeof raw === 'string') list = raw.split(/,(?![^{]*\})/);
  else throw invalidParameter('Param fields must be a comma-separated list of field names');
  return list.map((f) => f.trim().replace(/\{.*\}$/, '')).filter((f) => f.length > 0);
}

function phoneNumberNode(n: PhoneNumberRecord, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!NODE_FIELDS.has(f)) throw invalidParameter(`Tried accessing nonexisting field (${f}) on node type (WhatsAppBusinessPhoneNumber)`);
    const v = nodeField(n, f);
    if (v !== undefined) out[f] = v;
  }
  // Graph always answers the id, after the fields asked for.
  if (!('id' in out)) out.id = n.id;
  return out;
}

function nodeField(n: PhoneNumberRecord, f: string): unknown {
  switch (f) {
    case 'is_pin_enabled':
      return n.pin !== null;
    case 'is_on_biz_app':
      return n.is_on_biz_app === true;
    case 'is_official_business_account':
      return false;
    case 'name_status':
      return n.name_status ?? 'APPROVED';
    case 'account_mode':
      return n.account_mode ?? 'LIVE';
    case 'throughput':
      return n.throughput ?? { level: n.registered ? 'STANDARD' : 'NOT_APPLICABLE' };
    default:
      return (n as unknown as Record<string, unknown>)[f];
  }
}

function wabaNode(w: SeedWaba, params: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldsParam(params.fields) ?? ['id', 'name'];
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!WABA_FIELDS.has(f)) throw invalidParameter(`Tried accessing nonexisting field (${f}) on node type (WhatsAppBusinessAccount)`);
    out[f] = f === 'id' ? w.id : (w.name ?? `WABA ${w.id}`);
  }
  if (!('id' in out)) out.id = w.id;
  return out;
}

/** GET /settings: a disabled (or never set) configuration reads back as DEFAULT without region. */
export function storageView(state: EmulatorState, sc: StorageConfiguration): Record<string, unknown> {
  const lower = state.options.status_case === 'lower';
  const cased = (s: string) => (lower ? s.toLowerCase() : s);
  if (sc.status === DISABLED || sc.status === 'DEFAULT') return { status: cased('DEFAULT') };
  if (sc.status === ENABLED) return { status: cased(ENABLED), data_localization_region: sc.data_localization_region };
  if (sc.status === NO_STORAGE) return { status: cased(NO_STORAGE), retention_minutes: sc.retention_minutes };
  return { ...sc, status: cased(sc.status) };
}

function settingsView(state: EmulatorState, n: PhoneNumberRecord): Record<string, unknown> {
  return { ...(n.settings ?? {}), storage_configuration: storageView(state, n.storage_configuration) };
}

const PAGE_MAX = 100;

function listPhoneNumbers(state: EmulatorState, req: GraphRequest, waba: SeedWaba): GraphResponse {
  const grant = state.token(req.token!)!;
  const fields = fieldsParam(req.params.fields) ?? LIST_DEFAULT_FIELDS;
  let limit = 25;
  if (req.params.limit !== undefined) {
    limit = Number(req.params.limit);
    if (!Number.isInteger(limit) || limit < 1) throw invalidParameter('Param limit must be a positive integer');
    limit = Math.min(limit, PAGE_MAX);
  }
  const all = [...state.numbers.values()].filter((n) => n.waba_id === waba.id && state.mayTouchNumber(grant, n));
  let start = 0;
  if (req.params.after !== undefined) {
    const afterId = decodeCursor(req.params.after);
    const i = all.findIndex((n) => n.id === afterId);
    if (i < 0) throw invalidParameter('Param after is not a valid cursor: use paging.cursors.after from the previous page');
    start = i + 1;
  } else if (req.params.before !== undefined) {
    const beforeId = decodeCursor(req.params.before);
    const i = all.findIndex((n) => n.id === beforeId);
    if (i < 0) throw invalidParameter('Param before is not a valid cursor: use paging.cursors.before from the previous page');
    start = Math.max(0, i - limit);
    limit = Math.min(limit, i - start);
  }
  const page = all.slice(start, start + limit);
  const body: Record<string, unknown> = { data: page.map((n) => phoneNumberNode(n, fields)) };
  if (page.length > 0) {
    const cursors = { before: encodeCursor(page[0].id), after: encodeCursor(page[page.length - 1].id) };
    const paging: Record<string, unknown> = { cursors };
    const base = `${req.origin}/${req.version.raw}/${waba.id}/phone_numbers?`;
    // The fields asked for, as asked (fieldsParam has accepted them: a string or a repeated parameter).
    const raw: unknown = req.params.fields;
    const asked = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.map(String).join(',') : undefined;
    const keep = asked !== undefined ? `fields=${encodeURIComponent(asked)}&` : '';
    if (start + page.length < all.length) paging.next = `${base}${keep}limit=${limit}&after=${cursors.after}`;
    if (start > 0) paging.previous = `${base}${keep}limit=${limit}&before=${cursors.before}`;
    body.paging = paging;
  }
  return { status: 200, body };
}

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
function decodeCursor(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw invalidParameter('Param after/before must be a cursor string');
  return Buffer.from(raw, 'base64url').toString('utf8');
}

// --- writing ---

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Form and query parameters carry objects as JSON text, as Graph accepts them. */
function objectParam(params: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (isObject(v)) return v;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      if (isObject(parsed)) return parsed;
    } catch {
      /* fall through to the error below */
    }
  }
  throw invalidParameter(`Param ${name} must be a JSON object`);
}

function rejectUnknownParams(params: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(params)) {
    if (key === 'access_token' || allowed.includes(key)) continue;
    throw invalidParameter(`Param ${key} is not a valid parameter for this endpoint (expected: ${allowed.join(', ')})`);
  }
}

/** Whether /register takes the storage for this version: the version table's flow, as Meta answers it. */
function isLegacy(v: ApiVersionInfo): boolean {
  return flowOfMajor(v.major) === 'register';
}

function checkRegion(state: EmulatorState, region: unknown, param: string): string {
  if (typeof region !== 'string' || region === '') throw invalidParameter(`Param ${param} must be a country code string, e.g. "BR"`);
  if (!state.options.supported_regions.includes(region)) {
    throw invalidParameter(
      `Param ${param} "${region}" is not a supported Local Storage region. Supported: ${state.options.supported_regions.join(', ')}`,
    );
  }
  return region;
}

/** No Storage retention: a whole number of minutes Meta accepts (today only 60). */
function checkRetention(raw: unknown, param: string): number {
  const minutes = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof minutes !== 'number' || !NO_STORAGE_RETENTION_MINUTES.includes(minutes)) {
    throw invalidParameter(`Param ${param} must be one of {${NO_STORAGE_RETENTION_MINUTES.join(', ')}} (minutes)`);
  }
  return minutes;
}

function mayEnableLocalStorage(n: PhoneNumberRecord): void {
  if (n.platform_type === 'ON_PREMISE') {
    throw invalidParameter('Local storage is not available for On-Premises API numbers: migrate the number to Cloud API first');
  }
  if (n.is_on_biz_app) {
    throw invalidParameter('Local storage is not supported for numbers in coexistence with the WhatsApp Business app');
  }
}

function mustBeUnregistered(n: PhoneNumberRecord): void {
  if (n.registered) {
    throw invalidParameter(
      'Local storage can only be enabled or disabled while the phone number is unregistered: deregister it (POST /<PHONE_NUMBER_ID>/deregister) first',
    );
  }
}

function writeSettings(state: EmulatorState, n: PhoneNumberRecord, req: GraphRequest): GraphResponse {
  rejectUnknownParams(req.params, SETTINGS_FEATURES);
  const features = SETTINGS_FEATURES.filter((f) => req.params[f] !== undefined);
  if (features.length === 0) throw invalidParameter(`One of the parameters ${SETTINGS_FEATURES.join(', ')} is required`);
  if (features.length > 1) throw invalidParameter('Only one feature setting can be specified per request');
  const feature = features[0];
  const value = objectParam(req.params, feature)!;
  if (feature !== 'storage_configuration') {
    n.settings = { ...(n.settings ?? {}), [feature]: value };
    state.changed();
    return SUCCESS;
  }
  if (isLegacy(req.version)) {
    throw invalidParameter(
      `Param storage_configuration is not available on ${req.version.raw}: use ${FIRST_SETTINGS_VERSION} or newer, or pass data_localization_region to POST /register`,
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== 'status' && key !== 'data_localization_region' && key !== 'retention_minutes') {
      throw invalidParameter(
        `Param storage_configuration[${key}] is not supported: use status, data_localization_region and retention_minutes`,
      );
    }
  }
  const status = value.status;
  if (status === undefined) throw invalidParameter('The parameter storage_configuration[status] is required');
  if (status !== ENABLED && status !== DISABLED && status !== NO_STORAGE) {
    throw invalidParameter(`Param storage_configuration[status] must be one of {${ENABLED}, ${DISABLED}, ${NO_STORAGE}}`);
  }
  if (status !== NO_STORAGE && value.retention_minutes !== undefined) {
    throw invalidParameter(`Param storage_configuration[retention_minutes] is only allowed when status is ${NO_STORAGE}`);
  }
  let next: StorageConfiguration;
  if (status === NO_STORAGE) {
    if (value.data_localization_region !== undefined) {
      throw invalidParameter(`Param storage_configuration[data_localization_region] is only allowed when status is ${ENABLED}`);
    }
    if (value.retention_minutes === undefined) {
      throw invalidParameter(`The parameter storage_configuration[retention_minutes] is required when status is ${NO_STORAGE}`);
    }
    next = { status, retention_minutes: checkRetention(value.retention_minutes, 'storage_configuration[retention_minutes]') };
  } else if (status === ENABLED) {
    if (value.data_localization_region === undefined) {
      throw invalidParameter(`The parameter storage_configuration[data_localization_region] is required when status is ${ENABLED}`);
    }
    next = {
      status,
      data_localization_region: checkRegion(state, value.data_localization_region, 'storage_configuration[data_localization_region]'),
    };
  } else {
    if (value.data_localization_region !== undefined) {
      throw invalidParameter(`Param storage_configuration[data_localization_region] is only allowed when status is ${ENABLED}`);
    }
    next = { status };
  }
  mustBeUnregistered(n);
  if (status !== DISABLED) mayEnableLocalStorage(n);
  n.storage_configuration = next;
  state.changed();
  return SUCCESS;
}

function sixDigits(params: Record<string, unknown>, name: 'pin' | 'code'): string {
  const v = params[name];
  if (v === undefined || v === null || v === '') throw invalidParameter(`The parameter ${name} is required`);
  const s = typeof v === 'number' ? String(v) : v;
  const ok = name === 'pin' ? isPin(s) : isVerificationCode(s);
  if (!ok) throw invalidParameter(`Param ${name} must be a 6-digit number`);
  return s as string;
}

/** v21.0+ answers a legacy register parameter with code 12, as Meta does (a third-party report of the live answer). */
function refuseDeprecatedRegisterParams(p: Record<string, unknown>, version: ApiVersionInfo): void {
  if (isLegacy(version)) return;
  const used = LEGACY_REGISTER_PARAMS.find((k) => p[k] !== undefined);
  if (!used) return;
  const message = `(#12) ${used} is deprecated for versions v${FIRST_SETTINGS_API_MAJOR}.0 or higher`;
  throw new GraphError(
    12,
    `${used} on /register is Deprecated for versions v${FIRST_SETTINGS_API_MAJOR}.0 or higher: write storage with POST /<PHONE_NUMBER_ID>/settings before registering`,
    {
      message,
      httpStatus: 400,
    },
  );
}

/** 133016 when the window is full; otherwise counts this request. */
function takeQuota(state: EmulatorState, times: number[], what: string): void {
  const now = state.now();
  const windowMs = state.options.registration_window_hours * 3_600_000;
  while (times.length > 0 && times[0] <= now - windowMs) times.shift();
  if (times.length >= state.options.registration_limit) {
    const until = new Date(times[0] + windowMs).toISOString();
    throw new GraphError(
      133016,
      `Too many ${what} requests for this phone number: ${state.options.registration_limit} per ${state.options.registration_window_hours} hours. Try again after ${until}.`,
    );
  }
  times.push(now);
  state.changed();
}

function register(state: EmulatorState, n: PhoneNumberRecord, req: GraphRequest): GraphResponse {
  const p = req.params;
  rejectUnknownParams(p, ['messaging_product', 'pin', 'data_localization_region', 'meta_store_retention_minutes', 'backup', 'tier']);
  if (p.messaging_product === undefined) throw invalidParameter('The parameter messaging_product is required');
  if (p.messaging_product !== 'whatsapp') throw invalidParameter('Param messaging_product must be "whatsapp"');
  const pin = sixDigits(p, 'pin');
  if (p.tier !== undefined && (typeof p.tier !== 'string' || !TIERS.includes(p.tier))) {
    throw invalidParameter(`Param tier must be one of {${TIERS.join(', ')}}`);
  }
  refuseDeprecatedRegisterParams(p, req.version);
  const legacy = isLegacy(req.version);
  const region =
    legacy && p.data_localization_region !== undefined
      ? checkRegion(state, p.data_localization_region, 'data_localization_region')
      : undefined;
  const retention =
    legacy && p.meta_store_retention_minutes !== undefined
      ? checkRetention(p.meta_store_retention_minutes, 'meta_store_retention_minutes')
      : undefined;
  if (region !== undefined && retention !== undefined) {
    throw invalidParameter(
      'Param meta_store_retention_minutes cannot be combined with data_localization_region: No Storage keeps no data at rest in any country',
    );
  }

  const c = state.countersOf(n.id);
  takeQuota(state, c.register, 'register');
  const now = state.now();
  if (c.lockedUntil !== undefined) {
    if (c.lockedUntil > now) {
      throw new GraphError(
        133008,
        `Too many incorrect two-step verification PIN guesses for this phone number. Try again after ${new Date(c.lockedUntil).toISOString()}.`,
      );
    }
    c.lockedUntil = undefined;
    c.pinFailures = 0;
  }
  if (n.code_verification_status !== 'VERIFIED') {
    throw new GraphError(133006, 'The phone number needs to be verified: call request_code and verify_code before registering.');
  }
  if (n.pin !== null && n.pin !== pin) {
    c.pinFailures += 1;
    if (c.pinFailures >= state.options.pin_lockout_threshold) c.lockedUntil = now + state.options.pin_lockout_minutes * 60_000;
    state.changed();
    throw new GraphError(133005, 'The two-step verification PIN does not match the one set for this phone number.');
  }
  let storage: StorageConfiguration | undefined;
  if (legacy) {
    storage = region
      ? { status: ENABLED, data_localization_region: region }
      : retention !== undefined
        ? { status: NO_STORAGE, retention_minutes: retention }
        : { status: DISABLED };
    const sameStorage = JSON.stringify(storageView(state, storage)) === JSON.stringify(storageView(state, n.storage_configuration));
    if (!sameStorage) mustBeUnregistered(n);
    if (region || retention !== undefined) mayEnableLocalStorage(n);
  }
  c.pinFailures = 0;
  if (n.pin === null) n.pin = pin; // two-step was off: the register PIN becomes the two-step PIN
  if (storage) n.storage_configuration = storage;
  n.registered = true;
  n.status = 'CONNECTED';
  n.platform_type = 'CLOUD_API';
  state.changed();
  return SUCCESS;
}

function deregister(state: EmulatorState, n: PhoneNumberRecord): GraphResponse {
  // Deregister takes no parameters; Graph ignores stray ones.
  if (n.is_on_biz_app) {
    throw invalidParameter(
      'This phone number is used with both Cloud API and the WhatsApp Business app (coexistence) and cannot be deregistered',
    );
  }
  const counters = state.countersOf(n.id);
  if (!n.registered && !counters.incompleteDeregistration) {
    // Meta's OpenAPI description: not a no-op. Checked before the quota, so it costs none.
    throw new GraphError(100, 'The phone number is not registered, so it cannot be deregistered.', {
      subcode: NOT_REGISTERED_SUBCODE,
      message: '(#100) Invalid parameter',
      httpStatus: 400,
    });
  }
  takeQuota(state, counters.deregister, 'deregister');
  counters.incompleteDeregistration = undefined;
  n.registered = false;
  n.status = 'DISCONNECTED';
  if (n.platform_type === 'CLOUD_API') n.platform_type = 'NOT_APPLICABLE';
  if (state.options.deregister_clears_storage) n.storage_configuration = { status: 'DEFAULT' };
  state.changed();
  return SUCCESS;
}

function requestCode(state: EmulatorState, n: PhoneNumberRecord, req: GraphRequest): GraphResponse {
  const p = req.params;
  rejectUnknownParams(p, ['code_method', 'language']);
  if (p.code_method === undefined) throw invalidParameter('The parameter code_method is required');
  if (p.code_method !== 'SMS' && p.code_method !== 'VOICE') throw invalidParameter('Param code_method must be one of {SMS, VOICE}');
  if (p.language === undefined) throw invalidParameter('The parameter language is required');
  if (typeof p.language !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(p.language)) {
    throw invalidParameter('Param language must be a language code such as "en" or "en_US"');
  }
  const now = state.now();
  const code = n.verification_code ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  state.countersOf(n.id).verification = {
    phoneNumberId: n.id,
    code,
    method: p.code_method,
    language: p.language,
    sentAt: now,
    expiresAt: now + state.options.verification_code_ttl_minutes * 60_000,
  };
  state.changed();
  return SUCCESS;
}

function verifyCode(state: EmulatorState, n: PhoneNumberRecord, req: GraphRequest): GraphResponse {
  rejectUnknownParams(req.params, ['code']);
  const code = sixDigits(req.params, 'code');
  const c = state.countersOf(n.id);
  const sent = c.verification;
  if (!sent) throw invalidParameter('No verification code was requested for this phone number: call request_code first');
  if (sent.expiresAt <= state.now()) throw invalidParameter('The verification code has expired: call request_code again');
  if (sent.code !== code) throw invalidParameter('The verification code does not match the code sent to this phone number');
  c.verification = undefined;
  n.code_verification_status = 'VERIFIED';
  state.changed();
  return SUCCESS;
}

function setPin(state: EmulatorState, n: PhoneNumberRecord, req: GraphRequest): GraphResponse {
  rejectUnknownParams(req.params, ['pin']);
  n.pin = sixDigits(req.params, 'pin');
  state.changed();
  return SUCCESS;
}
