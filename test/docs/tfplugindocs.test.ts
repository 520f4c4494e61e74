/**
 * docs/ passes HashiCorp's `tfplugindocs validate` (built from the Go module proxy by
 * scripts/setup-tfplugindocs.mjs) against the schema the provider serves, and the check bites.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';

jest.setTimeout(600_000);

const validate = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'scripts', 'validate-docs.mjs'), ...args], { cwd: repoRoot, encoding: 'utf8' });

test('the committed registry docs pass tfplugindocs validate', () => {
  const result = validate();
  expect(`${result.stderr}`).toContain('tfplugindocs validate: docs/ passes');
  expect(result.status).toBe(0);
});

test('a page for a resource the provider does not serve fails tfplugindocs validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wls-tfplugindocs-'));
  try {
    cpSync(join(repoRoot, 'docs'), join(dir, 'docs'), { recursive: true });
    writeFileSync(
      join(dir, 'docs', 'resources', 'nothing_here.md'),
      '---\npage_title: "whatsapp_nothing_here"\n---\n\n# whatsapp_nothing_here\n',
    );
    const result = validate('--provider-dir', dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nothing_here');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
