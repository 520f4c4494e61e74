/**
 * Graph object ids are decimal digit strings. Checking them before a URL is
 * built stops path tricks such as `123/../me` or `123?fields=` at the door.
 */

const GRAPH_ID = /^[0-9]{1,30}$/;

/** Undefined when valid, otherwise a message naming `attribute` and the fix. */
export function explainInvalidGraphId(id: unknown, attribute: string): string | undefined {
  if (typeof id !== 'string') return `${attribute} must be a string of digits (got ${typeof id}).`;
  if (GRAPH_ID.test(id)) return undefined;
  const shown = id.length > 40 ? `${id.slice(0, 40)}...` : id;
  return `${attribute} "${shown}" is not a Graph object id: use only the digits Meta shows (for example "106540352242922"), with no spaces, slashes or "+".`;
}

export class InvalidArgumentError extends Error {
  constructor(message: string, readonly attribute: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

export function assertGraphId(id: unknown, attribute: string): asserts id is string {
  const problem = explainInvalidGraphId(id, attribute);
  if (problem) throw new InvalidArgumentError(problem, attribute);
}
