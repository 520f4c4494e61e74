/**
 * `npm run demo` end to end: scripts/demo.mjs with --skip-setup (npm test has just
 * built everything and provided the engines), asserting on what a person sees.
 */
import axios from 'axios';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
jest.setTimeout(240_000);

interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runDemo(onStdout?: (soFar: string, child: ChildProcess) => void): Promise<DemoRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'demo.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, WLS_DEMO_SKIP_SETUP: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
}

const match = (text: string, re: RegExp): string => {
  const m = re.exec(text);
  if (!m) throw new Error(`no ${re} in:\n${text}`);
  return m[1];
};

async function reachable(url: string): Promise<boolean> {
  try {
    await axios.get(`${url}/__emulator/health`, { timeout: 2000, proxy: false });
    return true;
  } catch {
    return false;
  }
}

/** Bundles scripts/run-ts.mjs left beside the example whose process is gone (a live one, e.g. a parallel test's synth, still owns its file). */
const leftovers = () =>
  readdirSync(join(repoRoot, 'examples', 'cdktf')).filter((f) => {
    const pid = /^\.main\.(\d+)\.run\.cjs$/.exec(f)?.[1];
    if (pid === undefined) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch {
      return true;
    }
  });

describe('npm run demo', () => {
  test('tells the whole story in numbered stages and exits 0', async () => {
    const before = leftovers();
    const run = await runDemo();
    const out = run.stdout;
    if (run.code !== 0) throw new Error(`demo exited ${run.code}\n${out}\n${run.stderr}`);

    for (let n = 1; n <= 8; n += 1) expect(out).toMatch(new RegExp(`^${n}\\. `, 'm'));
    // Apply: five resources; each moved number deregistered, written and registered, with its offline time.
    expect(out).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
    expect(out).toMatch(
      /POST deregister 106540352242922 {2}200\n(.*\n)*?.*POST settings {3}106540352242922 {2}200 {2}\{"status":"IN_COUNTRY_STORAGE_ENABLED","data_localization_region":"BR"\}/,
    );
    expect(out).toMatch(/Time each number spent deregistered \(offline\):\n\s+106540352242922 {2}\d+ ms/);
    expect(out).toMatch(/never offline at the same time/);
    expect(out).toMatch(/Meta accepts a storage change only while a number is unregistered/);
    // Region change: exactly one number changes, with the three writes.
    expect(out).toMatch(/plan: 0 to add, 1 to change, 0 to destroy/);
    expect(out).toMatch(
      /these 3 writes, in order:\n.*POST deregister 106540352242922.*\n.*POST settings {3}106540352242922.*"DE"\}\n.*POST register {3}106540352242922/,
    );
    expect(out).toMatch(/No changes/);
    expect(out).toMatch(/warning from the provider: Data residency moves: local storage in BR -> local storage in DE/);
    expect(out).toMatch(/the provider warns that the apply takes numbers offline briefly: 106540352242922\n/);
    // No Storage: the marketing line goes there with the three writes, and reads it back.
    expect(out).toMatch(/^6\. Take the marketing line 106540352242926 to No Storage/m);
    expect(out).toMatch(
      /these 3 writes, in order:\n.*POST deregister 106540352242926.*\n.*POST settings {3}106540352242926 {2}200 {2}\{"status":"NO_STORAGE_ENABLED","retention_minutes":60\}\n.*POST register {3}106540352242926/,
    );
    expect(out).toMatch(/106540352242926 now reads NO_STORAGE_ENABLED with retention_minutes 60 and is registered\./);
    expect(out).toMatch(/106540352242926 +whatsapp_local_storage\.\S+ +(no storage \(60 min\) +){3}registered +in sync/);
    // Drift: the report flags the hand-moved number and nothing else.
    expect(out).toMatch(/106540352242925 +whatsapp_local_storage\.\S+ +DE +DE +CH +registered +DRIFT +RESIDENCY MOVED outside/);
    expect(out).toMatch(/Differences: 1 of 5 phone numbers \(1 changed outside the configuration; 1 residency flag\) \(exit 2\)/);
    expect(out).toMatch(/drift exited 2 and flags 106540352242925: declared DE, actually CH/);
    expect(out).toMatch(/Demo complete in \d+\.\d s/);
    // No walls of engine noise, no secrets; the full log is kept.
    expect(out.split('\n').length).toBeLessThan(120);
    expect(out).not.toMatch(/Terraform will perform|OpenTofu will perform|Refreshing state/);
    expect(out).not.toContain('123456');
    const logFile = match(out, /Full engine output: (\S+)/);
    expect(readFileSync(logFile, 'utf8')).toMatch(/OpenTofu will perform the following actions/);
    rmSync(logFile, { force: true });
    // Everything it started is stopped and its working directory is gone; the repository is untouched.
    expect(await reachable(match(out, /listening on (http:\/\/\S+);/))).toBe(false);
    expect(existsSync(match(out, /Working directory: (\S+)/))).toBe(false);
    expect(leftovers()).toEqual(before);
  });

  test('Ctrl-C stops the emulator, removes the working directory and exits 130', async () => {
    const before = leftovers();
    let sent = false;
    const run = await runDemo((soFar, child) => {
      // Mid-synthesis: cdktf-cli and the example app (bundled beside its entry) are running.
      if (!sent && /^3\. /m.test(soFar)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 800);
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/Interrupted \(SIGINT\): stopping what the demo started/);
    expect(run.stdout).not.toMatch(/DEMO FAILED/);
    rmSync(match(run.stdout, /Full engine output: (\S+)/), { force: true });
    expect(await reachable(match(run.stdout, /listening on (http:\/\/\S+);/))).toBe(false);
    expect(existsSync(match(run.stdout, /Working directory: (\S+)/))).toBe(false);
    expect(leftovers()).toEqual(before);
  });
});
