/**
 * The typed schema holds at compile time: test/plugin/typed-values.types.ts reads attributes
 * a schema lacks, with the wrong type, and attaches validators of the wrong type, each marked
 * @ts-expect-error. It must compile cleanly, so every one of those lines is a type error.
 */
import { join } from 'node:path';
import ts from 'typescript';

test('reading an attribute the schema lacks, or with the wrong type, and a validator of the wrong type do not compile', () => {
  const root = join(__dirname, '..', '..');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  const file = join(__dirname, 'typed-values.types.ts');
  const program = ts.createProgram([file], { ...parsed!.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
  const messages = diagnostics.map(
    (d) =>
      `${d.start !== undefined ? d.file?.getLineAndCharacterOfPosition(d.start).line : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  );
  expect(messages).toEqual([]);
  // The file has the expected errors at all: without the directives it does not compile.
  const text = ts.sys.readFile(file)!;
  expect(text.match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(8);
});
