/**
 * The engine's one error contract. Every failure leaves the engine as an
 * EngineError of a small set of kinds, each with the engine input its fix belongs
 * to and a message a user can act on. This is the only module outside the
 * Graph client that knows Graph error codes: callers decide on `kind`, never
 * on a code, an HTTP status or a client error class.
 */
import { GraphApiError, isDeprecatedForVersion } from '../cloud-api/errors';
import { InvalidArgumentError } from '../cloud-api/ids';
import type { EngineInputField, InputNames } from './engine-inputs';

export const ENGINE_ERROR_KINDS = [
  /** A value we were given is wrong (id, region, PIN format, API version, base URL); `field` names it. */
  'invalid_input',
  /** The number does not exist or this token cannot see it (Graph answers both alike). */
  'not_found',
  /** The access token is invalid or expired. */
  'auth',
  /** The token lacks a permission for this number. */
  'permission',
  /** The two-step PIN was refused (wrong, locked, tried too fast). */
  'pin',
  /** The number must be verified with a one-time code first. */
  'verification',
  /** Meta's register/deregister quota for the number is used up. */
  'quota',
  /** Meta asked to wait longer than the engine waits. */
  'rate_limited',
  /** A failure that may pass by itself (5xx, throttling, a dropped connection on a read). */
  'transient',
  /** A write may or may not have taken effect. */
  'unknown_outcome',
  /** The number changed while the engine worked on it, or does not read as expected after the writes. */
  'conflict',
  /** The declared state cannot be reached on this number (e.g. an On-Premises number). */
  'unsupported',
  /** Meta refused for a lasting reason not listed above; its message says why. */
  'rejected',
  /** The caller cancelled. */
  'cancelled',
  /** Something unexpected (a bug): not the user's doing. */
  'internal',
] as const;

export type EngineErrorKind = (typeof ENGINE_ERROR_KINDS)[number];

/** Error for users: what went wrong, the engine input the fix belongs to, whether trying again may help. */
export interface EngineError {
  kind: EngineErrorKind;
  message: string;
  /** The engine input the problem belongs to, e.g. "pin", "region", "accessToken"; callers map it to their own names. */
  field?: EngineInputField;
  retryable: boolean;
}

/** The input each kind concerns, when the kind alone decides it. */
export const KIND_FIELD: Readonly<Partial<Record<EngineErrorKind, EngineInputField>>> = {
  not_found: 'phoneNumberId',
  auth: 'accessToken',
  permission: 'accessToken',
  pin: 'pin',
  verification: 'verificationCode',
};

/** How the engine words a failure for its caller: secrets scrubbed, inputs spelled the caller's way. */
export interface Wording {
  redact: (text: string) => string;
  names: InputNames;
}

/** Thrown by the engine's reading methods; carries the EngineError. */
export class EngineFailure extends Error {
  readonly kind: EngineErrorKind;
  readonly field?: EngineInputField;
  readonly retryable: boolean;

  constructor(readonly error: EngineError) {
    super(error.message);
    this.name = 'EngineFailure';
    this.kind = error.kind;
    this.field = error.field;
    this.retryable = error.retryable;
  }
}

/** Graph's "Two step verification PIN Mismatch". */
export const PIN_MISMATCH = 133005;

/** What a wrong two-step PIN costs when only the register after a deregister finds it out (Meta has no PIN check). */
export function wrongPinRisk(names: InputNames): string {
  return (
    `Meta has no way to check a PIN without registering: if ${names.pin} is not the number's current two-step PIN, ` +
    `the register after the deregister fails (${PIN_MISMATCH} "Two step verification PIN Mismatch") ` +
    'and the number stays offline until the right PIN is applied (or the PIN is reset in WhatsApp Manager). ' +
    `Set ${names.assign(names.setPinBeforeDeregister, true)} to set the two-step PIN to the configured one before the deregister ` +
    "(this changes the number's PIN)."
  );
}

/** Meta refused a call or parameter as deprecated for the version that answered (e.g. the region on /register from v21.0 on). */
export function refusedAsDeprecated(e: unknown): boolean {
  return isDeprecatedForVersion(e);
}

