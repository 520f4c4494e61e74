// Provides HashiCorp's tfplugindocs (github.com/hashicorp/terraform-plugin-docs), the tool
// registry providers use to generate and validate docs/. Built once from the Go module
// proxy into the cache the engines use (~/.cache/whatsapp-local-storage/tools/), so
// every clone and CI run on this machine reuses it.
//   node scripts/setup-tfplugindocs.mjs    prints the binary's path
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log } from './lib/run.mjs';

export const TFPLUGINDOCS = { version: '0.25.0', module: 'github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs' };

const cacheRoot =
  process.env.WHATSAPP_LS_TOOL_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage', 'tools');

function runs(binary) {
  return spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30000 }).status === 0;
}

/** Serializes concurrent setups with an atomic lock directory (a stale one is taken over after 30 minutes). */
async function withLock(fn) {
  mkdirSync(cacheRoot, { recursive: true });
  const lock = join(cacheRoot, '.tfplugindocs.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 30 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The path of a runnable tfplugindocs of TFPLUGINDOCS.version, built first when the cache lacks it. */
export async function ensureTfplugindocs() {
  const dir = join(cacheRoot, `tfplugindocs-${TFPLUGINDOCS.version}`);
  const binary = join(dir, 'tfplugindocs');
  if (existsSync(binary) && runs(binary)) return binary;
  return withLock(async () => {
    if (existsSync(binary) && runs(binary)) return binary;
    log(`tfplugindocs: building ${TFPLUGINDOCS.version} from the Go module proxy (first time only, a few minutes)`);
    mkdirSync(dir, { recursive: true });
    await new Promise((resolve, reject) => {
      const child = spawn('go', ['install', `${TFPLUGINDOCS.module}@v${TFPLUGINDOCS.version}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, GOBIN: dir },
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', (error) => reject(new Error(`cannot run go (install Go from https://go.dev/dl): ${error.message}`)));
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install tfplugindocs failed (${code}):\n${stderr.slice(-4000)}`)),
      );
    });
    chmodSync(binary, 0o755);
    if (!runs(binary)) throw new Error(`${binary} was built but does not run`);
    return binary;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureTfplugindocs().then(
    (binary) => console.log(binary),
    (error) => {
      log(`tfplugindocs setup failed: ${error.message}`);
      process.exit(1);
    },
  );
}
