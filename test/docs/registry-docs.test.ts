/**
 * docs/ (registry layout) and the CDKTF doc comments come from the schema the
 * provider serves: the committed pages must match it, and the check must bite.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';
import { parseJson } from '../json';

jest.setTimeout(120_000);

const script = join(repoRoot, 'scripts', 'generate-docs.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('registry docs', () => {
  let dir: string;
  type Attributes = Record<string, { description?: string }>;
  type Schema = { provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes: Attributes } }> }> };
  let schema: Schema;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wls-docs-'));
    const printed = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'generate-bindings.mjs'), '--print-schema'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(printed.status).toBe(0);
    schema = parseJson<Schema>(printed.stdout);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the committed pages match the schema the provider serves', () => {
    const result = run('--check');
    expect(result.stderr).toContain('registry docs match the provider schema (6 pages)');
    expect(result.status).toBe(0);
  });

  test('a changed attribute description makes the check fail', () => {
    const changed = structuredClone(schema);
    changed.provider_schemas[
      'registry.terraform.io/waba/whatsapp'
    ].resource_schemas.whatsapp_local_storage.block.attributes.pin.description = 'changed';
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(changed));
    const result = run('--check', '--schema', join(dir, 'schema.json'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('docs/resources/local_storage.md');
  });

  test('the resource page documents every attribute, the import syntax and the runnable example', () => {
    const page = readFileSync(join(repoRoot, 'docs', 'resources', 'local_storage.md'), 'utf8');
    const attributes = Object.keys(
      schema.provider_schemas['registry.terraform.io/waba/whatsapp'].resource_schemas.whatsapp_local_storage.block.attributes,
    );
    for (const name of attributes) expect(page).toContain(`- \`${name}\``);
    expect(page).toContain(
      readFileSync(join(repoRoot, 'examples', 'resources', 'whatsapp_local_storage', 'resource.tf'), 'utf8').trimEnd(),
    );
    expect(page).toMatch(/terraform import whatsapp_local_storage\.\w+ \d+/);
  });
});
