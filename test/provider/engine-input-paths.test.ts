/**
 * The engine reports a failure against its own input (EngineError.field) and words it in the
 * names its caller passes; the provider maps the input to the attribute path and passes its HCL
 * names. Real engines against the emulator over HTTP: one as a library caller builds it (the
 * engine's own names), one as the provider builds it (engine-factory.ts).
 */
import { DEFAULT_API_VERSION, LAST_REGISTER_VERSION, parseApiVersion } from '../../src/cloud-api/api-version';
import type { RunningEmulator } from '../../src/emulator';
import type { LocalStorageEngine } from '../../src/engine/engine';
import { EngineFailure, type EngineError } from '../../src/engine/engine-errors';
import { ENGINE_INPUT_NAMES, type EngineInputField } from '../../src/engine/engine-inputs';
import { asEngineError, engineErrorDiagnostic } from '../../src/provider/engine-diagnostics';
import { createEngine } from '../../src/provider/engine-factory';
import type { EnginePort } from '../../src/provider/engine-port';
import { ENGINE_INPUT_ATTRIBUTES, HCL_INPUT_NAMES } from '../../src/provider/engine-input-paths';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';
import { providerConfigSchema } from '../../src/provider/schema/provider-config';
import { wabaFilterAttributes } from '../../src/provider/schema/waba-filter';
import { makeEngine, NUM_BR, PIN, startTestEmulator, TOKEN, writes } from '../engine/emulator-harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const ATTRIBUTES = Object.keys(localStorageResourceSchema.attributes);
const SUMMARY = 'Could not apply Local Storage';
/** Every HCL name the table holds, as a word: none may appear in what the engine writes with its own names. */
const HCL_WORD = new RegExp(
  `\\b(${Object.values(ENGINE_INPUT_ATTRIBUTES)
    .map((a) => a.name)
    .filter((n) => n !== 'pin')
    .join('|')})\\b`,
);

let emu: RunningEmulator;
let library: LocalStorageEngine;
let provider: EnginePort;

beforeAll(async () => {
  emu = await startTestEmulator();
  library = makeEngine(emu, { maxRetries: 0 });
  provider = createEngine({ accessToken: TOKEN, apiVersion: parseApiVersion(DEFAULT_API_VERSION), baseUrl: emu.url, maxRetries: 0 });
});
afterAll(async () => {
  library.close();
  (provider as { close?: () => void }).close?.();
  await emu.close();
});
beforeEach(async () => {
  await emu.admin.reset();
});

async function failedRead(engine: Pick<EnginePort, 'observe'>, id: string): Promise<EngineError> {
  try {
    await engine.observe(id);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineFailure);
    return asEngineError(e);
  }
  throw new Error(`expected observe(${id}) to fail`);
}

describe('a region the API does not support', () => {
  test('the engine names its own input, region; the provider puts it at data_localization_region', async () => {
    const result = await library.converge(NUM_BR, { region: 'UK' as never }, { pin: PIN });
    expect(result.error).toMatchObject({ kind: 'invalid_input', field: 'region' });
    expect(result.error!.message).toMatch(/^region "UK" is not an ISO 3166-1 alpha-2 code: did you mean GB/);
    expect(result.error!.message).not.toMatch(HCL_WORD);
    expect(engineErrorDiagnostic(SUMMARY, result.error!, { attributes: ATTRIBUTES }).path).toEqual(['data_localization_region']);
    expect(await writes(emu, NUM_BR)).toEqual([]);
  });

  test("the provider's engine says it in HCL, at the same input", async () => {
    const result = await provider.converge(NUM_BR, { region: 'UK' as never }, { pin: PIN });
    expect(result.error).toMatchObject({ kind: 'invalid_input', field: 'region' });
    expect(result.error!.message).toMatch(/^data_localization_region "UK" is not an ISO 3166-1 alpha-2 code/);
  });
});

