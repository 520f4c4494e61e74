/**
 * Input checks that run before any call that changes something, each answering
 * with a message that names the input, in the caller's spelling, and the fix
 * (never the value of a secret).
 */
import { explainInvalidGraphId } from '../cloud-api/ids';
import { isPin, isVerificationCode, PIN_LENGTH, VERIFICATION_CODE_LENGTH } from '../cloud-api/secret-formats';
import { engineError, EngineFailure } from './engine-errors';
import { ENGINE_INPUT_NAMES, type InputNames } from './engine-inputs';
import { explainUnsupportedRegion } from './regions';

export function validatePhoneNumberId(id: unknown, names: InputNames = ENGINE_INPUT_NAMES): string | undefined {
  return explainInvalidGraphId(id, names.phoneNumberId);
}

export function validateWabaId(id: unknown, names: InputNames = ENGINE_INPUT_NAMES): string | undefined {
  return explainInvalidGraphId(id, names.wabaId);
}

/** Throws an EngineFailure (invalid_input at `field`) unless `id` is a Graph object id: checked before any request. */
export function requireGraphId(id: unknown, field: 'phoneNumberId' | 'wabaId', names: InputNames): asserts id is string {
  const problem = explainInvalidGraphId(id, names[field]);
  if (problem) throw new EngineFailure(engineError('invalid_input', problem, { field }));
}

/** Region must be one of the supported codes; suggests the intended one ("did you mean GB?"). */
export function validateRegion(region: unknown, names: InputNames = ENGINE_INPUT_NAMES): string | undefined {
  if (region === null) return undefined;
  if (typeof region !== 'string') return `${names.region} must be a region code string or null (got ${typeof region}).`;
  const problem = explainUnsupportedRegion(region);
  return problem ? `${names.region} ${problem}` : undefined;
}

/** The two-step PIN: required to register, exactly six digits. The value never appears in the message. */
export function validatePin(pin: unknown, names: InputNames = ENGINE_INPUT_NAMES): string | undefined {
  if (pin === undefined || pin === null || pin === '') {
    return (
      `${names.pin} is required: registering the number needs its two-step verification PIN (6 digits); ` +
      `set ${names.pin} (mark the variable that holds it sensitive).`
    );
  }
  if (!isPin(pin)) {
    const len = typeof pin === 'string' ? pin.length : 0;
    const digits = typeof pin === 'string' && /\D/.test(pin) ? ', not all digits' : '';
    return `${names.pin} must be exactly ${PIN_LENGTH} digits (the value given has ${len} character${len === 1 ? '' : 's'}${digits}).`;
  }
  return undefined;
}

export function validateVerificationCode(code: unknown, names: InputNames = ENGINE_INPUT_NAMES): string | undefined {
  if (code === undefined) return undefined;
  if (typeof code !== 'string' || !isVerificationCode(code.trim())) {
    const digits = `${VERIFICATION_CODE_LENGTH} digits`;
    return `${names.verificationCode} must be the ${digits} of the code Meta sent by SMS or voice (for example "123830").`;
  }
  return undefined;
}
