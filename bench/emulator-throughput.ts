/**
 * Emulator throughput: GET requests per second on loopback with 1,000 seeded numbers.
 * The emulator runs as its own process (the CLI, as users run it); this process is a
 * small keep-alive load generator. Not a test: prints a result line for docs/performance.md.
 *
 *   npm run build && node scripts/run-ts.mjs bench/emulator-throughput.ts [--write] [--json FILE]
 *
 * --write replaces "## Emulator throughput" in docs/performance.md.
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32), BENCH_NUMBERS (default 1000).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSeed } from '../src/emulator';
import { benchArgs, machineNotes, repoRoot, today, writeJson, writeSection } from './lib';
import { FIRST_SETTINGS_VERSION } from '../src/cloud-api/api-version';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const NUMBERS = Number(process.env.BENCH_NUMBERS ?? 1000);
const TOKEN = 'bench-token';

async function cliBundle(root: string, work: string): Promise<string> {
  const built = join(root, 'dist', 'bin', 'whatsapp-local-storage.js');
  if (process.env.BENCH_USE_DIST !== '0' && existsSync(built)) return built;
  const out = join(work, 'cli.js');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
  return out;
}

function seed(): { ids: string[]; file: object } {
  const file = generatedSeed(NUMBERS, {
    token: TOKEN,
    pin: '123456',
    label: 'Bench',
    storage: (i) =>
      i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });
  return { ids: file.phone_numbers.map((p) => p.id), file };
}

function get(agent: http.Agent, url: URL, path: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path, method: 'GET', agent, headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolvePromise(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const root = repoRoot;
  const work = mkdtempSync(join(tmpdir(), 'emulator-bench-'));
  const { ids, file } = seed();
  const seedFile = join(work, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(file));
  const cli = await cliBundle(root, work);
  const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise<string>((res, rej) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) res(out.split('\n')[0]);
      });
      child.on('exit', (code) => rej(new Error(`emulator exited (${code})`)));
    });
    const url = new URL(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    // Two GET shapes clients use: settings and the phone number node with fields.
    const paths = ids.flatMap((id) => [
      `/${FIRST_SETTINGS_VERSION}/${id}/settings`,
      `/${FIRST_SETTINGS_VERSION}/${id}?fields=status,platform_type,code_verification_status`,
    ]);
    // Warm-up, then the measured run.
    for (let i = 0; i < 200; i++) await get(agent, url, paths[i % paths.length]);
    let done = 0;
    let errors = 0;
    let next = 0;
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          const status = await get(agent, url, paths[next++ % paths.length]);
          latencies.push(performance.now() - t);
          if (status === 200) done++;
          else errors++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
    const result = {
      benchmark: 'emulator-throughput',
      date: new Date().toISOString(),
      numbers: NUMBERS,
      connections: CONNECTIONS,
      seconds: Number(elapsed.toFixed(2)),
      requests: done,
      errors,
      requestsPerSecond: Math.round(done / elapsed),
      latencyMs: { p50: Number(pct(0.5)), p99: Number(pct(0.99)) },
      node: process.version,
    };
    console.log(JSON.stringify(result));
    const cli = benchArgs();
    writeJson(cli.json, result);
    if (cli.write) {
      writeSection(
        'Emulator throughput',
        `The emulator must serve at least 2,000 GET requests per second on loopback on
this 2-core machine with ${NUMBERS.toLocaleString('en-US')} seeded numbers.

| date | command | numbers | connections | duration | GET/s | p50 / p99 latency | errors |
|---|---|---|---|---|---|---|---|
| ${today()} | \`node scripts/run-ts.mjs bench/emulator-throughput.ts\` | ${NUMBERS.toLocaleString('en-US')} | ${CONNECTIONS} keep-alive | ${SECONDS} s | **${result.requestsPerSecond.toLocaleString('en-US')}** | ${result.latencyMs.p50} ms / ${result.latencyMs.p99} ms | ${errors} |

Machine: ${machineNotes()}. The emulator runs as its own process (\`dist/bin/whatsapp-local-storage.js
emulator --port 0 --seed <generated seed>\`); the benchmark process is a keep-alive load
generator that alternates \`GET /${FIRST_SETTINGS_VERSION}/{id}/settings\` and
\`GET /${FIRST_SETTINGS_VERSION}/{id}?fields=status,platform_type,code_verification_status\` across all numbers,
every call authorized and logged, no latency or faults. Both processes share the machine's
cores. The run exits non-zero below 2,000 GET/s or on any non-200 answer. Knobs:
\`BENCH_SECONDS\`, \`BENCH_CONNECTIONS\`, \`BENCH_NUMBERS\`.`,
      );
    }
    if (errors > 0 || result.requestsPerSecond < 2000) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`emulator benchmark failed: ${e.message}`);
  process.exit(1);
});