describe('a PIN Meta refuses after the deregister', () => {
  test('is a failure at the engine input pin, put at pin (or pin_wo, where the PIN came from)', async () => {
    const result = await library.converge(NUM_BR, { region: 'IN' }, { pin: '111111' });
    expect(result.error).toMatchObject({ kind: 'pin', field: 'pin' });
    expect(result.error!.message).toMatch(/set pin to the number's current two-step PIN/);
    const mapping = { attributes: ATTRIBUTES };
    expect(engineErrorDiagnostic(SUMMARY, result.error!, mapping).path).toEqual(['pin']);
    expect(engineErrorDiagnostic(SUMMARY, result.error!, { ...mapping, rename: { pin: 'pin_wo' } }).path).toEqual(['pin_wo']);
  });

  test("the plan says what a wrong PIN costs with the caller's names for the opt-in", async () => {
    const observed = await library.observe(NUM_BR);
    expect(library.plan(observed, { region: 'IN' }).explanation).toContain('Set setPinBeforeDeregister: true to set the two-step PIN');
    expect(provider.plan(observed, { region: 'IN' }).explanation).toContain('Set set_pin_before_deregister = true to set the two-step PIN');
  });
});

describe('a number the token cannot see', () => {
  test('is at phoneNumberId for the engine and at phone_number_id for the provider, each fix in its own names', async () => {
    const own = await failedRead(library, '999999999999999');
    expect(own).toMatchObject({ kind: 'not_found', field: 'phoneNumberId' });
    expect(own.message).toContain('check phoneNumberId');
    expect(own.message).not.toMatch(HCL_WORD);

    const hcl = await failedRead(provider, '999999999999999');
    expect(hcl).toMatchObject({ kind: 'not_found', field: 'phoneNumberId' });
    expect(hcl.message).toContain('check phone_number_id');
    expect(engineErrorDiagnostic('Could not read', hcl, { attributes: ATTRIBUTES }).path).toEqual(['phone_number_id']);
  });

  test("an id that is not a Graph id is refused before any request, in the caller's names", async () => {
    const own = await failedRead(library, '12/../me');
    expect(own).toMatchObject({ kind: 'invalid_input', field: 'phoneNumberId' });
    expect(own.message).toMatch(/^phoneNumberId "12/);
    const hcl = await failedRead(provider, '12/../me');
    expect(hcl).toMatchObject({ kind: 'invalid_input', field: 'phoneNumberId' });
    expect(hcl.message).toMatch(/^phone_number_id "12/);
    expect(engineErrorDiagnostic('Could not read', hcl, { attributes: ATTRIBUTES }).path).toEqual(['phone_number_id']);
    expect(await emu.admin.calls()).toEqual([]);
  });
});

describe('a configuration the engine cannot use', () => {
  test('is an EngineFailure at its input; the provider names provider arguments in the summary', () => {
    const failure = (() => {
      try {
        makeEngine(emu, { baseUrl: `${emu.url}/${FIRST_SETTINGS_VERSION}`, inputNames: HCL_INPUT_NAMES });
      } catch (e) {
        return e;
      }
      throw new Error('expected the engine to refuse the base URL');
    })();
    expect(failure).toBeInstanceOf(EngineFailure);
    const error = asEngineError(failure);
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'baseUrl' });
    expect(error.message).toMatch(/^base_url ".*" ends with an API version: drop the version from base_url and set api_version/);
    const diagnostic = engineErrorDiagnostic(SUMMARY, error, { attributes: ATTRIBUTES });
    expect(diagnostic).toMatchObject({ summary: `${SUMMARY} (provider base_url)` });
    expect(diagnostic.path).toBeUndefined();
    expect(() => makeEngine(emu, { baseUrl: `${emu.url}/${FIRST_SETTINGS_VERSION}` })).toThrow(
      /^baseUrl ".*" ends with an API version: drop the version from baseUrl and set apiVersion/,
    );
  });

  test("a version that does not parse, and a version's notice, are worded in the caller's names", () => {
    const refusal = (inputNames?: typeof HCL_INPUT_NAMES) => {
      try {
        makeEngine(emu, { apiVersion: 'latest', inputNames });
      } catch (e) {
        return asEngineError(e);
      }
      throw new Error('expected the engine to refuse the version');
    };
    expect(refusal(HCL_INPUT_NAMES)).toMatchObject({ kind: 'invalid_input', field: 'apiVersion' });
    expect(refusal(HCL_INPUT_NAMES).message).toMatch(/^api_version "latest" is not a Graph API version/);
    expect(refusal().message).toMatch(/^apiVersion "latest" is not a Graph API version/);
    const hcl = makeEngine(emu, { apiVersion: LAST_REGISTER_VERSION, inputNames: HCL_INPUT_NAMES });
    const own = makeEngine(emu, { apiVersion: LAST_REGISTER_VERSION });
    try {
      expect(hcl.versionLifecycle().notice).toMatch(/ Set api_version = "v\d+\.0" \(or newer\)\.$/);
      expect(own.versionLifecycle().notice).toMatch(/ Set apiVersion: 'v\d+\.0' \(or newer\)\.$/);
    } finally {
      hcl.close();
      own.close();
    }
  });
});

describe('the table of engine inputs', () => {
  const schemaOf = {
    provider: Object.keys(providerConfigSchema.attributes),
    resource: [...ATTRIBUTES, ...Object.keys(wabaFilterAttributes)],
  };

  test('puts every engine input at an attribute the provider serves, in the block it belongs to', () => {
    const misplaced = Object.entries(ENGINE_INPUT_ATTRIBUTES).filter(([, a]) => !schemaOf[a.block].includes(a.name));
    expect(misplaced).toEqual([]);
    expect(new Set(Object.values(ENGINE_INPUT_ATTRIBUTES).map((a) => a.name)).size).toBe(Object.keys(ENGINE_INPUT_ATTRIBUTES).length);
  });

  test('spells the same inputs the engine names, and writes settings as HCL does', () => {
    const fields = Object.keys(ENGINE_INPUT_NAMES)
      .filter((k) => k !== 'assign')
      .sort();
    expect(Object.keys(ENGINE_INPUT_ATTRIBUTES).sort()).toEqual(fields);
    for (const field of fields as EngineInputField[]) expect(HCL_INPUT_NAMES[field]).toBe(ENGINE_INPUT_ATTRIBUTES[field].name);
    expect(HCL_INPUT_NAMES.assign('storage_mode', 'DEFAULT')).toBe('storage_mode = "DEFAULT"');
    expect(HCL_INPUT_NAMES.assign('retention_minutes', 60)).toBe('retention_minutes = 60');
    expect(ENGINE_INPUT_NAMES.assign('mode', 'DEFAULT')).toBe("mode: 'DEFAULT'");
  });
});
