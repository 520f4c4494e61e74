/**
 * Ours against the provider a team would otherwise write: the same resource in Go on
 * HashiCorp's terraform-plugin-framework (bench/go-peer, built here into a cache outside
 * the clone; never part of the product or the tests). Side by side in one run, interleaved:
 *
 * - start-up: exec to the handshake line and resident memory then (bare `node -e 0`,
 *   exec to exit, in the same rounds); CPU of a process that answers GetProviderSchema,
 *   ValidateProviderConfig and ConfigureProvider and is shut down;
 * - `tofu plan` (no changes) over 10, 100 and 1,000 numbers at 0 and 20 ms emulator
 *   latency: wall time, CPU of all provider processes, largest provider peak memory.
 *
 * Provider CPU and memory come from getrusage of each provider process: every provider
 * executable is installed behind bench/go-peer/rusage, which runs it as its child and
 * records its user+system CPU and ru_maxrss when it exits, so short-lived processes are
 * counted to the last tick. Both providers must send the same Graph requests in every
 * plan (compared from the emulator's call log).
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/versus-go-peer.ts [--startup-runs 20] [--rounds 5,5,2] [--counts 10,100,1000] [--startup-only] [--write] [--json FILE]
 *
 * "Ours" is what the release ships: the linux_amd64 standalone executable of scripts/release.mjs
 * (built or taken from its cache). BENCH_OURS_EXE=PATH measures that executable instead.
 * --variants label=PATH,label=PATH measures more executables side by side with ours and the peer,
 * in the same rounds (the label `js=` with no path is the npm package's JS form on this Node);
 * bench/standalone-runtimes.ts uses it to compare runtimes. BENCH_DEBUG=1 prints each provider process.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSeed } from '../src/emulator';
import { dv, spawnProvider, startProvider } from '../test/provider/harness';
import { BenchWorkspace, mirrorSnapshot, providerBlock } from './engine-run';
import {
  benchArgs,
  engine,
  machineNotes,
  median,
  procStatusKiB,
  repoRoot,
  startEmulatorProcess,
  today,
  writeJson,
  writeSection,
  type EmulatorProcess,
} from './lib';
import { FIRST_SETTINGS_VERSION } from '../src/cloud-api/api-version';

const cli = benchArgs();
const STARTUP_RUNS = Number(cli.value('--startup-runs') ?? 20);
/** --counts 10,100: plan sizes (default all three; fewer for iterating, and then writes nothing). */
const COUNTS = (cli.value('--counts') ?? '10,100,1000').split(',').map(Number);
const ROUNDS = (cli.value('--rounds') ?? '5,5,2').split(',').map(Number);
const LATENCIES = [0, 20];
/** --startup-only: the start-up rounds alone (for iterating on start-up; writes nothing). */
const STARTUP_ONLY = process.argv.includes('--startup-only');
const TOKEN = 'bench-token';
const WABA = '300000000000001';
const PEER_SOURCE = 'registry.terraform.io/bench/whatsapp';
const OUR_SOURCE = 'registry.terraform.io/waba/whatsapp';

/** 'ours', 'go', or the label of a --variants entry. */
type Impl = string;
/** --variants: label -> executable ('' for the JS form on this Node). */
const VARIANTS: Array<{ label: string; exe: string }> = (cli.value('--variants') ?? '')
  .split(',')
  .filter(Boolean)
  .map((v) => ({ label: v.slice(0, v.indexOf('=')), exe: v.slice(v.indexOf('=') + 1) }));
const sourceOf = (impl: Impl) =>
  impl === 'ours' ? OUR_SOURCE : impl === 'go' ? PEER_SOURCE : `registry.terraform.io/variant-${impl}/whatsapp`;

interface Rusage {
  command: string;
  userMs: number;
  sysMs: number;
  maxRssKiB: number;
  wallMs: number;
}

// ---------------------------------------------------------------------------------------
// Building the peer

function goCacheDir(): string {
  return (
    process.env.WHATSAPP_LS_GO_PEER_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage', 'go-peer')
  );
}

