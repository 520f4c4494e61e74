/**
 * Graph error envelopes as Meta's API returns them: message "(#code) title",
 * type, code, optional error_subcode, error_data {messaging_product, details},
 * is_transient and a random fbtrace_id, with the HTTP status Graph uses.
 */
import { randomBytes } from 'node:crypto';
import type { FaultErrorSpec } from './types';

interface CodeInfo {
  title: string;
  http: number;
  transient: boolean;
  type?: string;
}

/** Titles and HTTP statuses from Meta's error-codes page (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes). */
const CODES: Record<number, CodeInfo> = {
  0: { title: 'AuthException', http: 401, transient: false },
  1: { title: 'An unknown error occurred', http: 500, transient: true },
  2: { title: 'An unexpected error has occurred. Please retry your request later.', http: 500, transient: true },
  3: { title: 'Capability or permissions issue.', http: 500, transient: false },
  4: { title: 'Application request limit reached', http: 400, transient: true },
  10: { title: 'Permission denied', http: 403, transient: false },
  17: { title: 'User request limit reached', http: 400, transient: true },
  100: { title: 'Invalid parameter', http: 400, transient: false },
  190: { title: 'Invalid OAuth access token', http: 401, transient: false },
  200: { title: 'Permission denied', http: 403, transient: false },
  368: { title: 'Temporarily blocked for policies violations', http: 403, transient: false },
  2500: { title: 'Unknown path components', http: 400, transient: false },
  80007: { title: 'Rate limit issues', http: 400, transient: true },
  130429: { title: 'Rate limit hit', http: 400, transient: true },
  131000: { title: 'Something went wrong', http: 500, transient: true },
  131005: { title: 'Access denied', http: 403, transient: false },
  131008: { title: 'Required parameter is missing', http: 400, transient: false },
  131009: { title: 'Parameter value is not valid', http: 400, transient: false },
  131016: { title: 'Service unavailable', http: 500, transient: true },
  131031: { title: 'Account has been locked', http: 403, transient: false },
  131057: { title: 'Account in maintenance mode', http: 500, transient: true },
  133000: { title: 'Incomplete deregistration', http: 500, transient: false },
  133004: { title: 'Server Temporarily Unavailable', http: 503, transient: true },
  133005: { title: 'Two step verification PIN Mismatch', http: 400, transient: false },
  133006: { title: 'Phone number re-verification needed', http: 400, transient: false },
  133008: { title: 'Too Many two step verification PIN Guesses', http: 400, transient: false },
  133009: { title: 'Two step verification PIN Guessed Too Fast', http: 400, transient: true },
  133010: { title: 'Phone number Not Registered', http: 400, transient: false },
  133015: { title: 'Please wait a few minutes before attempting to register this phone number', http: 400, transient: true },
  133016: { title: 'Account register deregister rate limit exceeded', http: 400, transient: false },
  135000: { title: 'Generic user error', http: 400, transient: false },
};

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data: { messaging_product: 'whatsapp'; details: string };
    is_transient: boolean;
    fbtrace_id: string;
  };
}

/** A Graph failure raised by the rules; the server turns it into an envelope. */
export class GraphError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly opts: { subcode?: number; httpStatus?: number; type?: string; message?: string; transient?: boolean } = {},
  ) {
    super(opts.message ?? details);
  }

  get httpStatus(): number {
    return this.opts.httpStatus ?? defaultHttpStatus(this.code);
  }

  toBody(): GraphErrorBody {
    const info = CODES[this.code];
    // An explicit message is Graph's wording verbatim; otherwise "(#code) title" as on Meta's error-codes page.
    const error: GraphErrorBody['error'] = {
      message: this.opts.message ?? `(#${this.code}) ${info ? info.title : 'Error'}`,
      type: this.opts.type ?? info?.type ?? (this.code === 100 && this.opts.subcode === 33 ? 'GraphMethodException' : 'OAuthException'),
      code: this.code,
      error_data: { messaging_product: 'whatsapp', details: this.details },
      is_transient: this.opts.transient ?? info?.transient ?? false,
      fbtrace_id: newFbtraceId(),
    };
    if (this.opts.subcode !== undefined) error.error_subcode = this.opts.subcode;
    // Key order as Graph prints it: subcode before error_data.
    const { message, type, code, error_subcode, error_data, is_transient, fbtrace_id } = error;
    return {
      error: { message, type, code, ...(error_subcode !== undefined ? { error_subcode } : {}), error_data, is_transient, fbtrace_id },
    };
  }
}

export function defaultHttpStatus(code: number): number {
  return CODES[code]?.http ?? (code >= 80001 && code <= 80014 ? 400 : 400);
}

export function graphErrorFromSpec(spec: FaultErrorSpec): GraphError {
  return new GraphError(spec.code, spec.details ?? spec.message ?? CODES[spec.code]?.title ?? 'Injected fault', {
    subcode: spec.error_subcode,
    httpStatus: spec.http_status,
    type: spec.type,
    message: spec.message,
    transient: spec.is_transient,
  });
}

/** Graph's trace ids look like "AbC9_-x..." (23 url-safe characters). */
export function newFbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}

// --- The errors the rules raise, in one place so their wording stays consistent. ---

export function objectNotFound(id: string, method: string): GraphError {
  const message =
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
    'or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';
  return new GraphError(100, message, { subcode: 33, message, type: 'GraphMethodException' });
}

export function invalidParameter(details: string): GraphError {
  return new GraphError(100, details, { message: `(#100) ${details}` });
}

export function missingToken(): GraphError {
  const message = 'An active access token must be used to query information about the current user.';
  return new GraphError(190, message, { message });
}

export function invalidToken(): GraphError {
  const message = 'Invalid OAuth access token - Cannot parse access token';
  return new GraphError(190, message, { message });
}

export function expiredToken(): GraphError {
  const message = 'Error validating access token: Session has expired.';
  return new GraphError(190, message, { message, subcode: 463 });
}
