/**
 * The boxes of docs/architecture.md, read from the source with the TypeScript
 * parser: which folder may import which, which npm packages belong to which
 * box, and where each shared rule is stated. Comments do not count; string
 * literals and imports do. (test/architecture/error-contract.test.ts keeps the
 * HTTP and Graph-error seams.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

interface SourceFacts {
  path: string;
  /** Top-level folder under src/ ('' for src/index.ts). */
  box: string;
  /** Relative imports resolved to repository paths, without extension. */
  localImports: string[];
  packageImports: string[];
  strings: string[];
  /** Array literals made only of strings (lists written out by hand). */
  stringLists: string[][];
}

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : listSources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

function factsOf(file: string): SourceFacts {
  const path = relative(root, file).split('\\').join('/');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  const strings: string[] = [];
  const stringLists: string[][] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        specifiers.push(node.arguments[0].text);
        return;
      }
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      strings.push(node.text);
    }
    if (ts.isRegularExpressionLiteral(node)) strings.push(node.text);
    if (ts.isArrayLiteralExpression(node) && node.elements.length > 0 && node.elements.every(ts.isStringLiteral)) {
      stringLists.push(node.elements.map((e) => (e as ts.StringLiteral).text));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const local = specifiers.filter((s) => s.startsWith('.')).map((s) => posix.normalize(posix.join(posix.dirname(path), s)));
  const packages = specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
  const segments = path.split('/');
  return { path, box: segments.length > 2 ? segments[1] : '', localImports: local, packageImports: packages, strings, stringLists };
}

const sources = listSources(join(root, 'src')).map(factsOf);
const boxOf = (importPath: string): string => (importPath.startsWith('src/') ? importPath.split('/')[1] : `outside src (${importPath})`);
const inBox = (...boxes: string[]) => sources.filter((f) => boxes.includes(f.box));
const outsideBox = (...boxes: string[]) => sources.filter((f) => !boxes.includes(f.box));

/**
 * The rule modules of the client that the layers above may use without going through the engine.
 * Each states one of Meta's rules, so the emulator (which plays Meta) must agree with it.
 */
const CLIENT_RULE_MODULES = [
  'src/cloud-api/ids',
  'src/cloud-api/base-url',
  'src/cloud-api/api-version',
  'src/cloud-api/graph-versions',
  'src/cloud-api/secret-formats',
  'src/cloud-api/no-storage',
  'src/cloud-api/phone-number-fields',
];

/** Box -> the boxes it may import from (itself always). Top-level entry points (src/index.ts, the CLI) may use every box. */
const ALLOWED: Record<string, string[]> = {
  shared: [],
  'cloud-api': ['shared'],
  engine: ['cloud-api', 'shared'],
  plugin: ['shared'],
  provider: ['plugin', 'engine', 'cloud-api', 'shared'],
  emulator: ['engine', 'cloud-api', 'shared'],
  cdk: ['engine', 'cloud-api', 'shared'],
  cdktf: ['cdk', 'engine', 'cloud-api', 'shared'],
  cdktn: ['cdk', 'engine', 'cloud-api', 'shared'],
};

test('every folder of src/ has a place in the layering', () => {
  const boxes = [...new Set(sources.map((f) => f.box))].filter((b) => b !== '' && b !== 'cli');
  expect(boxes.filter((b) => !(b in ALLOWED))).toEqual([]);
});

test('imports point only down the layers: provider -> engine -> client; the plugin framework and shared helpers stand alone', () => {
  const offenders = sources
    .filter((f) => f.box in ALLOWED)
    .flatMap((f) => f.localImports.filter((i) => boxOf(i) !== f.box && !ALLOWED[f.box].includes(boxOf(i))).map((i) => `${f.path} -> ${i}`));
  expect(offenders).toEqual([]);
});

test("above the engine, only the client's rule modules are used directly (never the client itself, its errors or retries)", () => {
  const offenders = inBox('provider', 'cdk', 'cdktf', 'cdktn', 'emulator').flatMap((f) =>
    f.localImports.filter((i) => boxOf(i) === 'cloud-api' && !CLIENT_RULE_MODULES.includes(i)).map((i) => `${f.path} -> ${i}`),
  );
  expect(offenders).toEqual([]);
});

