/**
 * Shared pieces of the benchmarks: statistics, machine notes, an emulator process,
 * process-tree memory sampling, and rewriting one section of docs/performance.md.
 * Benchmarks print their figures and, with --write, replace their own section.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { EmulatorAdminClient } from '../src/emulator/admin-client';
import { parseJson } from '../test/json';

export const repoRoot = findRepoRoot(__dirname);
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'provider'))) return dir;
    if (dirname(dir) === dir) return join(__dirname, '..');
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;
export const today = (): string => new Date().toISOString().slice(0, 10);

/** CLI flags shared by the benchmarks: --write (docs/performance.md), --json FILE (machine-readable). */
export function benchArgs(): { write: boolean; json?: string; value(flag: string): string | undefined } {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  return { write: args.includes('--write'), json: value('--json'), value };
}

export function machineNotes(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} x ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux, Node ${process.version}`;
}

export interface Engine {
  name: 'tofu' | 'terraform';
  path: string;
  version: string;
}

export function engine(name: 'tofu' | 'terraform'): Engine {
  const file = join(repoRoot, '.tools', 'engines.json');
  if (!existsSync(file)) throw new Error('.tools/engines.json is missing: run node scripts/setup-engines.mjs');
  const info = parseJson<Record<string, { path: string; version: string }>>(readFileSync(file, 'utf8'))[name];
  return { name, ...info };
}

/** Replaces (or appends) `## title` in docs/performance.md with `body`. */
export function writeSection(title: string, body: string): void {
  const doc = join(repoRoot, 'docs', 'performance.md');
  let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n';
  const section = `## ${title}\n\n${body.trim()}\n`;
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`## ${escaped}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(doc, text.endsWith('\n') ? text : text + '\n');
  process.stdout.write(`written: "## ${title}" in ${doc}\n`);
}

export function writeJson(file: string | undefined, value: unknown): void {
  if (file) writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

export interface EmulatorProcess {
  url: string;
  admin: EmulatorAdminClient;
  child: ChildProcess;
  close(): Promise<void>;
}

/**
 * The emulator as its own process (the CLI, as users run it), so its CPU time is not
 * mixed with the benchmark's. `seedFile` undefined: the default seed.
 */
export async function startEmulatorProcess(options: { seedFile?: string; latencyMs?: number } = {}): Promise<EmulatorProcess> {
  const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run node scripts/build.mjs`);
  const args = [cli, 'emulator', '--port', '0', '--latency-ms', String(options.latencyMs ?? 0)];
  if (options.seedFile) args.push('--seed', options.seedFile);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0].trim());
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code})`)));
  });
  return {
    url,
    admin: new EmulatorAdminClient(url),
    child,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Direct children of `pid` (from /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process is gone
  }
  return out;
}

export function procStatusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** user + system CPU time of a process so far, ms (from /proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

export interface ProcessTreeSample {
  /** largest VmHWM among the provider processes, KiB */
  peakKiB: number;
  providers: number;
  /** CPU time of all provider processes together, ms (last sample before each exited) */
  providerCpuMs: number;
  /** CPU time of the engine process itself, ms */
  engineCpuMs: number;
}

/**
 * Samples the provider processes the engine starts (children of the engine whose command
 * line names our provider): peak resident memory (VmHWM, monotonic per process) and CPU
 * time, plus the engine's own CPU time. stop() returns the figures.
 */
export function sampleProviderMemory(enginePid: number, everyMs = 25): () => ProcessTreeSample {
  const peaks = new Map<number, number>();
  const cpu = new Map<number, number>();
  let engineCpu = 0;
  const isProvider = (pid: number): boolean => {
    try {
      return /terraform-provider-whatsapp|whatsapp-provider-main\.js/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  };
  const tick = (): void => {
    engineCpu = cpuMs(enginePid) ?? engineCpu;
    for (const pid of childPids(enginePid)) {
      if (!peaks.has(pid) && !isProvider(pid)) continue;
      const hwm = procStatusKiB(pid, 'VmHWM');
      if (hwm !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
      const used = cpuMs(pid);
      if (used !== undefined) cpu.set(pid, used);
    }
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return () => {
    clearInterval(timer);
    tick();
    return {
      peakKiB: Math.max(0, ...peaks.values()),
      providers: peaks.size,
      providerCpuMs: [...cpu.values()].reduce((a, b) => a + b, 0),
      engineCpuMs: engineCpu,
    };
  };
}

/** Runs a command to completion; used for the engine's version line. */
export function commandOutput(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim();
}
