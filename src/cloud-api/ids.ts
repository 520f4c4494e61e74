/**
 * Graph object ids: the one rule for the whole project (client, engine, provider
 * validators, CDKTF construct). Meta's ids are unsigned 64-bit integers written in
 * decimal, so at most 20 digits; Meta sends them as strings because they exceed
 * JavaScript's safe integers. Checking them before a URL is built also stops path
 * tricks such as `123/../me` or `123?fields=` at the door.
 */

export const GRAPH_ID_MAX_DIGITS = 20;

const GRAPH_ID = new RegExp(`^[0-9]{1,${GRAPH_ID_MAX_DIGITS}}$`);

export function isGraphId(value: unknown): value is string {
  return typeof value === 'string' && GRAPH_ID.test(value);
}

/** Undefined when valid, otherwise a message naming `attribute` and the fix. */
export function explainInvalidGraphId(id: unknown, attribute: string): string | undefined {
  if (typeof id !== 'string') return `${attribute} must be a string of digits (got ${typeof id}).`;
  if (GRAPH_ID.test(id)) return undefined;
  const shown = id.length > 40 ? `${id.slice(0, 40)}...` : id;
  return `${attribute} "${shown}" is not a Graph object id: use only the digits Meta shows (1 to ${GRAPH_ID_MAX_DIGITS}, for example "106540352242922"), with no spaces, slashes or "+".`;
}

export class InvalidArgumentError extends Error {
  constructor(
    message: string,
    readonly attribute: string,
  ) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

export function assertGraphId(id: unknown, attribute: string): asserts id is string {
  const problem = explainInvalidGraphId(id, attribute);
  if (problem) throw new InvalidArgumentError(problem, attribute);
}
