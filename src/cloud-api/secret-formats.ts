/**
 * The formats of the two secrets a number's registration takes, defined once for
 * the emulator, the engine, the provider schema and the construct: the two-step
 * verification PIN and the one-time verification code are each exactly 6 digits.
 */

export const PIN_PATTERN = /^[0-9]{6}$/;
export const VERIFICATION_CODE_PATTERN = /^[0-9]{6}$/;
export const PIN_LENGTH = 6;
export const VERIFICATION_CODE_LENGTH = 6;

export function isPin(value: unknown): value is string {
  return typeof value === 'string' && PIN_PATTERN.test(value);
}

export function isVerificationCode(value: unknown): value is string {
  return typeof value === 'string' && VERIFICATION_CODE_PATTERN.test(value);
}
