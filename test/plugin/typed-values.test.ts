/**
 * The typed schema holds at compile time: test/plugin/typed-values.types.ts reads attributes
 * a schema lacks, with the wrong type, and attaches validators of the wrong type, each marked
 * @ts-expect-error. It must compile cleanly, so every one of those lines is a type error.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { typeErrors } from './type-check';

test('reading an attribute the schema lacks, or with the wrong type, and a validator of the wrong type do not compile', () => {
  const file = join(__dirname, 'typed-values.types.ts');
  expect(typeErrors(file)).toEqual([]);
  // The file has the expected errors at all: without the directives it does not compile.
  const text = ts.sys.readFile(file)!;
  expect(text.match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(8);
});
