/**
 * examples/gitops is a repository root a team copies as is: the workflows where GitHub reads them,
 * each passing actionlint (built by scripts/setup-actionlint.mjs), and a package.json and lock file
 * that `npm ci` installs from once the package tarball is vendored (examples/gitops/vendor/README.md).
 */
import { readJsonFile } from '../json';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../e2e/harness';
import { LAYOUT, TeamRepository, packTarball } from './layout';

jest.setTimeout(300_000);

const WORKFLOWS = join(LAYOUT, '.github', 'workflows');

interface Actionlint {
  path: string;
  version: string;
  shellcheck: string | null;
}

/** package.json and package-lock.json, the fields these tests read. */
interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
}
interface Lockfile {
  packages: Record<string, Manifest & { resolved?: string; integrity?: string }>;
}

function actionlint(): Actionlint {
  const file = join(repoRoot, '.tools', 'actionlint.json');
  if (!existsSync(file)) throw new Error('.tools/actionlint.json is missing: run `node scripts/setup-actionlint.mjs` (npm test does)');
  return readJsonFile<Actionlint>(file);
}

test('the three workflows sit in .github/workflows', () => {
  expect(readdirSync(WORKFLOWS).sort()).toEqual(['apply-on-merge.yml', 'nightly-drift.yml', 'plan-on-pr.yml']);
  expect(existsSync(join(LAYOUT, '.gitlab-ci.yml'))).toBe(true);
});

test('actionlint finds nothing to report in any workflow', () => {
  const tool = actionlint();
  const files = readdirSync(WORKFLOWS).map((f) => join('.github', 'workflows', f));
  // With shellcheck on PATH actionlint also checks every run: script; .tools/actionlint.json says whether it was.
  const out = spawnSync(tool.path, ['-no-color', ...files], { cwd: LAYOUT, encoding: 'utf8' });
  expect({ code: out.status, output: `${out.stdout}${out.stderr}` }).toEqual({ code: 0, output: '' });
});

test('actionlint fails a broken workflow (the check is live)', () => {
  const tool = actionlint();
  const out = spawnSync(tool.path, ['-no-color', '-stdin-filename', 'broken.yml', '-'], {
    input: 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n',
    encoding: 'utf8',
  });
  expect(out.status).toBe(1);
  expect(out.stdout).toContain('steps.nope');
});

test('every workflow asks only for the permissions it uses', () => {
  const permissions = Object.fromEntries(
    readdirSync(WORKFLOWS).map((f) => [f, (parse(readFileSync(join(WORKFLOWS, f), 'utf8')) as { permissions?: unknown }).permissions]),
  );
  expect(permissions).toEqual({
    'apply-on-merge.yml': { contents: 'read' },
    'nightly-drift.yml': { contents: 'read', issues: 'write' },
    'plan-on-pr.yml': { contents: 'read', 'pull-requests': 'write' },
  });
});

describe('package.json and package-lock.json', () => {
  let work: string;
  let repo: TeamRepository;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wls-gitops-lock-'));
    repo = new TeamRepository(packTarball(work));
  });

  afterAll(() => {
    repo?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  test('name the tarball of this version in vendor/, pinned by everything but its own hash', () => {
    const { version } = readJsonFile<Manifest>(join(repoRoot, 'package.json'));
    const manifest = readJsonFile<Manifest>(join(LAYOUT, 'package.json'));
    const lock = readJsonFile<Lockfile>(join(LAYOUT, 'package-lock.json'));
    expect(manifest.dependencies).toEqual({ 'whatsapp-local-storage': `file:vendor/whatsapp-local-storage-${version}.tgz` });
    expect(lock.packages[''].dependencies).toEqual(manifest.dependencies);
    const own = lock.packages['node_modules/whatsapp-local-storage'];
    expect(own).toMatchObject({ version, resolved: `file:vendor/whatsapp-local-storage-${version}.tgz` });
    // The team's first `npm install` records the hash of the tarball they vendored.
    expect(own.integrity).toBeUndefined();
    const others = Object.entries(lock.packages).filter(
      ([k]) => k.startsWith('node_modules/') && k !== 'node_modules/whatsapp-local-storage',
    );
    expect(others.length).toBeGreaterThan(0);
    for (const [name, entry] of others)
      expect({ name, integrity: entry.integrity }).toEqual<Record<string, unknown>>({
        name,
        integrity: expect.stringMatching(/^sha512-/),
      });
  });

  test('npm ci installs the whole tree from them, and the CLI runs', () => {
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: repo.dir,
      encoding: 'utf8',
    });
    expect({ code: ci.status, stderr: ci.stderr }).toEqual({ code: 0, stderr: '' });
    // A dependency of the package missing from the lock file shows here (run scripts/gitops-lock.mjs).
    const ls = spawnSync('npm', ['ls', '--all', '--omit=peer'], { cwd: repo.dir, encoding: 'utf8' });
    expect({ code: ls.status, stderr: ls.stderr }).toEqual({ code: 0, stderr: '' });
    const help = spawnSync('npx', ['--no-install', 'whatsapp-local-storage', 'drift', '--help'], { cwd: repo.dir, encoding: 'utf8' });
    expect(help.stdout).toContain('--out <dir>');
  });
});