interface GraphCodeRule {
  kind: EngineErrorKind;
  /** What to do, in the caller's names, put before Graph's own text; absent when Graph's text says enough. */
  fix?: (names: InputNames) => string;
  /** Registering again cannot succeed until the user acts (recovery must not spend a register call on it). */
  blocksRegister?: boolean;
}

const AUTH: GraphCodeRule = {
  kind: 'auth',
  blocksRegister: true,
  fix: (n) => `The access token is invalid or expired: create a new one (a system-user token does not expire) and set ${n.accessToken}.`,
};
const PERMISSION: GraphCodeRule = {
  kind: 'permission',
  blocksRegister: true,
  fix: () =>
    'The token lacks permission for this number: grant whatsapp_business_management (and whatsapp_business_messaging) ' +
    'to the system user, or use a token of the business that owns the number.',
};

/** Graph's answer when a number's register or deregister window is full. */
export const QUOTA_EXCEEDED = 133016;

/** Graph error codes the engine explains; anything else is classified by the client's retry facts. */
const GRAPH_CODES: ReadonlyMap<number, GraphCodeRule> = new Map([
  [0, AUTH],
  [190, AUTH],
  [10, PERMISSION],
  [200, PERMISSION],
  [33, { kind: 'not_found', fix: (n) => `The phone number has been deleted: check ${n.phoneNumberId}.` }],
  // The business account is locked.
  [131031, { kind: 'rejected', blocksRegister: true }],
  [
    PIN_MISMATCH,
    {
      kind: 'pin',
      blocksRegister: true,
      fix: (n) =>
        `The two-step verification PIN is wrong: set ${n.pin} to the number's current two-step PIN ` +
        '(it can be reset in WhatsApp Manager), then apply again.',
    },
  ],
  [
    133006,
    {
      kind: 'verification',
      blocksRegister: true,
      fix: (n) =>
        `Meta requires the number to be verified again: an apply without ${n.verificationCode} asks Meta to send a code by SMS; ` +
        `pass the code received as ${n.verificationCode}.`,
    },
  ],
  [
    133008,
    {
      kind: 'pin',
      blocksRegister: true,
      fix: (n) =>
        `Too many wrong PINs: Meta locked PIN checks for this number for a while; ` +
        `wait (see the details) and apply again with the correct ${n.pin}.`,
    },
  ],
  [133009, { kind: 'pin', blocksRegister: true, fix: () => 'PINs were tried too fast: wait a few minutes before applying again.' }],
  [133010, { kind: 'rejected', fix: () => 'The number is not registered with Cloud API.' }],
  [
    133015,
    { kind: 'transient', blocksRegister: true, fix: () => 'The number was recently deleted: wait about five minutes, then apply again.' },
  ],
  [
    QUOTA_EXCEEDED,
    {
      kind: 'quota',
      blocksRegister: true,
      fix: () =>
        'Meta allows 10 register and 10 deregister requests per number in a moving 72-hour window and this number has used them: ' +
        'this operation is blocked until the oldest counted request is 72 hours old. Apply again after that; do not retry sooner.',
    },
  ],
]);

/** Graph's "incomplete deregistration": its fix is to deregister again, then register. */
const INCOMPLETE_DEREGISTRATION = 133000;

function ruleFor(e: GraphApiError): GraphCodeRule | undefined {
  if (e.code === 100 && (e.subcode === 33 || e.httpStatus === 404)) {
    return {
      kind: 'not_found',
      fix: (n) => `The phone number does not exist or this token cannot see it: check ${n.phoneNumberId} and the token's business.`,
    };
  }
  return e.code === undefined ? undefined : GRAPH_CODES.get(e.code);
}

function kindOf(e: GraphApiError, rule: GraphCodeRule | undefined): EngineErrorKind {
  if (rule) return rule.kind;
  if (e.kind === 'aborted') return 'cancelled';
  if (e.kind === 'rate_limited') return 'rate_limited';
  if (e.outcomeUnknown) return 'unknown_outcome';
  return e.retryable ? 'transient' : 'rejected';
}