/** Builds the peer and the rusage wrapper (go build is incremental: fast when nothing changed). */
function buildPeer(): { peer: string; rusage: string; goVersion: string; frameworkVersion: string } {
  const out = goCacheDir();
  mkdirSync(out, { recursive: true });
  const src = join(repoRoot, 'bench', 'go-peer');
  const env = { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
  const build = (target: string, pkg: string): string => {
    const file = join(out, target);
    const r = spawnSync('go', ['build', '-trimpath', '-o', file, pkg], { cwd: src, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error || r.status !== 0)
      throw new Error(`go build ${pkg} failed (${r.error?.message ?? r.status}); Go is needed for this benchmark`);
    return file;
  };
  const goVersion = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env }).stdout.trim();
  const frameworkVersion = /terraform-plugin-framework (v\S+)/.exec(readFileSync(join(src, 'go.mod'), 'utf8'))?.[1] ?? '?';
  return { peer: build('terraform-provider-whatsapp-peer', '.'), rusage: build('rusage', './rusage'), goVersion, frameworkVersion };
}

/** The executable the release ships for this machine (scripts/release.mjs builds it, or finds it in its cache). */
function shippedExecutable(): string {
  if (process.env.BENCH_OURS_EXE) return process.env.BENCH_OURS_EXE;
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--standalone-only'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error('node scripts/release.mjs --standalone-only failed');
  return (JSON.parse(r.stdout) as Record<string, string>)[`linux_${process.arch === 'x64' ? 'amd64' : process.arch}`];
}

/**
 * A filesystem mirror serving every measured provider, each behind the rusage wrapper (installed as
 * the plugin executable; the real one is `measured-provider` beside it). `exe` '' is the JS form.
 */
function measuredMirror(work: string, peer: string, rusage: string, impls: Array<{ label: Impl; exe: string }>): string {
  const mirror = join(work, 'mirror');
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const target = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const install = (source: string, v: string, exe: string, name: string) => {
    const dir = join(mirror, source, v, target);
    mkdirSync(dir, { recursive: true });
    copyFileSync(exe, join(dir, 'measured-provider'));
    copyFileSync(rusage, join(dir, name));
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o755);
  };
  for (const { label, exe } of impls) {
    if (exe) {
      install(sourceOf(label), version, exe, `terraform-provider-whatsapp_v${version}`);
      continue;
    }
    const dir = join(mirror, sourceOf(label), version, target);
    cpSync(join(mirrorSnapshot(), OUR_SOURCE, version, target), dir, { recursive: true });
    const launcher = readdirSync(dir).find((f) => f.startsWith('terraform-provider-'));
    if (!launcher) throw new Error(`no provider executable in ${dir}`);
    renameSync(join(dir, launcher), join(dir, 'measured-provider'));
    copyFileSync(rusage, join(dir, launcher));
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o755);
  }
  install(PEER_SOURCE, '0.0.1', peer, 'terraform-provider-whatsapp_v0.0.1');
  return mirror;
}

// ---------------------------------------------------------------------------------------
// Start-up

const ourExecutable = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');

async function bareNode(): Promise<number> {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function handshake(command: string[]): Promise<{ ms: number; rssKiB: number }> {
  const start = process.hrtime.bigint();
  const p = spawnProvider({ command, protocolVersions: '5,6' });
  await p.handshake;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKiB = procStatusKiB(p.child.pid!, 'VmRSS') ?? NaN;
  p.child.kill('SIGKILL');
  await p.exited;
  return { ms, rssKiB };
}

function readRusage(file: string): Rusage[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Rusage);
}

