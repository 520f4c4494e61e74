/**
 * Provider start-up: exec-to-handshake time of the provider executable, launched like an
 * engine launches it (magic cookie, PLUGIN_PROTOCOL_VERSIONS=5,6, PLUGIN_CLIENT_CERT so
 * the provider makes its AutoMTLS key and certificate), against exec-to-exit of a bare
 * `node -e 0` in the same run. Also, side by side, the same provider bundled as one file
 * (the layout before the split in scripts/build.mjs), so the split's effect is measured in
 * the same run. Runs are interleaved (node, split, single file, ...), medians compared.
 * Then: time to the first GetProviderSchema answer, and resident memory.
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/provider-startup.ts [--runs 30] [--write] [--json FILE]
 *
 * --write replaces "## Provider start-up" in docs/performance.md.
 * $TFWA_PROVIDER_BIN selects another executable (default dist/bin/terraform-provider-whatsapp.js).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntry, spawnProvider, startProvider } from '../test/provider/harness';
import { benchArgs, machineNotes, median, percentile, repoRoot, today, writeJson, writeSection } from './lib';
import { JS_PROVIDER_FILES } from '../src/cli/install/provider-mirror';

const cli = benchArgs();
const runs = Number(cli.value('--runs') ?? 0) || 30;
const executable = process.env.TFWA_PROVIDER_BIN ?? join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function bareNode(): Promise<number> {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function providerHandshake(file = executable): Promise<{ ms: number; rss: number }> {
  const start = process.hrtime.bigint();
  const p = spawnProvider({ executable: file, protocolVersions: '5,6' });
  await p.handshake;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = rssKiB(p.child.pid!);
  p.child.kill('SIGKILL');
  await p.exited;
  return { ms, rss };
}

async function firstSchema(): Promise<{ ms: number; rssAfter: number }> {
  const start = process.hrtime.bigint();
  const p = await startProvider({ executable, protocolVersions: '5,6' });
  try {
    await p.v6.getProviderSchema({});
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, rssAfter: rssKiB(p.child.pid!) };
  } finally {
    await p.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(executable)) throw new Error(`${executable} is missing: run node scripts/build.mjs --no-install --no-typecheck`);
  // The pre-split layout: src/provider/main.ts bundled alone into one file.
  const singleFile = bundleEntry(join(repoRoot, 'src', 'provider', 'main.ts'));
  // Warm the file cache and JIT of this process before measuring.
  await bareNode();
  await providerHandshake();
  await providerHandshake(singleFile);
  const bare: number[] = [];
  const hs: number[] = [];
  const single: number[] = [];
  const rss: number[] = [];
  const rssSingle: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await bareNode());
    const r = await providerHandshake();
    hs.push(r.ms);
    rss.push(r.rss);
    const one = await providerHandshake(singleFile);
    single.push(one.ms);
    rssSingle.push(one.rss);
  }
  const schema: number[] = [];
  const rssAfter: number[] = [];
  for (let i = 0; i < Math.min(runs, 10); i++) {
    const r = await firstSchema();
    schema.push(r.ms);
    rssAfter.push(r.rssAfter);
  }
  const ratio = median(hs) / median(bare);
  const ratioSingle = median(single) / median(bare);
  const kib = (file: string): string => `${(statSync(file).size / 1024).toFixed(0)} KiB`;
  const dir = join(executable, '..');
  const partsKiB = JS_PROVIDER_FILES.filter((f) => f !== 'terraform-provider-whatsapp.js')
    .filter((f) => existsSync(join(dir, f)))
    .map((f) => `${f} ${kib(join(dir, f))}`);
  const result = {
    benchmark: 'provider-startup',
    date: new Date().toISOString(),
    runs,
    bareNodeMs: median(bare),
    handshakeMs: median(hs),
    singleFileHandshakeMs: median(single),
    ratio,
    singleFileRatio: ratioSingle,
    firstSchemaMs: median(schema),
    rssAtHandshakeMiB: median(rss) / 1024,
    rssAtHandshakeSingleFileMiB: median(rssSingle) / 1024,
    rssAfterSchemaMiB: median(rssAfter) / 1024,
  };
  writeJson(cli.json, result);
  const f = (values: number[]): string => `median ${median(values).toFixed(1)} ms (p90 ${percentile(values, 90).toFixed(1)} ms)`;
  const body = `
- Date: ${today()}; machine: ${machineNotes()}
- Command: \`node scripts/build.mjs --no-install --no-typecheck && node scripts/run-ts.mjs bench/provider-startup.ts --runs ${runs}\` (part of \`npm run bench\`)
- Executable: ${executable.replace(repoRoot + '/', '')} (${kib(executable)}; its parts: ${partsKiB.join(', ') || 'none'}), PLUGIN_CLIENT_CERT set (AutoMTLS), protocols 5,6
- ${runs} rounds, each: \`node -e 0\`, the provider, the same provider bundled as one file (${kib(singleFile)}, the layout before the split)

| | exec to handshake line (to exit for node) | vs bare node | resident memory at the handshake |
|---|---|---|---|
| \`node -e 0\` | ${f(bare)} | 1.00x | |
| provider (split build, shipped) | ${f(hs)} | **${ratio.toFixed(2)}x** | ${(median(rss) / 1024).toFixed(1)} MiB |
| provider bundled as one file | ${f(single)} | ${ratioSingle.toFixed(2)}x | ${(median(rssSingle) / 1024).toFixed(1)} MiB |
| target | | <= 1.1x | |

- Exec to the first GetProviderSchema answer over mTLS (includes the test client's TLS connect): median ${median(schema).toFixed(1)} ms, ${schema.length} runs; resident memory then ${(median(rssAfter) / 1024).toFixed(1)} MiB (median)
- Before the handshake line the provider loads the handshake file and \`whatsapp-provider-shared.js\` (logger, gRPC plumbing), makes its certificate (ECDSA P-256 key from node:crypto, a hand-written DER encoder) and listens on a plain socket server. Right after the line (while the engine connects, or at the first connection) it loads node:http2/TLS and builds the gRPC server, and requires \`whatsapp-provider-runtime.js\` (provider, msgpack) and the protocol file of the version in use (\`whatsapp-provider-tfplugin6.js\` or \`-tfplugin5.js\`: pbjs static encoders). \`whatsapp-provider-engine.js\` (engine, axios) is required by the first call that talks to the API, so processes that answer only schema, validation and configuration never load it (guarded by test/performance/startup-load.test.ts, which also checks that a read does not load Node's fetch).
- Not used: a V8 code cache (measured in Against a Go provider: it saves a few ms per process but has to be written per user and per Node version), and V8 flags on the command line (they make Node reject the code cache of its own built-ins: ~20 ms more).
`;
  process.stdout.write(body);
  if (cli.write) writeSection('Provider start-up', body);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
