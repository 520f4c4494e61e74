// What the scripts that provide Go-built tools share (the engines, actionlint, tfplugindocs):
// where their cache lives, finding a binary on PATH, and running the Go toolchain.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** `~/.cache/whatsapp-local-storage/<folder>` (XDG_CACHE_HOME honoured), or `override` when set. */
export function cacheDir(folder, override) {
  return override || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage', folder);
}

/** The first regular file called `name` on PATH. */
export function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Runs `go <args>`; resolves with its stdout, rejects with the end of its stderr. */
export function runGo(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (error) => reject(new Error(`cannot run go (install Go from https://go.dev/dl): ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`go ${args.join(' ')} failed (${code}):\n${stderr.slice(-4000)}`)),
    );
  });
}

/** `go install <spec>` into `gobin`. */
export function goInstall(spec, gobin) {
  return runGo(['install', spec], { env: { ...process.env, GOBIN: gobin } });
}
