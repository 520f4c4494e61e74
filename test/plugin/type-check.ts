/** Compiles one file with the project's compiler options and returns its type errors as "line: message". */
import { join } from 'node:path';
import ts from 'typescript';

export function typeErrors(file: string): string[] {
  const root = join(__dirname, '..', '..');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  const program = ts.createProgram([file], { ...parsed!.options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
  return diagnostics.map((d) => {
    const line = d.start !== undefined ? d.file?.getLineAndCharacterOfPosition(d.start).line : '?';
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

/** How many lines of the file are `@ts-expect-error` directives (each must be an error for typeErrors to be empty). */
export function expectedErrorCount(file: string): number {
  return (ts.sys.readFile(file) ?? '').match(/^\s*\/\/ @ts-expect-error/gm)?.length ?? 0;
}
