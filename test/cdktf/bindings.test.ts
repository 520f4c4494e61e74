/**
 * The committed bindings (src/cdktf/generated, src/cdktn/generated) must be what
 * @cdktf/provider-generator and @cdktn/provider-generator make from the schema the built
 * provider serves (asked through OpenTofu), the entry points what their template renders,
 * and the check must fail when they differ.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const script = join(repoRoot, 'scripts', 'generate-bindings.mjs');
const ADDRESS = 'registry.terraform.io/waba/whatsapp';

jest.setTimeout(120_000);

function generateBindings(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

describe('CDKTF and CDK Terrain bindings match the schema the provider serves', () => {
  let dir: string;
  type Attribute = { description?: string; [field: string]: unknown };
  type ResourceSchema = { block: { attributes: Record<string, Attribute> } };
  let schema: { provider_schemas: Record<string, { resource_schemas: Record<string, ResourceSchema> }> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wls-bindings-test-'));
    const printed = await generateBindings(['--print-schema']);
    if (printed.code !== 0) throw new Error(`--print-schema failed:\n${printed.stderr}`);
    schema = JSON.parse(printed.stdout) as typeof schema;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the provider serves its schema under the registry.terraform.io address', () => {
    expect(Object.keys(schema.provider_schemas)).toEqual([ADDRESS]);
    expect(Object.keys(schema.provider_schemas[ADDRESS].resource_schemas)).toContain('whatsapp_local_storage');
  });

  test('--check passes: the committed bindings are up to date', async () => {
    const check = await generateBindings(['--check']);
    expect(check.stderr).toMatch(/CDKTF bindings match the provider schema/);
    expect(check.stderr).toMatch(/CDK Terrain bindings match the provider schema/);
    expect(check.code).toBe(0);
  });

  test.each(['cdktf', 'cdktn'])('the %s provider binding pins the registry.terraform.io source and imports only its library', (library) => {
    const provider = readFileSync(join(repoRoot, 'src', library, 'generated', 'providers', 'whatsapp', 'provider', 'index.ts'), 'utf8');
    expect(provider).toContain(`terraformProviderSource: '${ADDRESS}'`);
    expect([...provider.matchAll(/from '(cdkt[fn])'/g)].map((m) => m[1])).toEqual([library]);
  });

  test('--check fails (exit 1) when the served schema gains an attribute', async () => {
    const changed = structuredClone(schema);
    changed.provider_schemas[ADDRESS].resource_schemas.whatsapp_local_storage.block.attributes.retention_days = {
      type: 'number',
      optional: true,
      description: 'A setting the bindings do not know yet.',
      description_kind: 'markdown',
    };
    const file = join(dir, 'changed-schema.json');
    writeFileSync(file, JSON.stringify(changed));
    const check = await generateBindings(['--check', '--schema', file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(
      /CDKTF bindings are stale \(.*providers\/whatsapp\/local-storage\/index\.ts.*\): run node scripts\/generate-bindings\.mjs/,
    );
    expect(check.stderr).toMatch(/CDK Terrain bindings are stale \(.*providers\/whatsapp\/local-storage\/index\.ts.*\)/);
  });

  test('--check fails when an entry point differs from what the template renders', async () => {
    const template = join(dir, 'changed-template.ts.tpl');
    writeFileSync(template, `${readFileSync(join(repoRoot, 'scripts', 'templates', 'cdk-entry.ts.tpl'), 'utf8')}export const extra = 1;\n`);
    const check = await generateBindings(['--check', '--library', 'cdktn', '--template', template]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/CDK Terrain bindings are stale \(.*index\.ts.*\)/);
  });

  test('--check fails when only a description changes (doc comments are part of the bindings)', async () => {
    const changed = structuredClone(schema);
    const attrs = changed.provider_schemas[ADDRESS].resource_schemas.whatsapp_local_storage.block.attributes;
    attrs.pin.description = `${attrs.pin.description} Changed.`;
    const file = join(dir, 'changed-description.json');
    writeFileSync(file, JSON.stringify(changed));
    const check = await generateBindings(['--check', '--schema', file]);
    expect(check.code).toBe(1);
  });

  test('--check with the unchanged schema from a file passes (the comparison is exact, not flaky)', async () => {
    const file = join(dir, 'same-schema.json');
    writeFileSync(file, JSON.stringify(schema));
    const check = await generateBindings(['--check', '--schema', file]);
    expect(check.code).toBe(0);
  });
});
