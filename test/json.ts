import { readFileSync } from 'node:fs';

/**
 * JSON text -> the shape the caller declares. `JSON.parse` answers `any`, which would flow
 * unchecked into every assertion; a test names the shape it reads here instead (or keeps
 * `unknown` and narrows).
 */
export function parseJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/** A JSON file -> the shape the caller declares. */
export function readJsonFile<T = unknown>(path: string): T {
  return parseJson<T>(readFileSync(path, 'utf8'));
}
