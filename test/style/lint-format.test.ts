/**
 * `npm run lint` and `npm run format:check` as part of `npm test`: the tree has no ESLint finding
 * (warnings included) and is in Prettier's format. Each failure lists what to fix and where.
 */
import { join } from 'node:path';
import { childOutput } from '../child-output';

const root = join(__dirname, '..', '..');
const node = process.execPath;

interface EslintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}
interface EslintFileResult {
  filePath: string;
  messages: EslintMessage[];
}

test('ESLint (typescript-eslint, type-checked rules) finds nothing in the tree', async () => {
  const run = await childOutput(node, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', '.'], { cwd: root });
  expect(run.stderr).toBe('');
  const findings = (JSON.parse(run.stdout) as EslintFileResult[]).flatMap((file) =>
    file.messages.map((m) => `${file.filePath.slice(root.length + 1)}:${m.line} ${m.ruleId ?? 'parse'}: ${m.message}`),
  );
  expect(findings).toEqual([]);
  expect(run.code).toBe(0);
}, 300_000);

test('every file Prettier formats is in its format (npm run format fixes it)', async () => {
  const run = await childOutput(node, [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--list-different', '.'], {
    cwd: root,
  });
  expect(run.stdout.split('\n').filter(Boolean)).toEqual([]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}, 120_000);
