/**
 * Graph versions come from one table (src/cloud-api/api-version.ts): adding a version is one row
 * there plus `node scripts/generate-versions.mjs`. Source, tests and benchmarks state no version of their own, and
 * the default (newest) version is written only where the generator keeps it in step.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';

const root = join(__dirname, '..', '..');
const TABLE = 'src/cloud-api/api-version.ts';
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

/** Written by generators from the schema or the table (each checked by its own test), or the emulator's seeds. */
const GENERATED = [
  /^src\/cdkt[fn]\/generated\//,
  /^docs\/(index\.md|resources\/|data-sources\/|list-resources\/)/,
  /^src\/emulator\/seed\.ts$/,
  /\.json$/,
];

/** The files `scripts/generate-versions.mjs` writes the default into (read from the script, so the lists agree). */
const KEPT_BY_GENERATOR = Object.keys(
  JSON.parse(
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('./scripts/lib/version-sites.mjs'); console.log(JSON.stringify(m.DEFAULT_VERSION_SITES))",
      ],
      {
        cwd: root,
        encoding: 'utf8',
      },
    ).stdout || '{}',
  ) as Record<string, string[]>,
);

/**
 * The table's own tests pin Meta's published dates per version (which version a date moves
 * to, which one answers a stopped one): facts about those rows, not the default. Every other
 * test names a version through the table (test/graph-versions.ts).
 */
const TABLE_FACTS = ['test/cloud-api/api-version.test.ts'];

function stringLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      out.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('no string in src/, test/ or bench/ names a Graph version outside the table, its tests, generated files and emulator seeds', () => {
  const version = /\bv\d{1,3}\.\d{1,3}\b/;
  const offenders = tracked
    .filter(
      (f) =>
        /^(src|test|bench)\//.test(f) &&
        f.endsWith('.ts') &&
        f !== TABLE &&
        !TABLE_FACTS.includes(f) &&
        !GENERATED.some((re) => re.test(f)),
    )
    .flatMap((f) =>
      stringLiterals(f)
        .filter((s) => version.test(s))
        .map((s) => `${f}: ${JSON.stringify(s.slice(0, 80))}`),
    );
  expect(offenders).toEqual([]);
});

test('the default version is written only in the table, generated files and the files the version generator keeps', () => {
  expect(KEPT_BY_GENERATOR.length).toBeGreaterThan(5);
  const literal = new RegExp(`\\b${DEFAULT_API_VERSION.replace('.', '\\.')}\\b`);
  const offenders = tracked.filter(
    (f) =>
      f !== TABLE &&
      !GENERATED.some((re) => re.test(f)) &&
      !KEPT_BY_GENERATOR.includes(f) &&
      !TABLE_FACTS.includes(f) &&
      !/\.(png|jpe?g|gz|zip|ico)$/.test(f) &&
      literal.test(readFileSync(join(root, f), 'utf8')),
  );
  expect(offenders).toEqual([]);
});

test("the files the version generator keeps name the table's default (node scripts/generate-versions.mjs --check)", () => {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'generate-versions.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toContain(`every file names the default version ${DEFAULT_API_VERSION} from the version table`);
  expect(result.status).toBe(0);
});
