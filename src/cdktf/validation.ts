/** Synth-time checks shared by the constructs. Unresolved CDKTF tokens are never checked statically. */
import { Token } from 'cdktf';

/** True when `value` is a literal known at synth time (not a token, not undefined). */
export function isLiteral<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

export { isPin, isVerificationCode } from '../cloud-api/secret-formats';
export { looksLikeApiVersion } from '../cloud-api/api-version';
