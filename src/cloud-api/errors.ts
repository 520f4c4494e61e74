/**
 * GraphApiError: everything a caller needs to decide what to do about a failed
 * Graph call, and nothing secret. It is built field by field from the response
 * (never by wrapping the axios error, whose `config` carries the Authorization
 * header and the request body with the PIN).
 */

/** Graph codes worth retrying with backoff: the request was throttled or hit a temporary fault. */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  1, 2, 4, 17, 32, 341, 613, 80007, 130429, 131000, 131016, 131057, 133004, 2494100,
]);

/** Rate-limit codes: the request was rejected before it did anything, so even a POST may be resent. */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([4, 17, 32, 341, 613, 80007, 130429]);

/** Codes that never get better by retrying (auth, permissions, bad input, PIN, quotas). */
export const PERMANENT_CODES: ReadonlySet<number> = new Set([
  0, 3, 10, 33, 100, 102, 190, 200, 368, 131005, 131008, 131009, 131031, 133005, 133006, 133008, 133010, 133016,
]);

export type GraphFailureKind =
  /** The API answered with an error envelope or an HTTP error status. */
  | 'api'
  /** No answer in time; for a POST the request may or may not have taken effect. */
  | 'timeout'
  /** The connection dropped (reset, socket hang up); for a POST the outcome is unknown. */
  | 'network'
  /** The request never left (connection refused, DNS): safe to resend. */
  | 'unreachable'
  /** The client gave up waiting for a rate limit to clear (beyond the configured cap). */
  | 'rate_limited'
  /** The response was not the JSON the endpoint documents. */
  | 'invalid_response'
  /** The caller aborted. */
  | 'aborted';

export interface GraphApiErrorInit {
  kind: GraphFailureKind;
  message: string;
  method: string;
  /** Path without query string, e.g. /v21.0/106540352242922/register. */
  path: string;
  httpStatus?: number;
  code?: number;
  subcode?: number;
  type?: string;
  fbtraceId?: string;
  userTitle?: string;
  userMessage?: string;
  details?: string;
  isTransient?: boolean;
  retryable: boolean;
  outcomeUnknown?: boolean;
  /** Milliseconds Meta asked us to wait (Retry-After or usage header), when known. */
  retryAfterMs?: number;
  attempts?: number;
}

export class GraphApiError extends Error {
  readonly kind: GraphFailureKind;
  readonly method: string;
  readonly path: string;
  readonly httpStatus?: number;
  readonly code?: number;
  readonly subcode?: number;
  readonly type?: string;
  readonly fbtraceId?: string;
  readonly userTitle?: string;
  readonly userMessage?: string;
  readonly details?: string;
  readonly isTransient?: boolean;
  /** Whether trying again later could succeed. */
  readonly retryable: boolean;
  /** A write that may have taken effect: read the state before deciding to repeat it. */
  readonly outcomeUnknown: boolean;
  readonly retryAfterMs?: number;
  /** How many attempts the client made. */
  readonly attempts: number;

  constructor(init: GraphApiErrorInit) {
    super(init.message);
    this.name = 'GraphApiError';
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type;
    this.fbtraceId = init.fbtraceId;
    this.userTitle = init.userTitle;
    this.userMessage = init.userMessage;
    this.details = init.details;
    this.isTransient = init.isTransient;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /** A plain, secret-free description (safe for logs and diagnostics). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      method: this.method,
      path: this.path,
      httpStatus: this.httpStatus,
      code: this.code,
      subcode: this.subcode,
      fbtraceId: this.fbtraceId,
      userTitle: this.userTitle,
      userMessage: this.userMessage,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
      attempts: this.attempts,
    };
  }
}

export function isGraphApiError(e: unknown): e is GraphApiError {
  return e instanceof GraphApiError;
}

/**
 * Whether an API error (HTTP answer) is worth retrying. Known codes decide first,
 * because Meta says to build logic on `code`, not on HTTP status; then the
 * envelope's `is_transient`; then the HTTP status (5xx and 429 transient).
 */
export function isRetryableApiError(httpStatus: number | undefined, code: number | undefined, isTransient: boolean | undefined): boolean {
  if (code !== undefined) {
    if (PERMANENT_CODES.has(code)) return false;
    if (TRANSIENT_CODES.has(code)) return true;
    if (code >= 80001 && code <= 80014) return true; // business use case rate limits
  }
  if (isTransient !== undefined) return isTransient;
  if (httpStatus === undefined) return false;
  return httpStatus >= 500 || httpStatus === 429 || httpStatus === 408;
}

/** Throttled: rejected up front, nothing happened. */
export function isThrottle(httpStatus: number | undefined, code: number | undefined): boolean {
  if (code !== undefined && (THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014))) return true;
  return httpStatus === 429 && code === undefined;
}

/** Graph code 12: the call or a parameter is deprecated for the version that answered (e.g. the region on /register from v21.0 on). */
export function isDeprecatedForVersion(e: unknown): boolean {
  return e instanceof GraphApiError && e.kind === 'api' && e.code === 12;
}