/** Any failure as an EngineError, worded for the caller; `context` (what was being done) prefixes the message. */
export function toEngineError(e: unknown, wording: Wording, context?: string): EngineError {
  const { redact, names } = wording;
  const prefix = context ? `${context}: ` : '';
  if (e instanceof EngineFailure) return { ...e.error, message: redact(`${prefix}${e.error.message}`) };
  if (e instanceof GraphApiError) {
    const rule = ruleFor(e);
    const kind = kindOf(e, rule);
    const message = redact(`${prefix}${rule?.fix ? `${rule.fix(names)} ` : ''}(${e.message})`);
    return engineError(kind, message, { retryable: e.retryable && kind !== 'quota' });
  }
  // The engine checks its inputs before the client sees them: a refusal here is about how the engine called it.
  if (e instanceof InvalidArgumentError) return { kind: 'invalid_input', message: redact(`${prefix}${e.message}`), retryable: false };
  const text = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: redact(`${prefix}unexpected failure: ${text}`), retryable: false };
}

/** An EngineError of `kind` (about the kind's input unless a field is given). */
export function engineError(
  kind: EngineErrorKind,
  message: string,
  options: { field?: EngineInputField; retryable?: boolean } = {},
): EngineError {
  const field = options.field ?? KIND_FIELD[kind];
  return { kind, message, ...(field ? { field } : {}), retryable: options.retryable ?? false };
}

/** What the executor needs to know about a failed write to decide what to do next. */
export interface WriteFailure {
  /** The API or the connection reported it (as opposed to a bug in our code). */
  fromApi: boolean;
  message: string;
  /** Trying again could succeed, or the write may have taken effect: read the state, then decide. */
  retryable: boolean;
  /** Meta asked to wait longer than the client waits: no further attempt now. */
  waitRefused: boolean;
  /** The wait Meta asked for before the next attempt, in ms (0 when none). */
  askedWaitMs: number;
  /** Set (to what Meta reported) when Graph asks to deregister again before registering. */
  incompleteDeregistration?: string;
  /** Why registering again cannot succeed now (e.g. "Graph 133005"); undefined when it may. */
  registerBlockedBy?: string;
}

export function describeWriteFailure(e: unknown): WriteFailure {
  if (!(e instanceof GraphApiError)) {
    return { fromApi: false, message: e instanceof Error ? e.message : String(e), retryable: false, waitRefused: false, askedWaitMs: 0 };
  }
  const failure: WriteFailure = {
    fromApi: true,
    message: e.message,
    retryable: e.retryable || e.outcomeUnknown,
    waitRefused: e.kind === 'rate_limited',
    askedWaitMs: e.retryAfterMs ?? 0,
  };
  if (e.code === INCOMPLETE_DEREGISTRATION)
    failure.incompleteDeregistration = `Meta reports an incomplete deregistration (${INCOMPLETE_DEREGISTRATION})`;
  if (ruleFor(e)?.blocksRegister) failure.registerBlockedBy = `Graph ${e.code}`;
  return failure;
}

/**
 * How a failed register or deregister counts in the quota ledger (src/engine/quota.ts):
 * undefined when it never left this machine; `blocked` for Meta's 133016 (with the time its
 * answer names, if any: the ledger assumes the whole window otherwise); `unknown` when no
 * answer came; otherwise `refused`.
 */
export function quotaOutcomeOf(e: unknown, at: number): { outcome: 'refused' | 'unknown' | 'blocked'; until?: number } | undefined {
  if (!(e instanceof GraphApiError)) return { outcome: 'unknown' };
  if (e.kind === 'unreachable') return undefined;
  if (e.code === QUOTA_EXCEEDED) {
    const named = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/.exec(`${e.details ?? ''} ${e.message}`);
    const until = named ? Date.parse(named[0]) : Number.NaN;
    return Number.isFinite(until) && until > at ? { outcome: 'blocked', until } : { outcome: 'blocked' };
  }
  if (e.kind === 'api' && !e.outcomeUnknown) return { outcome: 'refused' };
  return { outcome: 'unknown' };
}
