/**
 * Cloud API emulator: a local stand-in for graph.facebook.com's phone number,
 * settings and registration endpoints, with an admin API for tests.
 * See docs/emulator.md.
 */
import { EmulatorAdminClient } from './admin-client';
import { loadSeed } from './seed';
import { EmulatorServer } from './server';
import type { EmulatorSeed } from './types';

export * from './types';
export { loadSeed, defaultSeed, validateSeed, SeedError, DEFAULT_OPTIONS, generatedSeed, generatedPhoneNumberId } from './seed';
export type { GeneratedSeedOptions } from './seed';
export { EmulatorAdminClient } from './admin-client';
export type { CallFilter, FaultsInfo } from './admin-client';

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A seed object or the path of a seed JSON file; default: default-seed.json. */
  seed?: EmulatorSeed | string;
  /** Persist state here; if it exists, start from it instead of the seed. */
  stateFile?: string;
  /** Fixed latency added to every Graph request. */
  latencyMs?: number;
  /** Accepted for callers that print; the emulator itself never writes to the console. */
  quiet?: boolean;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:43125 (no trailing slash, no version). */
  url: string;
  host: string;
  port: number;
  admin: EmulatorAdminClient;
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = loadSeed(options.seed);
  const server = new EmulatorServer({ seed, stateFile: options.stateFile, latencyMs: options.latencyMs });
  const host = options.host ?? '127.0.0.1';
  const address = await server.listen(options.port ?? 0, host);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host: address.address,
    port: address.port,
    admin: new EmulatorAdminClient(url),
    close: () => (closing ??= server.close()),
  };
}
