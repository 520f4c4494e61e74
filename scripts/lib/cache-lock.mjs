// One set-up at a time per cache (parallel test runs on one machine share it): an atomic lock directory.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './run.mjs';

/** Runs `fn` holding `<dir>/<name>`; a lock older than 30 minutes belongs to a set-up that died. */
export async function withCacheLock(dir, name, what, fn) {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, name);
  for (let waited = 0; ; waited += 2) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 30 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      if (waited % 30 === 0) log(`waiting for another ${what} set-up to finish`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
