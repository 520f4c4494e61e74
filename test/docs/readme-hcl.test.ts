/**
 * The README's HCL section runs as written under each engine against the emulator: its
 * shell block (with `npm`/`npx` served by this build and the emulator's port in place of
 * 8787) and its HCL block, unchanged. The apply shows the one downtime sentence.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { DOWNTIME_DOCS } from '../../src/engine/downtime';
import { repoRoot, requiredEngines } from '../e2e/harness';

jest.setTimeout(240_000);

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Terraform / OpenTofu (HCL)'), readme.indexOf('## CDKTF'));
const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section)![1];

test('the HCL block declares the pin variable and a version constraint; the shell block sets WHATSAPP_BASE_URL', () => {
  expect(block('hcl')).toMatch(/variable "pin" \{[\s\S]*sensitive\s+= true/);
  expect(block('hcl')).toMatch(/version = "~> [0-9.]+"/);
  expect(block('sh')).toMatch(/export WHATSAPP_BASE_URL=http:\/\/127\.0\.0\.1:8787/);
});

test.each(requiredEngines())('runs as written under $name $version', async (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'wls-readme-'));
  // A fresh emulator per engine: the number starts in default storage each time.
  const emulator: RunningEmulator = await startEmulator({ port: 0, quiet: true });
  try {
    writeFileSync(join(dir, 'main.tf'), block('hcl'));
    const port = new URL(emulator.url).port;
    // The reader's commands: npm/npx from this build, the engine named as the README does, applies unattended.
    const shims = [
      'npm() { :; }',
      `npx() { shift; "${process.execPath}" "${join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js')}" "$@"; }`,
      `${engine.name}() { if [ "$1" = apply ]; then "${engine.path}" "$@" -auto-approve -no-color; else "${engine.path}" "$@" -no-color; fi; }`,
    ].join('\n');
    const script = `set -e\n${shims}\n${block('sh')
      .replace(/127\.0\.0\.1:8787/g, `127.0.0.1:${port}`)
      .replace(/^tofu init && tofu apply/m, `${engine.name} init && ${engine.name} apply`)}`;
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    for (const key of ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_BASE_URL', 'TF_CLI_CONFIG_FILE']) delete env[key];
    const result = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { cwd: dir, env });
      let output = '';
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, output }));
    });
    if (result.code !== 0) throw new Error(`README commands failed:\n${result.output}`);
    // One resource per storage mode: in-country, Meta's default, No Storage.
    expect(result.output).toMatch(/Apply complete! Resources: 3 added/);
    // The plan's short warning for the number it takes offline points to the docs, which carry the explanation.
    expect(result.output.replace(/\s+/g, ' ')).toMatch(
      new RegExp(
        `offline (~\\d+\\.\\d s|under 0\\.1 s|a few seconds), one number at a time(?: \\([^.]*\\))?\\. Quota: [^.]*\\. Why, PIN risk: ${DOWNTIME_DOCS}`,
      ),
    );
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
