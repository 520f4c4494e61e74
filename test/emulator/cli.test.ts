/**
 * The `whatsapp-local-storage emulator` command, bundled from src/cli/main.ts the way
 * scripts/build.mjs bundles dist/bin/whatsapp-local-storage.js, run as a real process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import type { EmulatorStateDump } from '../../src/emulator/types';
import { ISSUE_MINIMAL_SEED } from './helpers';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const repoRoot = join(__dirname, '..', '..');
let dir: string;
let bin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wls-emulator-cli-'));
  bin = join(dir, 'whatsapp-local-storage.js');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'src/cli/main.ts')],
    outfile: bin,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
}

function start(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'emulator', ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not print its URL: ${err}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, url: line, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}: ${err}`));
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return exitOf(child).then((code) => ({ code, stderr: err }));
}

const auth = { headers: { authorization: 'Bearer EAAJB...' }, proxy: false as const, validateStatus: () => true };

test('--port 0 prints the chosen URL on one line; SIGTERM stops it cleanly with the state flushed; the state reloads', async () => {
  const stateFile = join(dir, 'state.json');
  const first = await start(['--port', '0', '--state-file', stateFile]);
  try {
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(first.url.split(':')[2])).toBeGreaterThan(0);
    expect((await axios.post(`${first.url}/${FIRST_SETTINGS_VERSION}/106540352242922/deregister`, undefined, auth)).data).toEqual({
      success: true,
    });
  } finally {
    first.child.kill('SIGTERM');
  }
  expect(await exitOf(first.child)).toBe(0);
  const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorStateDump;
  expect(saved.phone_numbers.find((n) => n.id === '106540352242922')?.registered).toBe(false);

  const second = await start(['--port', '0', '--state-file', stateFile]);
  try {
    const node = await axios.get(`${second.url}/${FIRST_SETTINGS_VERSION}/106540352242922?fields=status`, auth);
    expect(node.data).toEqual({ status: 'DISCONNECTED', id: '106540352242922' });
    expect(
      (
        await axios.post(
          `${second.url}/${FIRST_SETTINGS_VERSION}/106540352242922/register`,
          { messaging_product: 'whatsapp', pin: '123456' },
          auth,
        )
      ).data,
    ).toEqual({ success: true });
  } finally {
    second.child.kill('SIGINT');
  }
  expect(await exitOf(second.child)).toBe(0);
  const after = JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorStateDump;
  expect(after.phone_numbers.find((n) => n.id === '106540352242922')?.registered).toBe(true);
  expect(after.counters['106540352242922'].register).toHaveLength(1);
});

test('--seed, --host and --latency-ms', async () => {
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(ISSUE_MINIMAL_SEED));
  const s = await start(['--port', '0', '--host', '127.0.0.1', '--seed', seedFile, '--latency-ms', '120']);
  try {
    const t = Date.now();
    const res = await axios.get(`${s.url}/${FIRST_SETTINGS_VERSION}/106540352242922/settings`, {
      headers: { authorization: 'Bearer TOKEN' },
      proxy: false,
    });
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    expect(res.data).toEqual({ storage_configuration: { status: 'DEFAULT' } });
    expect((await axios.get(`${s.url}/${FIRST_SETTINGS_VERSION}/106540352242922/settings`, auth)).status).toBe(401);
  } finally {
    s.child.kill('SIGTERM');
  }
  expect(await exitOf(s.child)).toBe(0);
});

test('bad input fails with a clear message and exit code 1, never a stack trace', async () => {
  const badSeed = join(dir, 'bad-seed.json');
  writeFileSync(badSeed, JSON.stringify({ tokens: {}, phone_numbers: [{ id: 'abc', display_phone_number: 'x', verified_name: 'y' }] }));
  const seedRun = await run(['emulator', '--port', '0', '--seed', badSeed]);
  expect(seedRun.code).toBe(1);
  expect(seedRun.stderr).toMatch(/phone_numbers\[0\]\.id/);
  expect(seedRun.stderr).not.toMatch(/\n\s+at /);

  const missing = await run(['emulator', '--port', '0', '--seed', join(dir, 'nope.json')]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/cannot read seed file/);

  const port = await run(['emulator', '--port', 'abc']);
  expect(port.code).toBe(1);
  expect(port.stderr).toMatch(/--port/);

  const busy = await start(['--port', '0']);
  try {
    const taken = await run(['emulator', '--port', busy.url.split(':')[2]]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already in use/);
  } finally {
    busy.child.kill('SIGTERM');
  }
  expect(await exitOf(busy.child)).toBe(0);
});