/** A process that answers schema, validate and configure, then the engine's Shutdown: its rusage. */
async function firstAnswers(rusage: string, command: string[], config: Record<string, unknown>, file: string): Promise<Rusage> {
  writeFileSync(file, '');
  const p = await startProvider({ command: [rusage, ...command], protocolVersions: '5,6', env: { BENCH_RUSAGE_FILE: file } });
  try {
    await p.v6.getProviderSchema({});
    const validated = await p.v6.validateProviderConfig({ config: dv(config) });
    const configured = await p.v6.configureProvider({ terraformVersion: '1.12.6', config: dv(config), clientCapabilities: {} });
    const diags = [...(validated.diagnostics ?? []), ...(configured.diagnostics ?? [])];
    if (diags.length) throw new Error(`${command.join(' ')}: ${JSON.stringify(diags)}`);
    await p.controller.shutdown({}).catch(() => undefined);
    await Promise.race([p.exited, new Promise((r) => setTimeout(r, 5000))]);
  } finally {
    await p.close();
  }
  const [line] = readRusage(file);
  if (!line) throw new Error(`${command.join(' ')}: no rusage line`);
  return line;
}

async function bareNodeRusage(rusage: string, file: string): Promise<Rusage> {
  writeFileSync(file, '');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(rusage, [process.execPath, '-e', '0'], { stdio: 'ignore', env: { ...process.env, BENCH_RUSAGE_FILE: file } });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  return readRusage(file)[0];
}

// ---------------------------------------------------------------------------------------
// Plans

interface PlanRun {
  impl: Impl;
  numbers: number;
  latencyMs: number;
  wallMs: number;
  providerCpuMs: number;
  providerPeakKiB: number;
  providers: number;
  /** CPU of the engine process itself (sampled from /proc), ms */
  engineCpuMs: number;
  requests: number;
  /** sorted "METHOD path?fields=..." of every Graph call */
  signature: string;
}

function mainTf(url: string, source: string): string {
  return (
    providerBlock(url, TOKEN, FIRST_SETTINGS_VERSION, source) +
    `
variable "pin" {
  type      = string
  sensitive = true
}

locals {
  numbers = jsondecode(file("\${path.module}/numbers.json"))
}

resource "whatsapp_local_storage" "n" {
  for_each                 = local.numbers
  phone_number_id          = each.key
  data_localization_region = each.value
  storage_mode             = each.value == null ? "DEFAULT" : "IN_COUNTRY"
  pin                      = var.pin
}
`
  );
}

interface Workspace {
  impl: Impl;
  numbers: number;
  ws: BenchWorkspace;
  rusageFile: string;
}

async function plan(emu: EmulatorProcess, w: Workspace, latencyMs: number): Promise<PlanRun> {
  await emu.admin.setLatency(latencyMs);
  await emu.admin.clearCalls();
  writeFileSync(w.rusageFile, '');
  const r = await w.ws.expect(['plan', '-detailed-exitcode'], 0);
  const calls = await emu.admin.calls();
  const usage = readRusage(w.rusageFile);
  // BENCH_DEBUG=1: each provider process of each plan (CPU ms / wall ms / peak memory).
  if (process.env.BENCH_DEBUG)
    process.stderr.write(
      `${w.impl} ${w.numbers}: ${usage.map((u) => `${(u.userMs + u.sysMs).toFixed(0)}/${u.wallMs.toFixed(0)} ms/${(u.maxRssKiB / 1024).toFixed(0)} MiB`).join(' ')}\n`,
    );
  const signature = calls
    .map((c) => `${c.method} ${c.path}${c.params && 'fields' in c.params ? `?fields=${String(c.params.fields)}` : ''}`)
    .sort()
    .join('\n');
  return {
    impl: w.impl,
    numbers: w.numbers,
    latencyMs,
    wallMs: r.wallMs,
    providerCpuMs: usage.reduce((s, u) => s + u.userMs + u.sysMs, 0),
    providerPeakKiB: Math.max(0, ...usage.map((u) => u.maxRssKiB)),
    providers: usage.length,
    engineCpuMs: r.engineCpuMs,
    requests: calls.length,
    signature,
  };
}

