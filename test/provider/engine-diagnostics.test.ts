/** Every engine error kind becomes one error diagnostic, at the attribute its fix belongs to. */
import { ENGINE_ERROR_KINDS, EngineFailure, engineError, KIND_FIELD } from '../../src/engine/engine-errors';
import { asEngineError, engineErrorDiagnostic } from '../../src/provider/engine-diagnostics';
import { ENGINE_INPUT_ATTRIBUTES } from '../../src/provider/engine-input-paths';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';

const ATTRIBUTES = Object.keys(localStorageResourceSchema.attributes);
const SUMMARY = 'Could not apply Local Storage';

test.each(ENGINE_ERROR_KINDS.map((k) => [k]))('%s maps to an error diagnostic at its attribute', (kind) => {
  const d = engineErrorDiagnostic(SUMMARY, engineError(kind, 'What happened and the fix.'), { attributes: ATTRIBUTES });
  expect(d.severity).toBe('error');
  expect(d.detail).toContain('What happened and the fix.');
  const field = KIND_FIELD[kind];
  const attribute = field && ENGINE_INPUT_ATTRIBUTES[field].name;
  if (attribute === 'access_token') {
    // A provider argument has no path inside the resource: it is named in the summary.
    expect(d.summary).toBe(`${SUMMARY} (provider access_token)`);
    expect(d.path).toBeUndefined();
  } else if (attribute) {
    expect(d.path).toEqual([attribute]);
    expect(d.summary).toBe(SUMMARY);
  } else {
    expect(d.path).toBeUndefined();
    expect(d.summary).toBe(SUMMARY);
  }
});

test('the kinds with a fixed input are exactly those whose fix is one attribute', () => {
  expect(KIND_FIELD).toEqual({
    not_found: 'phoneNumberId',
    auth: 'accessToken',
    permission: 'accessToken',
    pin: 'pin',
    verification: 'verificationCode',
  });
  const attributes = Object.fromEntries(Object.entries(KIND_FIELD).map(([kind, field]) => [kind, ENGINE_INPUT_ATTRIBUTES[field].name]));
  expect(attributes).toEqual({
    not_found: 'phone_number_id',
    auth: 'access_token',
    permission: 'access_token',
    pin: 'pin',
    verification: 'verification_code',
  });
});

test('an invalid input lands on the attribute its engine input maps to, renamed when the value came from another one', () => {
  const pin = engineError('invalid_input', 'pin must be 6 digits.', { field: 'pin' });
  expect(engineErrorDiagnostic(SUMMARY, pin, { attributes: ATTRIBUTES }).path).toEqual(['pin']);
  expect(engineErrorDiagnostic(SUMMARY, pin, { attributes: ATTRIBUTES, rename: { pin: 'pin_wo' } }).path).toEqual(['pin_wo']);
  const region = engineError('invalid_input', '"UK" is not ...', { field: 'region' });
  expect(engineErrorDiagnostic(SUMMARY, region, { attributes: ATTRIBUTES }).path).toEqual(['data_localization_region']);
});

test('a temporary failure says that running again may succeed; a lasting one does not', () => {
  const temporary = engineErrorDiagnostic(SUMMARY, engineError('transient', 'Meta had a hiccup.', { retryable: true }), {
    attributes: ATTRIBUTES,
  });
  expect(temporary.detail).toContain('running the same command again may succeed');
  const lasting = engineErrorDiagnostic(SUMMARY, engineError('quota', 'The quota is used up.'), { attributes: ATTRIBUTES });
  expect(lasting.detail).not.toContain('again may succeed');
});

test('what an engine call throws reaches the provider as the engine error it carries; anything else is internal', () => {
  const carried = engineError('not_found', 'The phone number has been deleted: check phone_number_id.');
  expect(asEngineError(new EngineFailure(carried))).toEqual(carried);
  expect(asEngineError(new TypeError('x is undefined'))).toMatchObject({
    kind: 'internal',
    retryable: false,
    message: 'unexpected failure: x is undefined',
  });
});
