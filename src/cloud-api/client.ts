/**
 * Typed Graph API client for the phone-number endpoints Local Storage needs.
 * One axios instance per configuration (base URL + version, Bearer token,
 * keep-alive transport, timeout). Every failure becomes a GraphApiError with the
 * secrets scrubbed. GETs are retried on transient failures; POSTs are resent
 * only when the request provably never left (connection refused, DNS). A POST
 * whose outcome is unknown, a rate-limited one included (Meta does not say a
 * throttled write did nothing), surfaces as `outcomeUnknown` so the caller can
 * read the state first (register/deregister count toward a 10-per-72h limit).
 */
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import { DEFAULT_API_VERSION, parseApiVersion, type ApiVersion } from './api-version';
import { GraphApiError, isRetryableApiError, isThrottle, type GraphFailureKind } from './errors';
import type {
  PhoneNumberNode,
  PhoneNumberPage,
  PhoneNumberSettings,
  RegisterRequest,
  RequestCodeRequest,
  StorageConfigurationWrite,
  SuccessResponse,
} from './graph-types';
import { PHONE_NUMBER_FIELDS } from './phone-number-fields';
import { createTransport, type GraphTransport } from './transport';
import { assertGraphId, InvalidArgumentError } from './ids';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from './base-url';
import { CLIENT_INPUT_NAMES, type ClientInputNames } from './input-names';
import { graphSecretMask } from './redact';
import type { SecretMask } from '../shared/secret-mask';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseBusinessUseCaseWait, parseRetryAfter, sleep, type RetryPolicy } from './retry';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RetryNotice {
  operation: string;
  /** 1-based number of the retry about to happen. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface GraphClientConfig {
  accessToken: string;
  /** "v21.0" (default) or "21.0"; or an already parsed version. */
  apiVersion?: string | ApiVersion;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Backoff base; tests pass a few milliseconds. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Longest wait we accept when Meta asks for one (Retry-After / usage header). */
  maxRateLimitWaitMs?: number;
  userAgent?: string;
  /** Called before each retry (for logs and progress events); carries no secrets. */
  onRetry?: (notice: RetryNotice) => void;
  /** For deterministic jitter in tests. */
  random?: () => number;
  /** How the caller's users spell the client's inputs in its messages; default the field names of this config. */
  names?: ClientInputNames;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** What the last Graph answer said about the server: the version that answered and its clock. */
export interface ServerView {
  /** The facebook-api-version header: the version that answered (a newer one once the configured version has stopped). */
  answeredVersion?: string;
  /** The server's clock minus ours, from the Date header (whole seconds). */
  clockOffsetMs?: number;
}

interface Operation {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  params?: Record<string, string | number>;
  data?: unknown;
  /** Per-call secrets to scrub (PIN, verification code). */
  secrets?: string[];
  signal?: AbortSignal;
}

// Error codes from Node/axios that prove the request never reached the server.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

export { CONNECTION_POOL_SIZE } from './connection-pool';

export class GraphApiClient {
  readonly apiVersion: ApiVersion;
  readonly baseUrl: string;
  private readonly http: AxiosInstance;
  private readonly transport: GraphTransport;
  private readonly redactor: SecretMask;
  private readonly policy: RetryPolicy;
  private readonly onRetry?: (notice: RetryNotice) => void;
  private readonly names: ClientInputNames;
  private server: ServerView = {};
  /** Answered requests and their summed time, for the mean a plan's rollout estimate uses. */
  private answered = { count: 0, totalMs: 0 };

  constructor(config: GraphClientConfig) {
    const names = config?.names ?? CLIENT_INPUT_NAMES;
    this.names = names;
    if (!config || typeof config.accessToken !== 'string' || config.accessToken.trim() === '') {
      throw new InvalidArgumentError(
        `${names.accessToken} is empty: pass the token of a system user with whatsapp_business_management.`,
        names.accessToken,
      );
    }
    this.apiVersion =
      typeof config.apiVersion === 'object'
        ? config.apiVersion
        : parseApiVersion(config.apiVersion ?? DEFAULT_API_VERSION, names.apiVersion);
    this.baseUrl = normalizeBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL, names);
    this.redactor = graphSecretMask([config.accessToken]);
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      maxRetries: config.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseDelayMs: config.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: config.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      maxRateLimitWaitMs: config.maxRateLimitWaitMs ?? DEFAULT_RETRY_POLICY.maxRateLimitWaitMs,
      random: config.random,
    };
    this.onRetry = config.onRetry;
    // Certificates always verified, keep-alive, a bounded pool: src/cloud-api/transport.ts.
    this.transport = createTransport();
    this.http = axios.create({
      ...this.transport.axiosDefaults,
      baseURL: `${this.baseUrl}/${this.apiVersion.raw}`,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: {
        Authorization: `Bearer ${config.accessToken}`,
        'User-Agent': config.userAgent ?? 'whatsapp-local-storage',
        Accept: 'application/json',
      },
      // Every HTTP answer is handled here, so axios only throws for transport failures.
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
      maxRedirects: 0,
    });
  }

  /** The version and clock of the last Graph answer (empty before the first one). */
  serverView(): ServerView {
    return { ...this.server };
  }

  /** The server's "now" as its last answer told it (our clock before any answer). */
  serverNow(): number {
    return Date.now() + (this.server.clockOffsetMs ?? 0);
  }

  /** Mean time of the requests Graph answered so far, in ms; undefined before the first answer. */
  meanLatencyMs(): number | undefined {
    return this.answered.count > 0 ? this.answered.totalMs / this.answered.count : undefined;
  }

  /** Scrubs the token (and any extra secrets) from text produced outside the client. */
  redact(text: string, ...extraSecrets: Array<string | undefined>): string {
    return this.redactor.with(...extraSecrets).redact(text);
  }

  /** GET /{id}?fields=... */
  getPhoneNumber(
    phoneNumberId: string,
    fields: readonly string[] = PHONE_NUMBER_FIELDS,
    options: CallOptions = {},
  ): Promise<PhoneNumberNode> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    const path = `/${phoneNumberId}`;
    return this.call<PhoneNumberNode>({
      name: 'get_phone_number',
      method: 'GET',
      path,
      params: { fields: fields.join(',') },
      signal: options.signal,
    }).then((node) => {
      // Asked for registration facts but got none: reading that as "not registered" would be a guess.
      const asked = fields.includes('status') || fields.includes('platform_type');
      if (!isObject(node) || (asked && typeof node.status !== 'string' && typeof node.platform_type !== 'string')) {
        throw this.unreadableState(path, 'status or platform_type', node);
      }
      return node;
    });
  }

  /** GET /{id}/settings */
  getSettings(phoneNumberId: string, options: CallOptions = {}): Promise<PhoneNumberSettings> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    const path = `/${phoneNumberId}/settings`;
    return this.call<PhoneNumberSettings>({ name: 'get_settings', method: 'GET', path, signal: options.signal }).then((settings) => {
      const storage = isObject(settings) ? settings.storage_configuration : undefined;
      if (!isObject(storage) || typeof storage.status !== 'string')
        throw this.unreadableState(path, 'storage_configuration.status', settings);
      return settings;
    });
  }

  /** POST /{id}/settings with any settings body (one feature per request). */
  postSettings(phoneNumberId: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    return this.write({ name: 'settings', method: 'POST', path: `/${phoneNumberId}/settings`, data: body, signal: options.signal });
  }

  /** POST /{id}/settings {storage_configuration} (v21.0+; the number must be deregistered). */
  setStorageConfiguration(
    phoneNumberId: string,
    region: string | null | StorageConfigurationWrite,
    options: CallOptions = {},
  ): Promise<SuccessResponse> {
    const storage_configuration: StorageConfigurationWrite =
      region === null
        ? { status: 'IN_COUNTRY_STORAGE_DISABLED' }
        : typeof region === 'string'
          ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region }
          : region;
    return this.postSettings(phoneNumberId, { storage_configuration }, options);
  }

  /** POST /{id}/register. The PIN never appears in errors or notices. */
  register(phoneNumberId: string, request: RegisterRequest, options: CallOptions = {}): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    if (request.dataLocalizationRegion !== undefined && request.metaStoreRetentionMinutes !== undefined) {
      throw new InvalidArgumentError(
        'register: data_localization_region and meta_store_retention_minutes cannot be sent together (Meta refuses the combination).',
        'data_localization_region',
      );
    }
    const data: Record<string, string | number> = { messaging_product: 'whatsapp', pin: request.pin };
    if (request.dataLocalizationRegion !== undefined) data.data_localization_region = request.dataLocalizationRegion;
    if (request.metaStoreRetentionMinutes !== undefined) data.meta_store_retention_minutes = request.metaStoreRetentionMinutes;
    return this.write({
      name: 'register',
      method: 'POST',
      path: `/${phoneNumberId}/register`,
      data,
      secrets: [request.pin],
      signal: options.signal,
    });
  }

  /**
   * POST /{id} {"pin": "..."}: sets the number's two-step verification PIN, or changes
   * the one it has (Meta's Two-Step Verification page). The PIN never appears in errors.
   */
  setTwoStepPin(phoneNumberId: string, pin: string, options: CallOptions = {}): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    return this.call<SuccessResponse>({
      name: 'set_pin',
      method: 'POST',
      path: `/${phoneNumberId}`,
      data: { pin },
      secrets: [pin],
      signal: options.signal,
    });
  }

  /** POST /{id}/deregister */
  deregister(phoneNumberId: string, options: CallOptions = {}): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    return this.write({ name: 'deregister', method: 'POST', path: `/${phoneNumberId}/deregister`, data: {}, signal: options.signal });
  }

  /** POST /{id}/request_code?code_method=SMS&language=en_US */
  requestCode(
    phoneNumberId: string,
    request: RequestCodeRequest = { codeMethod: 'SMS', language: 'en_US' },
    options: CallOptions = {},
  ): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    return this.write({
      name: 'request_code',
      method: 'POST',
      path: `/${phoneNumberId}/request_code`,
      params: { code_method: request.codeMethod, language: request.language },
      signal: options.signal,
    });
  }

  /** POST /{id}/verify_code; the code travels in the body (not the URL) and is scrubbed from errors. */
  verifyCode(phoneNumberId: string, code: string, options: CallOptions = {}): Promise<SuccessResponse> {
    assertGraphId(phoneNumberId, this.names.phoneNumberId);
    return this.write({
      name: 'verify_code',
      method: 'POST',
      path: `/${phoneNumberId}/verify_code`,
      data: { code },
      secrets: [code],
      signal: options.signal,
    });
  }

  /** One page of GET /{waba_id}/phone_numbers. */
  listPhoneNumbersPage(
    wabaId: string,
    page: { after?: string; limit?: number; fields?: readonly string[] } = {},
    options: CallOptions = {},
  ): Promise<PhoneNumberPage> {
    assertGraphId(wabaId, this.names.wabaId);
    const params: Record<string, string | number> = { fields: (page.fields ?? PHONE_NUMBER_FIELDS).join(',') };
    if (page.limit !== undefined) params.limit = page.limit;
    if (page.after !== undefined) params.after = page.after;
    return this.call<PhoneNumberPage>({
      name: 'list_phone_numbers',
      method: 'GET',
      path: `/${wabaId}/phone_numbers`,
      params,
      signal: options.signal,
    });
  }

  /**
   * The pages of GET /{waba_id}/phone_numbers, following the `after` cursor while Graph gives a `next`
   * link. A cursor that repeats or a listing longer than `maxPages` fails loudly: a partial list must
   * never pass for the whole WABA.
   */
  async *phoneNumberPages(
    wabaId: string,
    opts: { fields?: readonly string[]; pageSize?: number; maxPages?: number } = {},
    options: CallOptions = {},
  ): AsyncGenerator<PhoneNumberNode[]> {
    let after: string | undefined;
    const seen = new Set<string>();
    const maxPages = opts.maxPages ?? 10_000;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.listPhoneNumbersPage(wabaId, { after, limit: opts.pageSize, fields: opts.fields }, options);
      if (!Array.isArray(page?.data)) {
        throw this.invalidResponse('GET', `/${wabaId}/phone_numbers`, 'the response has no "data" list');
      }
      yield page.data;
      const next = page.paging?.cursors?.after;
      if (!page.paging?.next || !next) return;
      if (seen.has(next))
        throw this.invalidResponse(
          'GET',
          `/${wabaId}/phone_numbers`,
          `paging returned the cursor "${next}" twice, so the listing would never end`,
        );
      seen.add(next);
      after = next;
    }
    throw this.invalidResponse(
      'GET',
      `/${wabaId}/phone_numbers`,
      `the listing has more than ${maxPages} pages; it was stopped rather than returned incomplete`,
    );
  }

  /** Every phone number of a WABA (all pages; see phoneNumberPages). */
  async listPhoneNumbers(
    wabaId: string,
    opts: { fields?: readonly string[]; pageSize?: number; maxPages?: number } = {},
    options: CallOptions = {},
  ): Promise<PhoneNumberNode[]> {
    const all: PhoneNumberNode[] = [];
    for await (const page of this.phoneNumberPages(wabaId, opts, options)) all.push(...page);
    return all;
  }

  /**
   * The rule for waits Meta asks for (Retry-After, usage header): up to the
   * configured cap they are waited out; beyond it the call fails now, as
   * rate_limited, saying when to run again. Returns that failure, or undefined
   * when `error` asks for no wait or one within the cap.
   */
  refuseLongWait(error: unknown): GraphApiError | undefined {
    if (!(error instanceof GraphApiError) || error.kind === 'rate_limited') return undefined;
    const asked = error.retryAfterMs ?? 0;
    if (asked <= this.policy.maxRateLimitWaitMs) return undefined;
    return new GraphApiError({
      ...error.toJSON(),
      kind: 'rate_limited',
      method: error.method,
      path: error.path,
      retryable: true,
      retryAfterMs: asked,
      attempts: error.attempts,
      message: `${error.message} Meta asks to wait ${formatWait(asked)} before calling again, longer than the ${formatWait(this.policy.maxRateLimitWaitMs)} this client waits: run again after that time.`,
    });
  }

  /** Releases the keep-alive sockets (lets a process or a test exit promptly). */
  close(): void {
    this.transport.close();
  }

  // ---- internals ----

  /** A write succeeded only when Graph says {"success": true}; any other 2xx (a proxy's `{}`, a list) proves nothing. */
  private write(op: Operation): Promise<SuccessResponse> {
    return this.call<unknown>(op).then((answer) => {
      if (isObject(answer) && answer.success === true) return answer as unknown as SuccessResponse;
      const got = this.redactor.with(...(op.secrets ?? [])).redact(JSON.stringify(answer)?.slice(0, 80) ?? String(answer));
      throw new GraphApiError({
        kind: 'invalid_response',
        method: op.method,
        path: op.path,
        retryable: true,
        outcomeUnknown: true,
        message: `${op.method} ${op.path} answered without {"success": true} (got ${got}); the outcome is unknown.`,
      });
    });
  }

  /** A 2xx read without the fields the state is made of: the state cannot be known, so callers must not act on it. */
  private unreadableState(path: string, what: string, got: unknown): GraphApiError {
    return new GraphApiError({
      kind: 'invalid_response',
      method: 'GET',
      path,
      retryable: true,
      message: this.redactor.redact(
        `GET ${path} answered without ${what} (got ${JSON.stringify(got)?.slice(0, 80) ?? String(got)}); the number's state cannot be known, so nothing was changed.`,
      ),
    });
  }

  private async call<T>(op: Operation): Promise<T> {
    const redactor = this.redactor.with(...(op.secrets ?? []));
    for (let attempt = 0; ; attempt++) {
      let error: GraphApiError;
      try {
        const sent = performance.now();
        const response = await this.http.request({
          method: op.method,
          url: op.path,
          params: op.params,
          data: op.data,
          signal: op.signal,
        });
        this.answered.count++;
        this.answered.totalMs += performance.now() - sent;
        const outcome = this.interpret<T>(op, response, redactor, attempt + 1);
        if (!(outcome instanceof GraphApiError)) return outcome;
        error = outcome;
      } catch (e) {
        error = this.transportError(op, e, redactor, attempt + 1);
      }
      const resendable = op.method === 'GET' || error.kind === 'unreachable';
      if (!error.retryable || !resendable || attempt >= this.policy.maxRetries || op.signal?.aborted) throw error;
      const refused = this.refuseLongWait(error);
      if (refused) throw refused;
      const asked = error.retryAfterMs ?? 0;
      const delayMs = Math.max(backoffDelay(attempt, this.policy), asked);
      this.onRetry?.({ operation: op.name, attempt: attempt + 1, delayMs, reason: error.message });
      try {
        await sleep(delayMs, op.signal);
      } catch {
        throw error;
      }
    }
  }

  private interpret<T>(op: Operation, response: AxiosResponse, redactor: SecretMask, attempts: number): T | GraphApiError {
    const body = response.data as unknown;
    const envelope = body && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined;
    const status = response.status;
    this.noteServer(response.headers);
    if (status >= 200 && status < 300 && envelope === undefined) {
      if (body && typeof body === 'object') return body as T;
      // A 2xx without JSON: for a POST we cannot tell whether it took effect.
      return new GraphApiError({
        kind: 'invalid_response',
        method: op.method,
        path: op.path,
        httpStatus: status,
        message: `${op.method} ${op.path}: HTTP ${status} with a body that is not JSON; the outcome is unknown.`,
        retryable: true,
        outcomeUnknown: op.method === 'POST',
        attempts,
      });
    }
    const retryAfterMs = maxDefined(
      parseRetryAfter(response.headers?.['retry-after'], Date.now()),
      parseBusinessUseCaseWait(response.headers?.['x-business-use-case-usage']),
    );
    if (envelope && typeof envelope === 'object') {
      const e = envelope as Record<string, unknown>;
      const code = toInt(e.code);
      const subcode = toInt(e.error_subcode);
      const isTransient = typeof e.is_transient === 'boolean' ? e.is_transient : undefined;
      const errorData = e.error_data && typeof e.error_data === 'object' ? (e.error_data as Record<string, unknown>) : undefined;
      const details = str(errorData?.details);
      const userTitle = str(e.error_user_title);
      const userMessage = str(e.error_user_msg);
      const graphMessage = str(e.message) ?? 'no message';
      const parts = [
        `${op.method} ${op.path} failed: Graph error ${code ?? '?'}${subcode !== undefined ? `/${subcode}` : ''} (HTTP ${status}): ${graphMessage}`,
      ];
      if (details && details !== graphMessage) parts.push(`Details: ${details}`);
      if (userTitle || userMessage) parts.push(`Meta says: ${[userTitle, userMessage].filter(Boolean).join(' - ')}`);
      const fbtraceId = str(e.fbtrace_id);
      if (fbtraceId) parts.push(`(fbtrace_id ${fbtraceId})`);
      // A throttled write: Meta does not promise it did nothing, so the caller reads before sending it again.
      const throttledWrite = op.method === 'POST' && isThrottle(status, code);
      return new GraphApiError({
        kind: 'api',
        method: op.method,
        path: op.path,
        httpStatus: status,
        code,
        subcode,
        outcomeUnknown: throttledWrite,
        type: redactor.redactOptional(str(e.type)),
        fbtraceId,
        userTitle: redactor.redactOptional(userTitle),
        userMessage: redactor.redactOptional(userMessage),
        details: redactor.redactOptional(details),
        isTransient,
        retryable: isRetryableApiError(status, code, isTransient),
        retryAfterMs,
        attempts,
        message: redactor.redact(parts.join(' ')),
      });
    }
    // An HTTP error without Graph's envelope (proxy page, plain text).
    const snippet = typeof body === 'string' ? body.slice(0, 200).replace(/\s+/g, ' ').trim() : '';
    return new GraphApiError({
      kind: 'api',
      method: op.method,
      path: op.path,
      httpStatus: status,
      retryable: isRetryableApiError(status, undefined, undefined),
      retryAfterMs,
      attempts,
      message: redactor.redact(
        `${op.method} ${op.path} failed: HTTP ${status} without a Graph error body${snippet ? `: ${snippet}` : ''}.`,
      ),
    });
  }

  private noteServer(headers: Record<string, unknown> | undefined): void {
    const version = headers?.['facebook-api-version'];
    const date = typeof headers?.date === 'string' ? Date.parse(headers.date) : Number.NaN;
    if (typeof version === 'string' && version !== '') this.server.answeredVersion = version;
    // Date has whole seconds: an offset under that is our own clock.
    if (Number.isFinite(date)) this.server.clockOffsetMs = Math.abs(date - Date.now()) < 2000 ? 0 : date - Date.now();
  }

  private transportError(op: Operation, e: unknown, redactor: SecretMask, attempts: number): GraphApiError {
    const code = isAxiosError(e) ? e.code : (e as { code?: string } | undefined)?.code;
    const cause = isAxiosError(e) ? (e.cause as { code?: string } | undefined)?.code : undefined;
    const raw = e instanceof Error ? e.message : String(e);
    let kind: GraphFailureKind;
    let text: string;
    if (code === 'ERR_CANCELED' || op.signal?.aborted) {
      kind = 'aborted';
      text = 'the call was cancelled';
    } else if (code && TIMEOUT_CODES.has(code)) {
      kind = 'timeout';
      text = `no answer within ${this.http.defaults.timeout} ms`;
    } else if ((code && NOT_SENT_CODES.has(code)) || (cause && NOT_SENT_CODES.has(cause))) {
      kind = 'unreachable';
      text = `cannot reach ${this.baseUrl} (${code ?? cause})`;
    } else {
      kind = 'network';
      // The fetch adapter reports every failed exchange as ERR_NETWORK; the socket's code is the cause's.
      text = `the connection failed (${(code === 'ERR_NETWORK' ? cause : undefined) ?? code ?? cause ?? raw})`;
    }
    const unknown = op.method === 'POST' && (kind === 'timeout' || kind === 'network');
    return new GraphApiError({
      kind,
      method: op.method,
      path: op.path,
      retryable: kind !== 'aborted',
      outcomeUnknown: unknown,
      attempts,
      message: redactor.redact(
        `${op.method} ${op.path} failed: ${text}.${unknown ? ' The request may or may not have taken effect; read the state before repeating it.' : ''}`,
      ),
    });
  }

  private invalidResponse(method: string, path: string, why: string): GraphApiError {
    return new GraphApiError({ kind: 'invalid_response', method, path, retryable: false, message: `${method} ${path}: ${why}.` });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function formatWait(ms: number): string {
  if (ms >= 120_000) return `${Math.round(ms / 60_000)} minutes`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  return `${ms} ms`;
}
