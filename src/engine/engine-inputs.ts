/**
 * The engine's inputs, by the names the engine's own types give them. A failure is reported
 * against one of these (EngineError.field), and every message the engine writes spells them
 * through an InputNames table its caller passes: the provider passes its HCL attribute names
 * (src/provider/engine-input-paths.ts), the constructs their prop names; without one the
 * engine uses these field names themselves.
 */
import { assignAsProperty } from '../cloud-api/input-names';
import type { EngineConfig } from './engine';
import type { StorageTarget } from './storage-modes';
import type { ConvergeOptions, DesiredState } from './types';

/** Every key of every member of a union (keyof of a union keeps only the shared ones). */
type KeysOf<T> = T extends unknown ? keyof T & string : never;

/** What the engine's calls act on, given as arguments rather than as fields of an options object. */
export interface EngineSubjects {
  /** observe(), phoneNumber() and converge(). */
  phoneNumberId: string;
  /** wabaNumbers() and wabaNumberPages(). */
  wabaId: string;
}

/** EngineConfig fields that tune the engine's own behaviour: nothing a user states, so no failure is about them. */
type EngineTuning = 'timeoutMs' | 'maxRetries' | 'userAgent' | 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'maxRateLimitWaitMs' | 'inputNames';

/** ConvergeOptions fields the caller wires up itself (listeners, cancellation, the gate and the ledger it keeps). */
type ConvergeWiring = 'onEvent' | 'signal' | 'offlineGate' | 'quotaLedger';

/**
 * The engine's input fields a failure can be about. Derived from the input types, so a new
 * field of EngineConfig, DesiredState, StorageTarget or ConvergeOptions becomes one (and
 * every caller's total table of names must then say how its users spell it).
 */
export type EngineInputField =
  | KeysOf<EngineSubjects>
  | Exclude<keyof EngineConfig, EngineTuning>
  | Exclude<KeysOf<DesiredState>, 'storage'>
  | KeysOf<StorageTarget>
  | Exclude<keyof ConvergeOptions, ConvergeWiring>;

/** The fields of a storage declaration (StorageTarget and its `{ region }` shorthand). */
export type StorageField = KeysOf<StorageTarget>;

/** How a caller's users spell some engine inputs, and how they write a setting. */
export type InputNames<F extends EngineInputField = EngineInputField> = { readonly [K in F]: string } & {
  /** `name = "value"` in HCL, `name: 'value'` in TypeScript. */
  readonly assign: (name: string, value: string | number | boolean) => string;
};

/** The engine's own spelling: each field by its name in the engine's types, set as in a TypeScript object. */
export const ENGINE_INPUT_NAMES: InputNames = {
  phoneNumberId: 'phoneNumberId',
  wabaId: 'wabaId',
  accessToken: 'accessToken',
  apiVersion: 'apiVersion',
  baseUrl: 'baseUrl',
  region: 'region',
  mode: 'mode',
  retentionMinutes: 'retentionMinutes',
  setPinBeforeDeregister: 'setPinBeforeDeregister',
  pin: 'pin',
  verificationCode: 'verificationCode',
  assign: assignAsProperty,
};
