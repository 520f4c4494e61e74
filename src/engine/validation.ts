/**
 * Input checks that run before any call that changes something, each answering
 * with a message that names the attribute and the fix (never the value of a secret).
 */
import { explainInvalidGraphId } from '../cloud-api/ids';
import { isPin, isVerificationCode, PIN_LENGTH, VERIFICATION_CODE_LENGTH } from '../cloud-api/secret-formats';
import { explainUnsupportedRegion } from './regions';

export function validatePhoneNumberId(id: unknown): string | undefined {
  return explainInvalidGraphId(id, 'phone_number_id');
}

export function validateWabaId(id: unknown): string | undefined {
  return explainInvalidGraphId(id, 'waba_id');
}

/** Region must be one of the supported codes; suggests the intended one ("did you mean GB?"). */
export function validateRegion(region: unknown): string | undefined {
  if (region === null) return undefined;
  if (typeof region !== 'string') return `data_localization_region must be a region code string or null (got ${typeof region}).`;
  const problem = explainUnsupportedRegion(region);
  return problem ? `data_localization_region ${problem}` : undefined;
}

/** The two-step PIN: required to register, exactly six digits. The value never appears in the message. */
export function validatePin(pin: unknown): string | undefined {
  if (pin === undefined || pin === null || pin === '') {
    return 'pin is required: registering the number needs its two-step verification PIN (6 digits); set the pin attribute (mark the variable sensitive).';
  }
  if (!isPin(pin)) {
    const len = typeof pin === 'string' ? pin.length : 0;
    return `pin must be exactly ${PIN_LENGTH} digits (the value given has ${len} character${len === 1 ? '' : 's'}${typeof pin === 'string' && /\D/.test(pin) ? ', not all digits' : ''}).`;
  }
  return undefined;
}

export function validateVerificationCode(code: unknown): string | undefined {
  if (code === undefined) return undefined;
  if (typeof code !== 'string' || !isVerificationCode(code.trim())) {
    return `verification_code must be the ${VERIFICATION_CODE_LENGTH} digits of the code Meta sent by SMS or voice (for example "123830").`;
  }
  return undefined;
}
