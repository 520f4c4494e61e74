/**
 * How the client's messages spell its inputs: by the names its caller's users know. The engine
 * passes its InputNames (the provider's HCL names reach the client that way, the constructs'
 * prop names too); without a table the client uses the field names of its own config.
 */

/** The inputs the client's messages name, and how a setting is written (`name = "value"` in HCL). */
export interface ClientInputNames {
  readonly accessToken: string;
  readonly apiVersion: string;
  readonly baseUrl: string;
  readonly phoneNumberId: string;
  readonly wabaId: string;
  readonly assign: (name: string, value: string | number | boolean) => string;
}

/** A setting as a TypeScript object property: `name: 'value'`. */
export function assignAsProperty(name: string, value: string | number | boolean): string {
  return `${name}: ${typeof value === 'string' ? `'${value}'` : String(value)}`;
}

/** The client's own spelling: the field names of GraphClientConfig and of its calls' arguments. */
export const CLIENT_INPUT_NAMES: ClientInputNames = {
  accessToken: 'accessToken',
  apiVersion: 'apiVersion',
  baseUrl: 'baseUrl',
  phoneNumberId: 'phoneNumberId',
  wabaId: 'wabaId',
  assign: assignAsProperty,
};
