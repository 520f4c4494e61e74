/**
 * Start-up guard as a count: the bytes of JavaScript the provider process loads before its
 * handshake line and before its first answers (GetProviderSchema, ValidateProviderConfig,
 * ConfigureProvider), measured in a real gRPC-driven run of the built executable with a
 * `--require` hook that lists the loaded files. Engines start the provider several times
 * per command and most of those processes answer only these calls, so what they load is
 * a fixed cost paid per process (timings: bench/versus-go-peer.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { dv, startProvider } from '../provider/harness';
import { repoRoot } from '../e2e/harness';
import type { RunningEmulator } from '../../src/emulator';
import { readThroughBundle } from '../engine/bundled-engine';
import { emulatorForFile } from '../engine/emulator-harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const executable = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');

// Records, at the handshake line (first stdout write) and at exit, every file module loaded so far.
const HOOK = `
const { statSync, writeFileSync } = require('node:fs');
const loaded = () => Object.keys(require.cache).filter((file) => file !== __filename).map((file) => ({ file, bytes: statSync(file).size }));
const record = { handshake: null, exit: null };
const write = process.stdout.write;
process.stdout.write = function (...args) {
  if (!record.handshake) record.handshake = loaded();
  return write.apply(this, args);
};
process.on('exit', () => {
  record.exit = loaded();
  writeFileSync(process.env.LOAD_RECORD_FILE, JSON.stringify(record));
});
`;

interface Loaded {
  file: string;
  bytes: number;
}

type LoadRecord = { handshake: Loaded[]; exit: Loaded[] };
let firstAnswers: LoadRecord;
let schemaOnly: LoadRecord;
const kib = (files: Loaded[]): number => files.reduce((sum, f) => sum + f.bytes, 0) / 1024;
const names = (files: Loaded[]): string[] => files.map((f) => basename(f.file)).sort();

/** Runs the built provider with the recording hook through `calls`, then the engine's Shutdown. */
async function recordLoads(
  dir: string,
  name: string,
  calls: (p: Awaited<ReturnType<typeof startProvider>>) => Promise<void>,
): Promise<LoadRecord> {
  const hook = join(dir, 'record-loads.js');
  const out = join(dir, `${name}.json`);
  writeFileSync(hook, HOOK);
  const p = await startProvider({ executable, protocolVersions: '5,6', env: { NODE_OPTIONS: `--require ${hook}`, LOAD_RECORD_FILE: out } });
  try {
    await calls(p);
    await p.controller.shutdown({}).catch(() => undefined);
    await p.exited;
  } finally {
    await p.close();
  }
  return JSON.parse(readFileSync(out, 'utf8')) as LoadRecord;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'startup-load-'));
  try {
    const config = dv({
      access_token: 'startup-load-token',
      api_version: FIRST_SETTINGS_VERSION,
      base_url: 'http://127.0.0.1:9',
      request_timeout_seconds: null,
      max_retries: null,
    });
    firstAnswers = await recordLoads(dir, 'first-answers', async (p) => {
      expect((await p.v6.getProviderSchema({})).diagnostics ?? []).toEqual([]);
      expect((await p.v6.validateProviderConfig({ config })).diagnostics ?? []).toEqual([]);
      expect((await p.v6.configureProvider({ terraformVersion: '1.12.6', config })).diagnostics ?? []).toEqual([]);
    });
    // What an engine's schema-reading process asks (tofu and terraform start one per command).
    schemaOnly = await recordLoads(dir, 'schema-only', async (p) => {
      expect((await p.v6.getProviderSchema({})).resourceSchemas?.whatsapp_local_storage).toBeDefined();
      expect((await p.v6.getResourceIdentitySchemas({})).identitySchemas?.whatsapp_local_storage).toBeDefined();
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);

describe('what the provider loads at start', () => {
  test('before the handshake line: the handshake file and the shared plumbing, at most 40 KiB', () => {
    for (const record of [firstAnswers, schemaOnly]) {
      expect(names(record.handshake)).toEqual(['terraform-provider-whatsapp.js', 'whatsapp-provider-shared.js']);
      expect(kib(record.handshake)).toBeLessThanOrEqual(40);
    }
  });

  test('schema, validate and configure load no engine or HTTP client, only their protocol version, at most 512 KiB in all', () => {
    expect(names(firstAnswers.exit)).toEqual([
      'terraform-provider-whatsapp.js',
      'whatsapp-provider-plugin.js',
      'whatsapp-provider-runtime.js',
      'whatsapp-provider-shared.js',
      'whatsapp-provider-tfplugin6.js',
    ]);
    expect(kib(firstAnswers.exit)).toBeLessThanOrEqual(512);
  });

  test('a process that only reads the schema loads no provider, runtime or protocol code: at most 80 KiB', () => {
    expect(names(schemaOnly.exit)).toEqual([
      'terraform-provider-whatsapp.js',
      'whatsapp-provider-plugin.js',
      'whatsapp-provider-shared.js',
    ]);
    expect(kib(schemaOnly.exit)).toBeLessThanOrEqual(80);
  });
});

describe('what a read loads', () => {
  let emulator: RunningEmulator;
  emulatorForFile((emu) => (emulator = emu), { resetBeforeEach: false });

  // The engine file as bundled (scripts/lib/bundle-plugins.mjs): axios without its fetch adapter,
  // so reading a number never makes Node load its fetch implementation (undici), ~15 ms of CPU.
  test("the engine file reads a number without loading Node's fetch", async () => {
    const { code, stdout, stderr } = await readThroughBundle(emulator.url);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const { info, undici } = JSON.parse(stdout) as { info: { data_localization_region?: string }; undici: string[] };
    expect({ region: info.data_localization_region, undici }).toEqual({ region: 'BR', undici: [] });
  });
});
