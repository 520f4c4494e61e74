/**
 * The order attributes go on the wire: by name, in code-point order (as Go providers sort
 * them). Not `localeCompare`: names are ASCII identifiers, and the first collation of a
 * process loads ICU collation data, a cost every provider process would pay at start-up.
 */
export function sortedByName<T>(attributes: Record<string, T>): Array<[string, T]> {
  return Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