test('the emulator takes only the rules it must share with Meta from the engine (regions), nothing of how we converge', () => {
  const offenders = inBox('emulator').flatMap((f) =>
    f.localImports.filter((i) => boxOf(i) === 'engine' && i !== 'src/engine/regions').map((i) => `${f.path} -> ${i}`),
  );
  expect(offenders).toEqual([]);
});

test('npm packages stay in their box', () => {
  const owners: Array<[RegExp, string[]]> = [
    [/^axios(\/|$)/, ['cloud-api', 'emulator']],
    // The construct logic (src/cdk) names no CDK library: each entry point passes its own in,
    // so the cdktn entry works where cdktf is not installed.
    [/^constructs(\/|$)/, ['cdk', 'cdktf', 'cdktn']],
    [/^@?cdktf(\/|$)/, ['cdktf']],
    [/^@?cdktn(\/|$)/, ['cdktn']],
    [/^(protobufjs|@msgpack\/msgpack)(\/|$)/, ['plugin']],
  ];
  const offenders = sources.flatMap((f) =>
    f.packageImports.filter((p) => owners.some(([re, boxes]) => re.test(p) && !boxes.includes(f.box))).map((p) => `${f.path} -> ${p}`),
  );
  expect(offenders).toEqual([]);
});

test('the plugin framework knows no WhatsApp', () => {
  const offenders = inBox('plugin').filter((f) => f.strings.some((s) => /whatsapp|graph\.facebook|local.storage/i.test(s)));
  expect(offenders.map((f) => f.path)).toEqual([]);
});

describe('each rule is stated in one module', () => {
  const REGION_CODE = /^(AU|IN|ID|JP|SG|KR|DE|CH|GB|BR|BH|ZA|AE|CA)$/;

  test('regions: the list of codes exists only in src/engine/regions.ts', () => {
    // A file naming several supported codes is restating the list (a single code in an example is fine).
    const offenders = outsideBox().filter(
      (f) => f.path !== 'src/engine/regions.ts' && new Set(f.strings.filter((s) => REGION_CODE.test(s))).size >= 4,
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('base URL: the default is written only in src/cloud-api/base-url.ts', () => {
    const offenders = sources.filter(
      (f) => f.path !== 'src/cloud-api/base-url.ts' && f.strings.some((s) => /^https:\/\/graph\.facebook\.com\/?$/.test(s)),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('Graph ids: the digits pattern is written only in src/cloud-api/ids.ts (the emulator checks seed files its own way)', () => {
    // A digits-only range long enough for an id (short ranges are durations and version numbers).
    const idPattern = /(\[0-9\]|\\d)\{1,(\d{2,}|\$\{)/;
    const offenders = outsideBox('emulator').filter((f) => f.path !== 'src/cloud-api/ids.ts' && f.strings.some((s) => idPattern.test(s)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('secret masking: one mask, written only in src/shared/secret-mask.ts', () => {
    const masks = ['***', '[REDACTED]', '(sensitive value)'];
    const offenders = sources.filter(
      (f) => f.path !== 'src/shared/secret-mask.ts' && f.strings.some((s) => masks.some((m) => s.includes(m))),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test("secret attributes come from the schema's sensitive and write-only flags, not from a list", () => {
    const SECRET = /^(access_token|pin|pin_wo|verification_code)$/;
    const offenders = sources.filter((f) => f.stringLists.some((list) => list.length >= 2 && list.every((s) => SECRET.test(s))));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  test('resource and data-source type names are written only where their schema is defined', () => {
    const offenders = outsideBox('cdktf', 'cdktn').filter(
      (f) => !f.path.startsWith('src/provider/schema/') && f.strings.some((s) => /^whatsapp_[a-z_]+$/.test(s)),
    );
    expect(offenders.map((f) => `${f.path}: ${f.strings.filter((s) => /^whatsapp_[a-z_]+$/.test(s)).join(', ')}`)).toEqual([]);
  });
});

test('this test reads the real tree', () => {
  expect(sources.length).toBeGreaterThan(80);
  expect(sources.some((f) => f.path === 'src/engine/planner.ts' && f.localImports.length > 0)).toBe(true);
  expect(dirname(__filename)).toContain('architecture');
});
