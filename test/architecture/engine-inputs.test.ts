/**
 * The engine and the Graph client below it speak of their own inputs: the sentences they write
 * (string and template literals with a space in them, read with the TypeScript parser) name no
 * attribute that only the provider's HCL has; the provider's names reach their messages as names
 * tables it passes. Regular expressions are not sentences (the secret patterns of
 * src/cloud-api/redact.ts match Graph's own parameters in text). Names the Graph API uses for its own parameters (data_localization_region, retention_minutes)
 * and names equal to an engine field (pin) are the engine's vocabulary too, so they are not checked here;
 * test/provider/engine-input-paths.test.ts checks the messages that carry them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ENGINE_INPUT_NAMES } from '../../src/engine/engine-inputs';
import { ENGINE_INPUT_ATTRIBUTES } from '../../src/provider/engine-input-paths';

const root = join(__dirname, '..', '..');
const GRAPH_PARAMETERS = new Set(['data_localization_region', 'retention_minutes']);
const engineFields = new Set<string>(Object.values(ENGINE_INPUT_NAMES).filter((v): v is string => typeof v === 'string'));
const hclOnly = Object.values(ENGINE_INPUT_ATTRIBUTES)
  .map((a) => a.name)
  .filter((name) => !GRAPH_PARAMETERS.has(name) && !engineFields.has(name));
const HCL_WORD = new RegExp(`\\b(${hclOnly.join('|')})\\b`);

/** The sentences of a source file: literals outside type positions that contain whitespace. */
function sentencesOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const literal =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node);
    if (literal && /\s/.test(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test("the HCL-only names are the provider's attributes that are neither engine fields nor Graph parameters", () => {
  expect(hclOnly.sort()).toEqual([
    'access_token',
    'api_version',
    'base_url',
    'phone_number_id',
    'set_pin_before_deregister',
    'storage_mode',
    'verification_code',
    'waba_id',
  ]);
});

test.each([
  ['engine', 15],
  ['cloud-api', 10],
])("no sentence src/%s writes names an attribute only the provider's HCL has", (folder, atLeast) => {
  const dir = join(root, 'src', folder);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
  expect(files.length).toBeGreaterThan(atLeast);
  const offenders = files.flatMap((file) =>
    sentencesOf(file)
      .filter((s) => HCL_WORD.test(s))
      .map((s) => `${relative(root, file)}: ${s}`),
  );
  expect(offenders).toEqual([]);
});
