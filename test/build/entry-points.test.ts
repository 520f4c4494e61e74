/** The build refuses to finish without an executable's entry point instead of leaving its bundle out. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');

test('scripts/build.mjs exits non-zero and names the missing entry point', () => {
  const root = mkdtempSync(join(tmpdir(), 'wls-build-'));
  try {
    mkdirSync(join(root, 'scripts', 'lib'), { recursive: true });
    copyFileSync(join(repo, 'scripts', 'build.mjs'), join(root, 'scripts', 'build.mjs'));
    for (const lib of ['run.mjs', 'bundle-plugins.mjs']) copyFileSync(join(repo, 'scripts', 'lib', lib), join(root, 'scripts', 'lib', lib));
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), '');
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--no-install'], { cwd: root, encoding: 'utf8' });
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('entry point src/provider/main.ts not found');
    expect(build.stderr).not.toContain('src/cli/main.ts');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
