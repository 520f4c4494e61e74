/**
 * The committed CDKTF bindings (src/cdktf/generated) must be what
 * @cdktf/provider-generator makes from the schema the built provider serves
 * (asked through OpenTofu), and the check must fail when they differ.
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
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

describe('CDKTF bindings match the schema the provider serves', () => {
  let dir: string;
  let schema: { provider_schemas: Record<string, { resource_schemas: Record<string, { block: { attributes: Record<string, unknown> } }> }> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wls-bindings-test-'));
    const printed = await generateBindings(['--print-schema']);
    if (printed.code !== 0) throw new Error(`--print-schema failed:\n${printed.stderr}`);
    schema = JSON.parse(printed.stdout);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the provider serves its schema under the registry.terraform.io address', () => {
    expect(Object.keys(schema.provider_schemas)).toEqual([ADDRESS]);
    expect(Object.keys(schema.provider_schemas[ADDRESS].resource_schemas)).toContain('whatsapp_local_storage');
  });

  test('--check passes: the committed bindings are up to date', async () => {
    const check = await generateBindings(['--check']);
    expect(check.stderr).toMatch(/CDKTF bindings match the provider schema/);
    expect(check.code).toBe(0);
  });

  test('the generated provider pins the registry.terraform.io source (Terraform finds it too)', () => {
    const provider = readFileSync(join(repoRoot, 'src', 'cdktf', 'generated', 'providers', 'whatsapp', 'provider', 'index.ts'), 'utf8');
    expect(provider).toContain(`terraformProviderSource: '${ADDRESS}'`);
  });

  test('--check fails (exit 1) when the served schema gains an attribute', async () => {
    const changed = JSON.parse(JSON.stringify(schema));
    changed.provider_schemas[ADDRESS].resource_schemas.whatsapp_local_storage.block.attributes.retention_days = {
      type: 'number', optional: true, description: 'A setting the bindings do not know yet.', description_kind: 'markdown',
    };
    const file = join(dir, 'changed-schema.json');
    writeFileSync(file, JSON.stringify(changed));
    const check = await generateBindings(['--check', '--schema', file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/CDKTF bindings are stale \(.*providers\/whatsapp\/local-storage\/index\.ts.*\): run node scripts\/generate-bindings\.mjs/);
  });

  test('--check fails when only a description changes (doc comments are part of the bindings)', async () => {
    const changed = JSON.parse(JSON.stringify(schema));
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
