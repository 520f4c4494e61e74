/** Synth-time checks shared by the constructs. Unresolved CDKTF tokens are never checked statically. */
import { Token } from 'cdktf';

/** True when `value` is a literal known at synth time (not a token, not undefined). */
export function isLiteral<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

export const SIX_DIGITS = /^[0-9]{6}$/;
export const API_VERSION = /^v[0-9]+\.[0-9]+$/;
