export { GraphApiClient, DEFAULT_TIMEOUT_MS } from './client';
export { DEFAULT_BASE_URL, explainInvalidBaseUrl, normalizeBaseUrl } from './base-url';
export type { GraphClientConfig, CallOptions, RetryNotice } from './client';
export type { ApiVersion } from './api-version';
export { parseApiVersion, ApiVersionError, DEFAULT_API_VERSION, FIRST_SETTINGS_API_MAJOR } from './api-version';
export {
  GraphApiError,
  isGraphApiError,
  isRetryableApiError,
  isThrottle,
  TRANSIENT_CODES,
  PERMANENT_CODES,
  THROTTLE_CODES,
} from './errors';
export type { GraphFailureKind, GraphApiErrorInit } from './errors';
export { graphSecretMask } from './redact';
export { backoffDelay, parseRetryAfter, parseBusinessUseCaseWait, DEFAULT_RETRY_POLICY } from './retry';
export type { RetryPolicy } from './retry';
export { explainInvalidGraphId, assertGraphId, isGraphId, GRAPH_ID_MAX_DIGITS, InvalidArgumentError } from './ids';
export * from './graph-types';
