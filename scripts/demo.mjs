// `npm run demo`: the whole story on the embedded Cloud API emulator.
//   1. prepare (npm packages, build, engines)      5. change a region and apply again
//   2. start the emulator with the demo seed       6. take a number to No Storage
//   3. synthesize the CDKTF example (cdktf-cli)    7. change a number by hand and detect the drift
//   4. apply it with OpenTofu                      8. stop everything
// Plain Node (built-ins only). Works in a temporary directory and leaves the repository
// as it was; the engines' full output goes to a log file whose path is printed.
// Options: --skip-setup (or WLS_DEMO_SKIP_SETUP=1) when `npm test`/`npm run build` and
// scripts/setup-engines.mjs have just run; --keep keeps the working directory.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, repoRoot } from './lib/run.mjs';

const skipSetup = process.argv.includes('--skip-setup') || process.env.WLS_DEMO_SKIP_SETUP === '1';
const keep = process.argv.includes('--keep');

const TOKEN = 'demo-token';
const PIN = '123456';
const API_VERSION = 'v26.0';
const STACK = 'local-storage';
// The example's numbers (examples/cdktf/main.ts) and what each should end up with.
const NUMBERS = [
  { id: '106540352242922', name: 'Sales', region: 'BR' },
  { id: '106540352242923', name: 'Support India 1', region: 'IN' },
  { id: '106540352242924', name: 'Support India 2', region: 'IN' },
  { id: '106540352242925', name: 'Germany', region: 'DE' },
  { id: '106540352242926', name: 'Marketing', region: null },
];
const NO_STORAGE_NUMBER = '106540352242926'; // stage 6: the marketing line goes to No Storage
const MOVED_REGION = 'DE'; // stage 5: the sales line moves from Brazil to Germany
const DRIFT_NUMBER = '106540352242925'; // stage 6: someone moves Germany's number to Switzerland
const DRIFT_REGION = 'CH';

