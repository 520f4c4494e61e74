/** The default of an exhaustive switch: a case left out is a compile error, a value from outside the types a runtime one. */
export function unreachable(value: never, what: string): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
