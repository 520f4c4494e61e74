/**
 * Turning client failures into EngineErrors a user can act on: what happened,
 * which attribute it belongs to, and what to do. Graph's own text is kept
 * (already scrubbed by the client) and prefixed with the fix.
 */
import { GraphApiError } from '../cloud-api/errors';
import { InvalidArgumentError } from '../cloud-api/ids';
import type { EngineError } from './types';

interface Hint {
  attribute?: string;
  fix: string;
}

function hintFor(e: GraphApiError): Hint | undefined {
  switch (e.code) {
    case 0:
    case 190:
      return { attribute: 'access_token', fix: 'The access token is invalid or expired: create a new one (a system-user token does not expire) and set access_token.' };
    case 10:
    case 200:
      return { attribute: 'access_token', fix: 'The token lacks permission for this number: grant whatsapp_business_management (and whatsapp_business_messaging) to the system user, or use a token of the business that owns the number.' };
    case 33:
      return { attribute: 'phone_number_id', fix: 'The phone number has been deleted: check phone_number_id.' };
    case 100:
      if (e.subcode === 33 || e.httpStatus === 404) {
        return { attribute: 'phone_number_id', fix: 'The phone number does not exist or this token cannot see it: check phone_number_id and the token\'s business.' };
      }
      return undefined;
    case 133005:
      return { attribute: 'pin', fix: 'The two-step verification PIN is wrong: set pin to the number\'s current two-step PIN (it can be reset in WhatsApp Manager), then apply again.' };
    case 133006:
      return { attribute: 'verification_code', fix: 'Meta requires the number to be verified again: request a code (an apply on api_version v20.0 does it) and pass it as verification_code.' };
    case 133008:
      return { attribute: 'pin', fix: 'Too many wrong PINs: Meta locked PIN checks for this number for a while; wait (see the details) and apply again with the correct pin.' };
    case 133009:
      return { attribute: 'pin', fix: 'PINs were tried too fast: wait a few minutes before applying again.' };
    case 133010:
      return { fix: 'The number is not registered with Cloud API.' };
    case 133015:
      return { fix: 'The number was recently deleted: wait about five minutes, then apply again.' };
    case 133016:
      return {
        fix: 'Meta allows 10 register and 10 deregister requests per number in a moving 72-hour window and this number has used them: this operation is blocked until the oldest counted request is 72 hours old. Apply again after that; do not retry sooner.',
      };
    default:
      return undefined;
  }
}

export function toEngineError(e: unknown, redact: (text: string) => string, context?: string): EngineError {
  const prefix = context ? `${context}: ` : '';
  if (e instanceof GraphApiError) {
    const hint = hintFor(e);
    const message = redact(`${prefix}${hint ? `${hint.fix} ` : ''}(${e.message})`);
    const error: EngineError = { message, retryable: e.retryable && e.code !== 133016 };
    if (hint?.attribute) error.attribute = hint.attribute;
    if (e.code !== undefined) error.graphCode = e.code;
    return error;
  }
  if (e instanceof InvalidArgumentError) return { message: redact(`${prefix}${e.message}`), attribute: e.attribute, retryable: false };
  const text = e instanceof Error ? e.message : String(e);
  return { message: redact(`${prefix}unexpected failure: ${text}`), retryable: false };
}

/** Codes after which registering again cannot succeed now (so recovery must not burn a register call on it). */
export const REGISTER_BLOCKING_CODES: ReadonlySet<number> = new Set([0, 10, 190, 200, 131031, 133005, 133006, 133008, 133009, 133015, 133016]);
