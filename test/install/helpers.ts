/** Shared by the install tests: cached node executables and release artifacts made by the repository's scripts. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';

/** The `node` executable of `platform` at `version` from the npm registry (cached in ~/.cache/whatsapp-local-storage/node). */
export function cachedNode(platform: string, version?: string): string {
  const out = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts', 'lib', 'node-binaries.mjs'), version ? `${platform}@${version}` : platform],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`node-binaries.mjs failed:\n${out.stderr}`);
  return out.stdout.trim();
}

/** A directory holding only a `node` that is `nodeExecutable`: a PATH with exactly that Node.js. */
export function pathWithNode(nodeExecutable: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wls-node-path-'));
  mkdirSync(join(dir, 'bin'));
  symlinkSync(nodeExecutable, join(dir, 'bin', 'node'));
  return join(dir, 'bin');
}

/** A PATH with no `node` (and nothing else): engines are started by absolute path. */
export const PATH_WITHOUT_NODE = '/nonexistent-wls-empty-path';

/**
 * A directory with `npm install <specs>` done, cached outside the clone
 * (~/.cache/whatsapp-local-storage/npm-tools/<hash of specs>/): CLIs the install tests run
 * but the repository does not depend on, e.g. cdktn-cli. Installed once; a parallel run
 * sees all of it or nothing.
 */
export function cachedNpmTools(specs: string[]): string {
  const root = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage', 'npm-tools');
  const dir = join(root, createHash('sha256').update(specs.join(' ')).digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'node_modules'))) return dir;
  mkdirSync(root, { recursive: true });
  const tmp = mkdtempSync(join(root, '.install-'));
  try {
    writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'wls-test-tools', private: true, description: specs.join(' ') }));
    const out = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], {
      cwd: tmp,
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${out.stdout}\n${out.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `npm pack` of this build into `dir`: the tarball a user installs. Returns its path. */
export function packTarball(dir: string): string {
  const out = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`npm pack failed:\n${out.stdout}\n${out.stderr}`);
  return join(dir, (JSON.parse(out.stdout) as Array<{ filename: string }>)[0].filename);
}

/** A fresh project in `dir` (created) with `npm install <specs>` done; `--prefer-offline` lets npm's cache serve. */
export function installProject(dir: string, specs: string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fresh-app', version: '1.0.0', private: true }));
  const out = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${out.stdout}\n${out.stderr}`);
}

/**
 * `<work>/plugin-cache` (created), for TF_PLUGIN_CACHE_DIR. cdktf-cli and cdktn-cli otherwise set
 * ~/.terraform.d/plugin-cache, one entry per provider version for every run on the machine; from a
 * filesystem mirror the engine links that entry to the mirror of the last `init` that installed it, and a
 * test deletes its mirror when it ends: a run beside it would plan through a link to a deleted directory.
 */
export function ownPluginCache(work: string): string {
  const dir = join(work, 'plugin-cache');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The version of the package whose package.json is in `dir`. */
export function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `npm pack --json`: one entry per packed package. */
export type NpmPackOutput = Array<{ filename: string; files: Array<{ path: string; size: number }> }>;
