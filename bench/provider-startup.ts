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
  const partsKiB = ['whatsapp-provider-runtime.js', 'whatsapp-provider-shared.js'].filter((f) => existsSync(join(dir, f))).map((f) => `${f} ${kib(join(dir, f))}`);
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
- Executable: ${executable.replace(repoRoot + '/', '')} (${kib(executable)}; required after the handshake: ${partsKiB.join(', ') || 'none'}), PLUGIN_CLIENT_CERT set (AutoMTLS), protocols 5,6
- ${runs} rounds, each: \`node -e 0\`, the provider, the same provider bundled as one file (${kib(singleFile)}, the layout before the split)

| | exec to handshake line (to exit for node) | vs bare node | resident memory at the handshake |
|---|---|---|---|
| \`node -e 0\` | ${f(bare)} | 1.00x | |
| provider (split build, shipped) | ${f(hs)} | **${ratio.toFixed(2)}x** | ${(median(rss) / 1024).toFixed(1)} MiB |
| provider bundled as one file | ${f(single)} | ${ratioSingle.toFixed(2)}x | ${(median(rssSingle) / 1024).toFixed(1)} MiB |
| target | | <= 1.5x | |

- Exec to the first GetProviderSchema answer over mTLS (includes the test client's TLS connect): median ${median(schema).toFixed(1)} ms, ${schema.length} runs; resident memory then ${(median(rssAfter) / 1024).toFixed(1)} MiB (median)
- Before the handshake the provider runs node:http2/tls/crypto, the plugin plumbing and a hand-written DER encoder for its certificate (ECDSA P-256 key from node:crypto). The build splits the executable (scripts/build.mjs): the handshake file holds only that; the provider, engine, HTTP client (axios, mime-db, ...) and protobuf code (~1 MB) are in \`whatsapp-provider-runtime.js\`, required right after the handshake line is written (while the engine connects) or by the first RPC; the logger and gRPC plumbing, which both halves use, are in \`whatsapp-provider-shared.js\`, so there is one instance of each (registered secrets, error classes). Most of the remaining gap to bare node is loading node:http2/tls and making the key.
- Not used: a V8 code cache (\`v8.Script\` cachedData; \`module.enableCompileCache\` is Node 22+). The handshake file is ~12 KiB, so little is left to cache before the handshake, and a cache file beside an installed provider (whose directory the engines checksum) or in a temp dir adds state and invalidation for a few ms.
`;
  process.stdout.write(body);
  if (cli.write) writeSection('Provider start-up', body);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