const work = mkdtempSync(join(tmpdir(), 'wls-demo-'));
const logFile = join(tmpdir(), `wls-demo-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
writeFileSync(logFile, `whatsapp-local-storage demo, ${new Date().toISOString()}\nworking directory: ${work}\n`);
const children = new Set();
const started = Date.now();
let emulatorUrl;

// ---------------------------------------------------------------- output

let stdoutBroken = false;
const say = (text = '') => {
  if (!stdoutBroken) process.stdout.write(`${text}\n`);
};
const indent = (text, pad = '     ') =>
  text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
const logText = (title, text) => appendFileSync(logFile, `\n===== ${title}\n${text}\n`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
let stageNo = 0;
let stageStart = 0;
function stage(title, why) {
  if (stageNo > 0) say(`     (${secs(Date.now() - stageStart)})`);
  stageNo += 1;
  stageStart = Date.now();
  say(`\n${stageNo}. ${title}`);
  if (why) say(indent(why));
}

class DemoError extends Error {}
const fail = (message) => {
  throw new DemoError(message);
};

// ---------------------------------------------------------------- processes

/** Runs a command to completion, output captured into the log; never inherits the terminal. */
function exec(command, args, { cwd = repoRoot, env = process.env, title, echo } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      // Progress lines of long steps (e.g. building the engines) reach the person, the rest only the log.
      if (echo) for (const line of String(d).split('\n')) if (echo.test(line)) say(`     ${line.replace(/^\[[0-9:]+\]\s*/, '')}`);
    });
    child.on('error', (e) => {
      children.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      logText(
        `${title ?? `${command} ${args.join(' ')}`} (exit ${code ?? signal}, in ${cwd})`,
        `${stdout}${stderr ? `\n--- stderr\n${stderr}` : ''}`,
      );
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** exec that fails the demo unless the exit code is expected; shows the tail of the output then. */
async function must(command, args, options = {}, expected = [0]) {
  const result = await exec(command, args, options);
  if (!expected.includes(result.code)) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    fail(`${options.title ?? command} exited with ${result.code} (expected ${expected.join(' or ')}):\n${indent(tail, '       ')}`);
  }
  return result;
}

function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js'), 'emulator', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new DemoError(`the emulator printed no URL within 20 s:\n${err}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => /^https?:\/\//.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: line.trim() });
      }
    });
    child.stderr.on('data', (d) => {
      err += d;
      appendFileSync(logFile, `[emulator] ${d}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new DemoError(`the emulator exited (${code}) before it was ready:\n${err}`));
    });
  });
}

// Children run in their own process groups (detached), so stopping one also stops what it
// started (cdktf-cli -> run-ts -> the app, an engine -> the provider).
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      signalGroup(child, 'SIGTERM');
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** scripts/run-ts.mjs bundles the example beside its entry and removes it, unless it was interrupted. */
function removeInterruptedBundles() {
  const dir = join(repoRoot, 'examples', 'cdktf');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const m = /^\.main\.(\d+)\.run\.cjs$/.exec(name);
    if (!m || statSync(join(dir, name)).mtimeMs < started) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(dir, name), { force: true });
  }
}

let cleaning;
/** Stops every child the demo started and removes the working directory (once, whoever asks first). */
function cleanup() {
  cleaning ??= Promise.all([...children].map(stopChild)).then(() => {
    removeInterruptedBundles();
    if (!keep) rmSync(work, { recursive: true, force: true });
  });
  return cleaning;
}

// Whatever goes wrong (output piped into `head`, a bug), nothing the demo started outlives it.
process.stdout.on('error', () => {
  stdoutBroken = true;
  cleanup().finally(() => process.exit(1));
});
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    appendFileSync(logFile, `\n===== ${event}\n${error?.stack ?? error}\n`);
    cleanup().finally(() => process.exit(1));
  });
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    say(`\nInterrupted (${signal}): stopping what the demo started.`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- Graph and emulator over HTTP

async function http(method, path, body) {
  const res = await fetch(`${emulatorUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) fail(`${method} ${path} answered ${res.status}: ${JSON.stringify(data)}`);
  return data;
}

/** "BR", "off" (Meta's default storage) or "no storage (60 min)". */
async function liveStorage(id) {
  const { storage_configuration: s } = await http('GET', `/${API_VERSION}/${id}/settings`);
  const { status } = await http('GET', `/${API_VERSION}/${id}?fields=status`);
  const storage =
    s.status === 'IN_COUNTRY_STORAGE_ENABLED'
      ? s.data_localization_region
      : s.status === 'NO_STORAGE_ENABLED'
        ? `no storage (${s.retention_minutes} min)`
        : 'off';
  return { storage, status: s.status, connected: status === 'CONNECTED' };
}

async function showNumbers(expect) {
  for (const n of NUMBERS) {
    const live = await liveStorage(n.id);
    say(`     ${n.id}  ${n.name.padEnd(16)} ${live.storage.padEnd(4)} ${live.connected ? 'registered' : 'NOT registered'}`);
    if (expect) {
      const want = expect(n) ?? 'off';
      if (live.storage !== want || !live.connected)
        fail(
          `${n.id} should be registered with storage ${want}, but is ${live.storage}, ${live.connected ? 'registered' : 'not registered'}`,
        );
    }
  }
}

const clearCalls = () => http('DELETE', '/__emulator/calls');

/** Prints the Graph writes in order and how long each number was deregistered. */
async function showCalls() {
  const calls = await http('GET', '/__emulator/calls');
  const writes = calls.filter((c) => c.method === 'POST');
  const t0 = calls.length ? calls[0].receivedAt : 0;
  const failed = calls.filter((c) => c.status >= 400);
  say(`     ${calls.length} Graph calls: ${calls.length - writes.length} reads and these ${writes.length} writes, in order:`);
  for (const c of writes) {
    say(
      `       +${String(Math.round(c.startedAt - t0)).padStart(5)} ms  POST ${c.endpoint.padEnd(10)} ${c.phoneNumberId}  ${c.status}${c.endpoint === 'settings' ? `  ${JSON.stringify(c.params.storage_configuration)}` : ''}`,
    );
  }
  const offline = new Map();
  for (const c of writes) {
    if (c.endpoint === 'deregister') offline.set(c.phoneNumberId, { from: c.startedAt });
    if (c.endpoint === 'register' && offline.has(c.phoneNumberId)) offline.get(c.phoneNumberId).to = c.finishedAt;
  }
  if (offline.size) {
    say('     Time each number spent deregistered (offline):');
    for (const [id, w] of offline) say(`       ${id}  ${w.to ? `${Math.round(w.to - w.from)} ms` : 'still deregistered!'}`);
  }
  if (failed.length) fail(`${failed.length} Graph call(s) failed: ${failed.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`);
  if ([...offline.values()].some((w) => !w.to)) fail('a number was left deregistered');
  return { calls, writes, offline };
}

// ---------------------------------------------------------------- engines

function engineEnv() {
  return {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_CLI_CONFIG_FILE: join(work, 'cli.tfrc'),
    WHATSAPP_BASE_URL: emulatorUrl,
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_API_VERSION: API_VERSION,
    TF_VAR_pin: PIN,
  };
}

const outDir = join(work, 'cdktf.out');
const stackDir = join(outDir, 'stacks', STACK);

async function synth(knobs) {
  const t = Date.now();
  const cdktf = join(repoRoot, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
  await must(process.execPath, [cdktf, 'synth', '--output', outDir], {
    title: `cdktf synth (${Object.entries(knobs)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')})`,
    // cdktf-cli asks a `terraform` on PATH for its version; our CLI config keeps it from complaining.
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: 'true',
      CI: '1',
      TF_CLI_CONFIG_FILE: join(work, 'cli.tfrc'),
      ...knobs,
    },
  });
  const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  const resources = Object.values(json.resource?.whatsapp_local_storage ?? {});
  if (resources.length !== NUMBERS.length)
    fail(`expected ${NUMBERS.length} whatsapp_local_storage resources in cdk.tf.json, found ${resources.length}`);
  if (JSON.stringify(json).includes(PIN) || JSON.stringify(json).includes(TOKEN)) fail('a secret ended up in cdk.tf.json');
  say(`     cdktf synth wrote ${resources.length} whatsapp_local_storage resources to ${stackDir}/cdk.tf.json in ${secs(Date.now() - t)}`);
  say('     (no PIN or token in it: the PIN is the sensitive variable "pin", the token comes from WHATSAPP_ACCESS_TOKEN)');
}

const summaryLine = (text, pattern) => (text.split('\n').find((l) => pattern.test(l)) ?? '').trim();

/** Distinct warning titles from an engine's output, so the person sees them without the noise. */
function warnings(text) {
  return [
    ...new Set(
      text
        .split('\n')
        .filter((l) => /^\s*│?\s*Warning: /.test(l))
        .map((l) => l.replace(/^\s*│?\s*Warning:\s*/, '').trim()),
    ),
  ];
}

async function tofu(engine, args, expected = [0]) {
  return must(engine, [...args, '-no-color'], { cwd: stackDir, env: engineEnv(), title: `tofu ${args.join(' ')}` }, expected);
}

async function planAndApply(engine, expectPlan) {
  const plan = await tofu(engine, ['plan', '-detailed-exitcode', '-out=tfplan'], [2]);
  const planLine = summaryLine(plan.stdout, /^Plan: /);
  say(`     plan: ${planLine.replace(/^Plan: /, '')}`);
  if (!expectPlan.test(planLine)) fail(`unexpected plan: "${planLine}" (expected ${expectPlan})`);
  const text = plan.stdout + plan.stderr;
  const all = warnings(text);
  // Warnings of the same change are folded into one by the engine; every number taken offline is named in a detail.
  const offline = [...new Set([...text.replace(/\s+/g, ' ').matchAll(/Phone number (\d+): offline /g)].map((m) => m[1]))];
  if (offline.length) say(`     the provider warns that the apply takes numbers offline briefly: ${offline.join(', ')}`);
  for (const w of all.filter((x) => !/^Storage change takes numbers offline/.test(x))) say(`     warning from the provider: ${w}`);
  await clearCalls();
  const apply = await tofu(engine, ['apply', '-auto-approve', 'tfplan']);
  say(`     ${summaryLine(apply.stdout, /^Apply complete!/)}`);
}

// ---------------------------------------------------------------- the story

async function main() {
  say('WhatsApp Cloud API Local Storage, declared with CDKTF and applied with OpenTofu, on the local emulator.');
  say(`Full engine output: ${logFile}`);
  say(`Working directory: ${work}`);

  stage(
    'Prepare: npm packages, build, engines',
    skipSetup
      ? 'Skipped (--skip-setup): using the existing build and .tools/engines.json.'
      : 'First run on a fresh clone installs packages and builds OpenTofu and Terraform from source (a few minutes, cached afterwards).',
  );
  if (!skipSetup) {
    ensureDependencies();
    await must(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--no-install'], { title: 'npm run build' });
    await must(process.execPath, [join(repoRoot, 'scripts', 'setup-engines.mjs')], {
      title: 'setup-engines',
      echo: /building|built |waiting for another/i,
    });
    say('     packages, build and engines are ready');
  }
  for (const f of ['dist/bin/whatsapp-local-storage.js', 'dist/mirror', '.tools/engines.json']) {
    if (!existsSync(join(repoRoot, f))) fail(`${f} is missing: run without --skip-setup (or npm run build && npm run setup:engines)`);
  }
  const engine = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8')).tofu.path;
  const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');
  // Its own mirror: the default one under ~/.cache is shared by every checkout on the machine.
  const cliConfig = await must(process.execPath, [cli, 'cli-config', '--mirror-dir', join(work, 'mirror')], {
    title: 'whatsapp-local-storage cli-config',
  });
  writeFileSync(join(work, 'cli.tfrc'), cliConfig.stdout);

  stage('Start the Cloud API emulator with the demo seed', 'A local stand-in for graph.facebook.com that enforces the documented rules.');
  const emulator = await startEmulator();
  emulatorUrl = emulator.url;
  say(`     listening on ${emulatorUrl}; the five demo numbers start registered with Local Storage off:`);
  await showNumbers(() => null);

  stage(
    'Synthesize the CDKTF example (examples/cdktf/main.ts) with cdktf-cli',
    "WhatsAppLocalStorage constructs: Sales in BR, two Support numbers in IN (WhatsAppLocalStorageGroup, one at a time), Germany in DE,\nMarketing stated in Meta's default storage (storageMode: 'DEFAULT'; leaving the mode out is an error).",
  );
  await synth({ WLS_EXAMPLE_SALES_REGION: 'BR' });

  stage(
    'Apply with OpenTofu',
    'Meta accepts a storage change only while a number is unregistered, so for each number the provider\nderegisters it, writes the setting and registers it again with the two-step PIN.',
  );
  await must(engine, ['init', '-no-color', '-input=false'], { cwd: stackDir, env: engineEnv(), title: 'tofu init' });
  say('     tofu init installed the provider from the local build (filesystem mirror)');
  await planAndApply(engine, /4 to add|5 to add/);
  const first = await showCalls();
  const [s1, s2] = ['106540352242923', '106540352242924'].map((id) => first.offline.get(id));
  if (!s1?.to || !s2?.to) fail('both support numbers should have been moved');
  if (s1.from < s2.to && s2.from < s1.to) fail('the support numbers were offline at the same time, although the group says oneAtATime');
  say('     The two support numbers were never offline at the same time (oneAtATime).');
  say('     Live state now:');
  await showNumbers((n) => n.region);

  stage(
    `Move the sales line from BR to ${MOVED_REGION}`,
    `The demo's knob: WLS_EXAMPLE_SALES_REGION=${MOVED_REGION} (examples/cdktf/main.ts reads it). Synthesize again, plan, apply.\nOnly that number changes, and it is offline only between its deregister and register.`,
  );
  await synth({ WLS_EXAMPLE_SALES_REGION: MOVED_REGION });
  await planAndApply(engine, /0 to add, 1 to change, 0 to destroy/);
  const second = await showCalls();
  const moved = second.writes.map((c) => `${c.endpoint} ${c.phoneNumberId}`);
  const wanted = ['deregister', 'settings', 'register'].map((e) => `${e} ${NUMBERS[0].id}`);
  if (JSON.stringify(moved) !== JSON.stringify(wanted)) fail(`expected exactly ${wanted.join(', ')}; got ${moved.join(', ')}`);
  const after = await tofu(engine, ['plan', '-detailed-exitcode'], [0]);
  say(`     a second plan: ${summaryLine(after.stdout, /No changes/) || 'no changes'}`);

  stage(
    `Take the marketing line ${NO_STORAGE_NUMBER} to No Storage`,
    "WLS_EXAMPLE_MARKETING_STORAGE=no_storage: storageMode 'NO_STORAGE' with retentionMinutes 60, so its message data\nis kept only in transit, for at most an hour, and never at rest. Same discipline: deregister, settings, register.",
  );
  await synth({ WLS_EXAMPLE_SALES_REGION: MOVED_REGION, WLS_EXAMPLE_MARKETING_STORAGE: 'no_storage' });
  await planAndApply(engine, /0 to add, 1 to change, 0 to destroy/);
  const third = await showCalls();
  const noStorageWrites = third.writes.map((c) => `${c.endpoint} ${c.phoneNumberId}`);
  const noStorageWanted = ['deregister', 'settings', 'register'].map((e) => `${e} ${NO_STORAGE_NUMBER}`);
  if (JSON.stringify(noStorageWrites) !== JSON.stringify(noStorageWanted))
    fail(`expected exactly ${noStorageWanted.join(', ')}; got ${noStorageWrites.join(', ')}`);
  const live = await liveStorage(NO_STORAGE_NUMBER);
  if (live.storage !== 'no storage (60 min)' || !live.connected)
    fail(`${NO_STORAGE_NUMBER} should be registered with No Storage, but is ${live.storage}`);
  say(`     ${NO_STORAGE_NUMBER} now reads ${live.status} with retention_minutes 60 and is registered.`);
  say('     Leaving No Storage later (to in-country or default storage) weakens residency: the plan says so in a warning of its own.');

  stage(
    `Someone moves ${DRIFT_NUMBER} to ${DRIFT_REGION} by hand, then the drift check runs`,
    'An out-of-band change through Graph HTTP (deregister, settings, register), then\n' +
      '`whatsapp-local-storage drift --dir <stack>`: a saved plan, each number against the code and the last apply\n(exit 2 = a difference).',
  );
  const base = `/${API_VERSION}/${DRIFT_NUMBER}`;
  await http('POST', `${base}/deregister`, {});
  await http('POST', `${base}/settings`, {
    storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: DRIFT_REGION },
  });
  await http('POST', `${base}/register`, { messaging_product: 'whatsapp', pin: PIN });
  const driftArgs = [cli, 'drift', '--dir', stackDir, '--engine', engine, '--out', work, '--json-report', join(work, 'drift.json')];
  const drift = await must(process.execPath, driftArgs, { env: engineEnv(), title: 'whatsapp-local-storage drift' }, [2]);
  say(
    indent(
      drift.stdout
        .split('\n')
        .filter((l) => !l.startsWith('Reports:'))
        .join('\n')
        .trim(),
    ),
  );
  const report = JSON.parse(readFileSync(join(work, 'drift.json'), 'utf8'));
  const drifted = report.numbers.filter((n) => n.status !== 'in_sync');
  const noStorageRow = report.numbers.find((n) => n.phone_number_id === NO_STORAGE_NUMBER);
  if (noStorageRow?.actual?.storage_mode !== 'NO_STORAGE' || noStorageRow.status !== 'in_sync') {
    fail(`the drift report should show ${NO_STORAGE_NUMBER} in sync with No Storage`);
  }
  const flagged = drifted.map((n) => n.phone_number_id).join();
  if (flagged !== DRIFT_NUMBER || drifted[0].status !== 'drift' || drifted[0].actual?.data_localization_region !== DRIFT_REGION) {
    const flags = drifted.map((n) => `${n.phone_number_id} (${n.actual?.label})`).join(', ') || 'nothing';
    fail(`the drift report should flag exactly ${DRIFT_NUMBER} (now ${DRIFT_REGION}), it flags: ${flags}`);
  }
  say(`     drift exited 2 and flags ${DRIFT_NUMBER}: declared ${drifted[0].declared.label}, actually ${drifted[0].actual.label}.`);
  say('     Next step for a person: apply again to move it back (offline briefly once more), or change the code if the move was intended.');

  stage('Stop the emulator and clean up');
  await cleanup();
  say(`     emulator stopped; ${keep ? `working directory kept: ${work}` : 'working directory removed'}`);
  say(`\nDemo complete in ${secs(Date.now() - started)}. Full engine output: ${logFile}`);
}

try {
  await main();
  process.exitCode = 0;
} catch (error) {
  if (interrupted) await new Promise(() => {}); // the signal handler cleans up and exits 130
  const message = error instanceof DemoError ? error.message : (error?.stack ?? String(error));
  say(`\nDEMO FAILED at stage ${stageNo}: ${message}`);
  say(`Full output: ${logFile}`);
  logText('failure', message);
  await cleanup();
  process.exitCode = 1;
}