/** The bound a plan of this size must meet against the peer (docs/performance.md). */
export function planTarget(p: { numbers: number; wallRatio: number; cpuRatio: number; peakRatio: number }): { bound: string; ok: boolean } {
  if (p.numbers >= 1000) return { bound: 'wall, CPU, memory <= 1.0x', ok: p.wallRatio <= 1 && p.cpuRatio <= 1 && p.peakRatio <= 1 };
  if (p.numbers >= 100) return { bound: 'wall <= 1.15x', ok: p.wallRatio <= 1.15 };
  return { bound: 'wall <= 1.3x, CPU <= 1.5x', ok: p.wallRatio <= 1.3 && p.cpuRatio <= 1.5 };
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(ourExecutable)) throw new Error(`${ourExecutable} is missing: run node scripts/build.mjs --no-install --no-typecheck`);
  const started = Date.now();
  const { peer, rusage, goVersion, frameworkVersion } = buildPeer();
  const tofu = engine('tofu');
  const work = mkdtempSync(join(tmpdir(), 'versus-go-'));
  const shipped = shippedExecutable();
  const impls: Array<{ label: Impl; exe: string }> = [{ label: 'ours', exe: shipped }, ...VARIANTS];
  const mirror = measuredMirror(work, peer, rusage, impls);
  const usageFile = join(work, 'startup-rusage.jsonl');

  // Start-up, interleaved: node -e 0, then ours, the variants and the peer in a rotating order.
  const commands: Record<Impl, string[]> = { go: [peer] };
  for (const { label, exe } of impls) commands[label] = exe ? [exe] : [process.execPath, ourExecutable];
  const labels = Object.keys(commands);
  const rotate = <T>(xs: T[], i: number): T[] => xs.map((_, k) => xs[(k + i) % xs.length]);
  await bareNode();
  for (const l of labels) await handshake(commands[l]);
  const bare: number[] = [];
  const hs: Record<Impl, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
  const rss: Record<Impl, number[]> = Object.fromEntries(labels.map((l) => [l, []]));
  for (let i = 0; i < STARTUP_RUNS; i++) {
    bare.push(await bareNode());
    for (const impl of rotate(labels, i)) {
      const r = await handshake(commands[impl]);
      hs[impl].push(r.ms);
      rss[impl].push(r.rssKiB);
    }
  }
  const ourConfig = {
    access_token: TOKEN,
    api_version: FIRST_SETTINGS_VERSION,
    base_url: 'http://127.0.0.1:9',
    request_timeout_seconds: null,
    max_retries: null,
  };
  const peerConfig = { access_token: TOKEN, api_version: FIRST_SETTINGS_VERSION, base_url: 'http://127.0.0.1:9' };
  const cpu: Record<Impl, number[]> = Object.fromEntries(['node', ...labels].map((l) => [l, []]));
  const cpuRuns = Math.max(3, Math.round(STARTUP_RUNS / 2));
  for (let i = 0; i < cpuRuns; i++) {
    const n = await bareNodeRusage(rusage, usageFile);
    cpu.node.push(n.userMs + n.sysMs);
    for (const impl of rotate(labels, i)) {
      const u = await firstAnswers(rusage, commands[impl], impl === 'go' ? peerConfig : ourConfig, usageFile);
      cpu[impl].push(u.userMs + u.sysMs);
    }
  }
  process.stderr.write(
    `start-up: node ${median(bare).toFixed(1)} ms, ${labels.map((l) => `${l} ${median(hs[l]).toFixed(1)} ms`).join(', ')}; first-answers CPU node ${median(cpu.node)} ${labels.map((l) => `${l} ${median(cpu[l])}`).join(' ')} ms\n`,
  );
  if (STARTUP_ONLY) {
    rmSync(work, { recursive: true, force: true });
    return;
  }

  // Plans: one emulator with 1,000 numbers; each workspace manages the first N.
  const seed = generatedSeed(Math.max(...COUNTS), {
    token: TOKEN,
    pin: '123456',
    wabaId: WABA,
    label: 'Bench',
    storage: (i) =>
      i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });
  const seedFile = join(work, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const emu = await startEmulatorProcess({ seedFile, latencyMs: 0 });
  await emu.admin.setOptions({ call_log_limit: Math.max(10_000, Math.max(...COUNTS) * 6) });
  const workspaces: Workspace[] = [];
  const runs: PlanRun[] = [];
  const mismatches: string[] = [];
  try {
    for (const numbers of COUNTS) {
      const ids = Object.fromEntries(seed.phone_numbers.slice(0, numbers).map((p, i) => [p.id, i % 2 ? 'BR' : null]));
      for (const impl of labels) {
        const rusageFile = join(work, `rusage-${impl}-${numbers}.jsonl`);
        const ws = new BenchWorkspace(tofu, { TF_VAR_pin: '123456', BENCH_RUSAGE_FILE: rusageFile }, { mirror, sources: [sourceOf(impl)] });
        ws.write('numbers.json', JSON.stringify(ids));
        ws.write('main.tf', mainTf(emu.url, sourceOf(impl)));
        workspaces.push({ impl, numbers, ws, rusageFile });
        await ws.expect(['init']);
        await emu.admin.setLatency(0);
        await ws.expect(['apply', '-auto-approve']);
      }
    }
    for (const [k, numbers] of COUNTS.entries()) {
      const pair = workspaces.filter((w) => w.numbers === numbers);
      for (let round = 0; round < (ROUNDS[k] ?? ROUNDS[ROUNDS.length - 1]); round++) {
        for (const latencyMs of LATENCIES) {
          const order = rotate(pair, round);
          const got: PlanRun[] = [];
          for (const w of order) got.push(await plan(emu, w, latencyMs));
          for (const other of got.slice(1)) {
            if (other.signature !== got[0].signature)
              mismatches.push(
                `${numbers} numbers at ${latencyMs} ms: ${got[0].impl} sent ${got[0].requests}, ${other.impl} ${other.requests} requests, not the same set`,
              );
          }
          runs.push(...got);
          process.stderr.write(
            got
              .map(
                (r) =>
                  `${r.impl} ${numbers} @${latencyMs} ms: ${r.wallMs.toFixed(0)} ms wall, ${r.providerCpuMs.toFixed(0)} ms CPU in ${r.providers} providers, peak ${(r.providerPeakKiB / 1024).toFixed(1)} MiB, engine CPU ${r.engineCpuMs} ms, ${r.requests} requests`,
              )
              .join('; ') + '\n',
          );
        }
      }
    }
  } finally {
    for (const w of workspaces) w.ws.dispose();
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }

  const cell = (impl: Impl, numbers: number, latencyMs: number) =>
    runs.filter((r) => r.impl === impl && r.numbers === numbers && r.latencyMs === latencyMs);
  const m = (rs: PlanRun[], f: (r: PlanRun) => number) => median(rs.map(f));
  const side = (rs: PlanRun[]) => ({
    wallMs: m(rs, (r) => r.wallMs),
    cpuMs: m(rs, (r) => r.providerCpuMs),
    peakMiB: m(rs, (r) => r.providerPeakKiB) / 1024,
    providers: m(rs, (r) => r.providers),
    engineCpuMs: m(rs, (r) => r.engineCpuMs),
    requests: m(rs, (r) => r.requests),
  });
  const plansOf = (impl: Impl) =>
    COUNTS.flatMap((numbers) =>
      LATENCIES.map((latencyMs) => {
        const o = cell(impl, numbers, latencyMs);
        const figures = { numbers, latencyMs, rounds: o.length, ours: side(o), go: side(cell('go', numbers, latencyMs)) };
        return {
          ...figures,
          wallRatio: figures.ours.wallMs / figures.go.wallMs,
          cpuRatio: figures.ours.cpuMs / figures.go.cpuMs,
          peakRatio: figures.ours.peakMiB / figures.go.peakMiB,
        };
      }),
    );
  const plans = plansOf('ours');
  const startupOf = (impl: Impl) => ({
    handshakeMs: median(hs[impl]),
    handshakeToGo: median(hs[impl]) / median(hs.go),
    rssMiB: median(rss[impl]) / 1024,
    firstAnswersCpuMs: median(cpu[impl]),
    firstAnswersCpuToGo: median(cpu[impl]) / median(cpu.go),
  });
  const variants = VARIANTS.map(({ label, exe }) => ({ label, exe, startup: startupOf(label), plans: plansOf(label) }));
  const startup = {
    runs: STARTUP_RUNS,
    bareNodeMs: median(bare),
    oursMs: median(hs.ours),
    goMs: median(hs.go),
    oursRssMiB: median(rss.ours) / 1024,
    goRssMiB: median(rss.go) / 1024,
    handshakeToBareNode: median(hs.ours) / median(bare),
    handshakeToGo: median(hs.ours) / median(hs.go),
    rssToGo: median(rss.ours) / median(rss.go),
    cpuRuns,
    firstAnswersCpuMs: { node: median(cpu.node), ours: median(cpu.ours), go: median(cpu.go) },
    firstAnswersCpuToBareNode: median(cpu.ours) / median(cpu.node),
    firstAnswersCpuToGo: median(cpu.ours) / median(cpu.go),
  };
  const targets = {
    handshake: startup.handshakeToGo <= 2,
    plans: plans.every((p) => planTarget(p).ok),
    sameRequests: mismatches.length === 0,
  };
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const result = {
    benchmark: 'versus-go-peer',
    date: new Date().toISOString(),
    engine: `${tofu.name} ${tofu.version}`,
    go: goVersion,
    framework: frameworkVersion,
    load,
    minutes: (Date.now() - started) / 60000,
    startup,
    plans,
    variants,
    mismatches,
    targets,
  };
  writeJson(cli.json, result);

  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => n.toFixed(2);
  const s2 = (msv: number) => `${(msv / 1000).toFixed(2)} s`;
  const met = (ok: boolean) => (ok ? 'met' : '**not met**');
  const command = `node scripts/run-ts.mjs bench/versus-go-peer.ts --startup-runs ${STARTUP_RUNS} --rounds ${ROUNDS.join(',')}`;
  const variantTable =
    variants.length === 0
      ? ''
      : `
Side by side in the same rounds (each against the Go peer of its round; ours first):

| executable | exec to handshake | vs Go | RSS at handshake | first-answers CPU | vs Go | ${plans.map((p) => `plan ${p.numbers} @${p.latencyMs} ms wall / CPU / peak vs Go`).join(' | ')} |
|---|---|---|---|---|---|${plans.map(() => '---|').join('')}
${[{ label: 'ours', startup: startupOf('ours'), plans }, ...variants]
  .map(
    (v) =>
      `| ${v.label} | ${f1(v.startup.handshakeMs)} ms | ${f2(v.startup.handshakeToGo)}x | ${f1(v.startup.rssMiB)} MiB | ${f1(v.startup.firstAnswersCpuMs)} ms | ${f2(v.startup.firstAnswersCpuToGo)}x | ${v.plans.map((p) => `${f2(p.wallRatio)} / ${f2(p.cpuRatio)} / ${f2(p.peakRatio)}`).join(' | ')} |`,
  )
  .join('\n')}
| Go peer | ${f1(startup.goMs)} ms | 1.00x | ${f1(startup.goRssMiB)} MiB | ${f1(startup.firstAnswersCpuMs.go)} ms | 1.00x | ${plans.map((p) => `${s2(p.go.wallMs)} / ${s2(p.go.cpuMs)} / ${f1(p.go.peakMiB)} MiB`).join(' | ')} |
`;
  const body = `
- Date: ${today()}; machine: ${machineNotes()}; load average at the end ${load}; engine: OpenTofu ${tofu.version}; peer: ${goVersion}, terraform-plugin-framework ${frameworkVersion}
- Command: \`${command}\` (part of \`npm run bench\`; took ${result.minutes.toFixed(1)} min)
- The peer (bench/go-peer, built by the benchmark into ${goCacheDir().replace(homedir(), '~')}): the same provider settings, the same resource schema as \`whatsapp_local_storage\` (all 15 attributes with the same sensitive, write-only and default settings, and the same identity; none of our validation or plan logic), so the engine has the same resource to plan for both, and the same read: \`GET /{id}?fields=...\` and \`GET /{id}/settings\` at once, on a keep-alive client with 16 connections. It only reads (its create adopts converged numbers).
- Ours: the standalone executable the release ships for linux_amd64, a Bun compiled executable with bytecode (\`node scripts/release.mjs --standalone-only\`${process.env.BENCH_OURS_EXE ? `; this run: BENCH_OURS_EXE=${process.env.BENCH_OURS_EXE}` : ''}).
- Start-up: ${STARTUP_RUNS} interleaved rounds of \`node -e 0\` (exec to exit), ours and the peer${VARIANTS.length ? ` and ${VARIANTS.map((v) => v.label).join(', ')}` : ''}, each with PLUGIN_CLIENT_CERT set (AutoMTLS) and protocols 5,6; then ${cpuRuns} rounds of a process that answers GetProviderSchema, ValidateProviderConfig and ConfigureProvider (over mTLS, driven by the test client) and is shut down, CPU from getrusage.
- Plans: \`tofu plan -detailed-exitcode\` (no changes) over the first N of 1,000 seeded numbers (half storage in BR), one workspace per provider and N, both against one emulator process; rounds ${ROUNDS.join('/')} at 10/100/1,000 numbers, each round both latencies, the two providers alternating first. Provider CPU = user+system of all provider processes of the plan, peak = the largest ru_maxrss among them (each provider runs behind bench/go-peer/rusage, which records its child's getrusage at exit). Medians.
- Same requests: ${
    mismatches.length === 0
      ? `in every plan both providers sent the same multiset of Graph requests (method, path, fields), from the emulator's call log (${plans
          .map((p) => p.ours.requests)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(' / ')} per plan)`
      : `**differed**: ${mismatches.join('; ')}`
  }.

| start-up | ours | Go peer | ratio ours/Go | bare \`node -e 0\` | ours / bare node | target |
|---|---|---|---|---|---|---|
| exec to handshake (to exit for node) | ${f1(startup.oursMs)} ms | ${f1(startup.goMs)} ms | **${f2(startup.handshakeToGo)}x** | ${f1(startup.bareNodeMs)} ms | ${f2(startup.handshakeToBareNode)}x | <= 2x Go: ${met(targets.handshake)} |
| resident memory at the handshake | ${f1(startup.oursRssMiB)} MiB | ${f1(startup.goRssMiB)} MiB | ${f2(startup.rssToGo)}x | | | |
| CPU of a process answering schema, validate, configure | ${f1(startup.firstAnswersCpuMs.ours)} ms | ${f1(startup.firstAnswersCpuMs.go)} ms | ${f2(startup.firstAnswersCpuMs.ours / startup.firstAnswersCpuMs.go)}x | ${f1(startup.firstAnswersCpuMs.node)} ms | ${f2(startup.firstAnswersCpuToBareNode)}x | compared |

| \`tofu plan\` | latency | wall ours / Go | ratio | provider CPU ours / Go | ratio | provider peak memory ours / Go | ratio | processes | engine CPU ours / Go | target |
|---|---|---|---|---|---|---|---|---|---|---|
${plans
  .map(
    (p) =>
      `| ${p.numbers.toLocaleString('en-US')} numbers | ${p.latencyMs} ms | ${s2(p.ours.wallMs)} / ${s2(p.go.wallMs)} | **${f2(p.wallRatio)}x** | ${s2(p.ours.cpuMs)} / ${s2(p.go.cpuMs)} | ${f2(p.cpuRatio)}x | ${f1(p.ours.peakMiB)} / ${f1(p.go.peakMiB)} MiB | ${f2(p.peakRatio)}x | ${p.ours.providers} / ${p.go.providers} | ${s2(p.ours.engineCpuMs)} / ${s2(p.go.engineCpuMs)} | ${`${planTarget(p).bound}: ${met(planTarget(p).ok)}`} |`,
  )
  .join('\n')}
${variantTable}
The JS form (the npm package, on Node): where its time goes (\`node --cpu-prof\` of the built provider, 2026-12-01, Node 20): a process that
answers schema, validate and configure spends what bare node spends to boot, then about 17 ms
compiling our files (the handshake file, \`whatsapp-provider-shared.js\`, \`whatsapp-provider-runtime.js\`
and the protocol file of the version in use, ~490 KiB in all), ~5 ms compiling the Node built-ins it
needs (net, crypto, tls, http2), ~5 ms of garbage collection, a few ms making its key and certificate
and a few for the mTLS handshake, the three calls and exit. What went in this round, measured on
the same quiet machine (first-answers CPU 142 ms -> ~110 ms, bare node ~58 ms): the protocol code
is pbjs's static encoders instead of protobufjs reflection, which built message types and generated
encoders at run time (~22 ms); attribute names are sorted without \`localeCompare\`, whose first call
loaded ICU collation data (~8 ms); the process an engine starts only to read the schema answers
from bytes the build precomputed (\`whatsapp-provider-answers.json\`) and loads ~67 KiB instead of ~490
(its CPU ~118 ms -> ~100 ms); a process that reads no longer loads Node's fetch (undici),
form-data with mime-db, or https-proxy-agent with debug as axios loads (the engine file's load
54 ms -> 29 ms of CPU; scripts/lib/bundle-plugins.mjs); one msgpack encoder and decoder per process
instead of one per value; and a process exits as soon as its answer to Shutdown is out, where it
waited a fixed 20 ms (the engine waits for each provider process to exit: Shutdown to exit went
from ~30 to ~9 ms). Measured and not kept: any V8 flag on the
command line (\`--max-semi-space-size\`, \`--single-threaded\`, \`--no-opt\`) costs ~20 ms, because Node then
rejects the code cache of its own built-ins; a V8 code cache for our parts (\`vm.Script\` cachedData,
written at a process's exit, used by the next) takes a first-answers process from ~112 to ~103 ms
of CPU, but it has to be written into each user's home per build and Node version, which a
provider should not do unasked: on Node 22.1+ a user who wants it sets \`NODE_COMPILE_CACHE\` to a
directory of theirs and Node caches our parts itself (~5 ms per process measured on Node 22);
the standalone executable built with \`useCodeCache\` starts ~10 ms sooner, but its blob is no longer
reproducible (two builds of the same inputs differ) and can only be made for the building platform.

Reading the plan rows: the engine starts ${plans[0]?.ours.providers ?? 3} provider processes per plan, one after the
other, and waits for each. At 10 and 100 numbers the difference is the fixed cost per process:
a standalone process answering schema, validate and configure spent ${f1(startup.firstAnswersCpuMs.ours)} ms of CPU in this run
against the Go peer's ${f1(startup.firstAnswersCpuMs.go)} ms, paid three times before any work. ${(() => {
    const missed = plans.filter((p) => !planTarget(p).ok);
    return missed.length === 0
      ? 'Every plan target was met.'
      : `Missed here: ${missed.map((p) => `${p.numbers} numbers at ${p.latencyMs} ms (wall ${f2(p.wallRatio)}x, CPU ${f2(p.cpuRatio)}x; ${planTarget(p).bound})`).join('; ')}.`;
  })()} Tried for the start-up: the Node.js single executable as shipped before, with a code cache
and with a startup snapshot, against Bun's compiled executable (section "Standalone runtimes":
Bun starts and answers with the least time and CPU of the four); in the Bun executable, the
precomputed schema answers embedded (not kept: section "Standalone start-up: embedded schema
answers"), a reluctant JIT until a process's 1,000th engine call and the Graph client on Bun's
fetch (kept: sections "Standalone start-up: where a Bun process spends its CPU" and "Standalone
provider: the Graph client on Bun's fetch", which also says where the 10-number gap is left), and
Bun's \`--bytecode-order\`, \`--minify\`, \`--smol\` and \`--bytecode-depth\` (not kept). At 1,000
numbers the per-resource work dominates: ours spreads over axios's request set-up, Bun's fetch,
msgpack and protobuf coding, the plan logic and the
HTTP/2 answers, with no single hotspot; the framework's over its schema-driven value conversion,
defaults and plan modifiers.
`;
  process.stdout.write(body);
  if (cli.write && cli.value('--counts') === undefined) writeSection('Against a Go provider', body);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
