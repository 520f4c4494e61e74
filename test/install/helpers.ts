/** Shared by the install tests: cached node executables and release artifacts made by the repository's scripts. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';

/** The `node` executable of `platform` at `version` from the npm registry (cached in ~/.cache/whatsapp-local-storage/node). */
export function cachedNode(platform: string, version?: string): string {
  const out = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'lib', 'node-binaries.mjs'), version ? `${platform}@${version}` : platform], { encoding: 'utf8' });
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
