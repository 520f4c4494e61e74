/**
 * One read through the engine file as the build bundles it (dist/bin/whatsapp-provider-engine.js,
 * the part the provider requires on its first API call), in a child process: for what only the
 * bundle shows (how axios is bundled, what a read loads). The child's only proxy settings are
 * those in `env`. It prints `{ info, undici }`: the engine's answer for NUM_BR and the Node
 * modules of its fetch implementation that were loaded.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { childOutput, envWithoutNetworkSettings, type ChildOutput } from '../child-output';
import { NUM_BR, TOKEN } from './emulator-harness';

export const ENGINE_BUNDLE = resolve(__dirname, '..', '..', 'dist', 'bin', 'whatsapp-provider-engine.js');

export function readThroughBundle(baseUrl: string, env: Record<string, string> = {}): Promise<ChildOutput> {
  if (!existsSync(ENGINE_BUNDLE)) throw new Error(`${ENGINE_BUNDLE} is missing: run node scripts/build.mjs --no-install --no-typecheck`);
  const script = `
const { LocalStorageEngine } = require(process.env.BUNDLE);
const engine = LocalStorageEngine.fromConfig({ accessToken: process.env.WHATSAPP_ACCESS_TOKEN, baseUrl: process.env.BASE_URL, maxRetries: 0, timeoutMs: 10000 });
engine.phoneNumber(process.env.NUMBER).then(
  (info) => { process.stdout.write(JSON.stringify({ info, undici: process.moduleLoadList.filter((m) => /undici/.test(m)) })); engine.close(); },
  (e) => { process.stderr.write(String(e && e.message)); process.exitCode = 1; engine.close(); },
);`;
  // Async: the emulator (and any proxy) live in the test's process, so a blocking child would deadlock.
  return childOutput(process.execPath, ['-e', script], {
    env: { ...envWithoutNetworkSettings(), ...env, BUNDLE: ENGINE_BUNDLE, BASE_URL: baseUrl, NUMBER: NUM_BR, WHATSAPP_ACCESS_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
