/** Synth-time checks shared by the constructs. Unresolved CDKTF tokens are never checked statically. */
import { Token } from 'cdktf';

/** True when `value` is a literal known at synth time (not a token, not undefined). */
export function isLiteral<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

export const DIGITS_ID = /^[0-9]{5,32}$/;
export { isPin, isVerificationCode } from '../cloud-api/secret-formats';
export { looksLikeApiVersion } from '../cloud-api/api-version';

/** `http://` or `https://` URL with a host (the emulator speaks plain http on 127.0.0.1). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
