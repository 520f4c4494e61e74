/**
 * Where each engine input lives in this provider's configuration. The engine reports a failure
 * against its own input field (EngineError.field) and words its messages with the names its caller
 * passes; this table is both for the provider: the attribute a diagnostic points at, and the HCL
 * name the engine's messages use. Total over the engine's inputs, so a new engine input without
 * a place here does not compile.
 */
import type { EngineInputField, InputNames } from '../engine/engine-inputs';
import type { StorageNames } from '../engine/storage-modes';
import type { AttributePath } from '../plugin/diagnostics';

/** An engine input as users write it: an argument of the provider block, or an attribute of the resource or data source at hand. */
export interface InputAttribute {
  block: 'provider' | 'resource';
  /** The attribute's name in HCL (a top-level attribute: the path is this one step). */
  name: string;
}

export const ENGINE_INPUT_ATTRIBUTES: Readonly<Record<EngineInputField, InputAttribute>> = {
  accessToken: { block: 'provider', name: 'access_token' },
  apiVersion: { block: 'provider', name: 'api_version' },
  baseUrl: { block: 'provider', name: 'base_url' },
  phoneNumberId: { block: 'resource', name: 'phone_number_id' },
  wabaId: { block: 'resource', name: 'waba_id' },
  region: { block: 'resource', name: 'data_localization_region' },
  mode: { block: 'resource', name: 'storage_mode' },
  retentionMinutes: { block: 'resource', name: 'retention_minutes' },
  setPinBeforeDeregister: { block: 'resource', name: 'set_pin_before_deregister' },
  pin: { block: 'resource', name: 'pin' },
  verificationCode: { block: 'resource', name: 'verification_code' },
};

const hclNames = Object.fromEntries(Object.entries(ENGINE_INPUT_ATTRIBUTES).map(([field, { name }]) => [field, name])) as Record<
  EngineInputField,
  string
>;

/** The engine's inputs spelled as HCL attributes, for the engine's messages: `set_pin_before_deregister = true`. */
export const HCL_INPUT_NAMES: InputNames = {
  ...hclNames,
  assign: (name, value) => `${name} = ${typeof value === 'string' ? `"${value}"` : String(value)}`,
};

/** The storage settings as HCL attributes (for the storage rule's messages at validate). */
export const HCL_STORAGE_NAMES: StorageNames = HCL_INPUT_NAMES;

/** The path of `field` inside a block whose attributes are `attributes` (after `rename`); undefined when it is not one of them. */
export function inputPath(
  field: EngineInputField,
  attributes: readonly string[],
  rename: Partial<Record<EngineInputField, string>> = {},
): AttributePath | undefined {
  const input = ENGINE_INPUT_ATTRIBUTES[field];
  const name = rename[field] ?? input.name;
  return input.block === 'resource' && attributes.includes(name) ? [name] : undefined;
}

/** The provider argument `field` is, when it is one ("access_token"); undefined for the inputs of a resource. */
export function providerArgument(field: EngineInputField): string | undefined {
  const input = ENGINE_INPUT_ATTRIBUTES[field];
  return input.block === 'provider' ? input.name : undefined;
}
