/**
 * Which runtime the standalone executables embed: the same provider bundle as
 *  - ours: what scripts/release.mjs ships (a Bun compiled executable with bytecode),
 *  - node-sea: a Node.js single executable application (what the release shipped before),
 *  - node-sea-code-cache: the same with `useCodeCache`,
 *  - node-sea-snapshot: the same with `useSnapshot` (the bundle runs from the snapshot's
 *    deserialize-main function; a snapshot that also holds the evaluated provider modules does
 *    not build: Node's snapshot builder aborts),
 * built here for linux_amd64, each built twice to see whether its bytes are reproducible, then
 * measured side by side with the Go peer in the same rounds by bench/versus-go-peer.ts
 * (--variants), which also writes its own section for ours.
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/standalone-runtimes.ts [--startup-runs 20] [--rounds 5,4,2] [--write] [--json FILE]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs, machineNotes, repoRoot, today, writeJson, writeSection } from './lib';

const cli = benchArgs();
const STARTUP_RUNS = cli.value('--startup-runs') ?? '20';
const ROUNDS = cli.value('--rounds') ?? '5,4,2';

interface Built {
  label: string;
  exe: string;
  bytes: number;
  reproducible: boolean;
  buildSeconds: number;
  crossBuilds: string;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs a script of scripts/ as an ES module (they are .mjs) and returns its stdout. */
function node(script: string): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`script failed (${r.status})`);
  return r.stdout;
}

function buildSea(label: string, out: string, options: { useCodeCache?: boolean; useSnapshot?: boolean }): number {
  const started = Date.now();
  node(`
    import { singleFileBundle } from './scripts/release.mjs';
    import { buildNodeSea } from './scripts/lib/node-sea.mjs';
    import { createRequire } from 'node:module';
    const options = ${JSON.stringify(options)};
    let bundle = await singleFileBundle('provider');
    if (options.useSnapshot) {
      // The snapshot's entry: the whole bundle is the function the executable runs after deserializing.
      // (a CommonJS body: it gets the module object it would have as a file).
      const wrapped = "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => {\\nconst module = { exports: {} }; const exports = module.exports;\\n" + Buffer.from(bundle).toString('utf8') + "\\n});\\n";
      bundle = Buffer.from(wrapped);
    }
    await buildNodeSea(bundle, 'linux_amd64', ${JSON.stringify(out)}, options);
  `);
  return (Date.now() - started) / 1000;
}

/** What the table does not show (measured while choosing; docs/architecture.md has the choice). */
const NOTES = `Notes. Ours is built as the release builds it: \`bun build --compile --bytecode\` of the esbuild bundle
for each platform with Bun's runtime of that platform (\`--compile-executable-path\`), baseline
runtimes for x64, no autoloading of \`.env\`/\`bunfig.toml\`/\`tsconfig.json\`/\`package.json\`. A code cache
or a snapshot of Node belongs to the node binary that made it, so those two forms could be
shipped only for the platform that builds the release. A snapshot that also holds the evaluated
provider modules does not build (Node 22.23.3's snapshot builder aborts with
\`std::length_error\`); the one measured holds only the deserialize-main function, which then
evaluates the whole bundle at each start. Bun writes the entry's path and directory into the
executable: the release runs Bun beside the bundle with a relative name and the bundle takes its
directory from the executable's path, which keeps two builds equal and the build machine's paths out.`;

function main(): void {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'wls-runtimes-'));
  const built: Built[] = [];
  try {
    // Ours, as the release builds it: twice, the second time with the cache out of the way.
    const t = Date.now();
    const shipped = (
      JSON.parse(
        node(`import { buildStandalone } from './scripts/release.mjs'; console.log(JSON.stringify(await buildStandalone('provider')));`),
      ) as Record<string, string>
    ).linux_amd64;
    const firstSeconds = (Date.now() - t) / 1000;
    const again = join(work, 'bun-again');
    node(`
      import { singleFileBundle, bunCompile, executableName, PROGRAMS } from './scripts/release.mjs';
      import { mkdirSync, writeFileSync } from 'node:fs';
      mkdirSync(${JSON.stringify(again)}, { recursive: true });
      writeFileSync(${JSON.stringify(join(again, 'provider.js'))}, await singleFileBundle('provider'));
      bunCompile(${JSON.stringify(join(again, 'provider.js'))}, 'linux_amd64', ${JSON.stringify(again)} + '/' + executableName('linux_amd64'), PROGRAMS.provider);
    `);
    const againExe = join(
      again,
      `terraform-provider-whatsapp_v${(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version}`,
    );
    built.push({
      label: 'ours',
      exe: shipped,
      bytes: statSync(shipped).size,
      reproducible: sha(shipped) === sha(againExe),
      buildSeconds: firstSeconds,
      crossBuilds: 'all five from Linux (the runtime of each platform from npm)',
    });

    const seaVariants: Array<[string, { useCodeCache?: boolean; useSnapshot?: boolean }, string]> = [
      ['node-sea', {}, 'all five from Linux (the node of each platform from npm; darwin needs re-signing after injection)'],
      ['node-sea-code-cache', { useCodeCache: true }, 'only the building platform: the cache belongs to the V8 that made it'],
      ['node-sea-snapshot', { useSnapshot: true }, 'only the building platform: the snapshot belongs to the node that made it'],
    ];
    for (const [label, options, crossBuilds] of seaVariants) {
      const a = join(work, `${label}-1`);
      const b = join(work, `${label}-2`);
      const seconds = buildSea(label, a, options);
      buildSea(label, b, options);
      built.push({ label, exe: a, bytes: statSync(a).size, reproducible: sha(a) === sha(b), buildSeconds: seconds, crossBuilds });
    }
    for (const b of built)
      process.stderr.write(
        `${b.label}: ${(b.bytes / 2 ** 20).toFixed(1)} MiB, reproducible ${b.reproducible}, built in ${b.buildSeconds.toFixed(1)} s\n`,
      );

    const json = join(work, 'versus.json');
    const args = [
      join(repoRoot, 'scripts', 'run-ts.mjs'),
      'bench/versus-go-peer.ts',
      '--startup-runs',
      STARTUP_RUNS,
      '--rounds',
      ROUNDS,
      '--variants',
      built
        .filter((b) => b.label !== 'ours')
        .map((b) => `${b.label}=${b.exe}`)
        .join(','),
      '--json',
      json,
      ...(cli.write ? ['--write'] : []),
    ];
    const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, BENCH_OURS_EXE: shipped } });
    if (r.status !== 0) throw new Error(`bench/versus-go-peer.ts exited ${r.status}`);
    const versus = JSON.parse(readFileSync(json, 'utf8')) as {
      load: string;
      startup: { oursMs: number; goMs: number; oursRssMiB: number; firstAnswersCpuMs: { ours: number; go: number } };
      plans: Array<{
        numbers: number;
        latencyMs: number;
        wallRatio: number;
        cpuRatio: number;
        peakRatio: number;
        ours: { peakMiB: number };
      }>;
      variants: Array<{
        label: string;
        startup: { handshakeMs: number; handshakeToGo: number; rssMiB: number; firstAnswersCpuMs: number; firstAnswersCpuToGo: number };
        plans: Array<{
          numbers: number;
          latencyMs: number;
          wallRatio: number;
          cpuRatio: number;
          peakRatio: number;
          ours: { peakMiB: number };
        }>;
      }>;
    };
    const rows = [
      {
        label: 'ours',
        startup: {
          handshakeMs: versus.startup.oursMs,
          handshakeToGo: versus.startup.oursMs / versus.startup.goMs,
          rssMiB: versus.startup.oursRssMiB,
          firstAnswersCpuMs: versus.startup.firstAnswersCpuMs.ours,
          firstAnswersCpuToGo: versus.startup.firstAnswersCpuMs.ours / versus.startup.firstAnswersCpuMs.go,
        },
        plans: versus.plans,
      },
      ...versus.variants,
    ];
    const result = {
      benchmark: 'standalone-runtimes',
      date: new Date().toISOString(),
      built,
      versus,
      minutes: (Date.now() - started) / 60000,
    };
    writeJson(cli.json, result);

    const f2 = (n: number) => n.toFixed(2);
    const at = (v: (typeof rows)[number], numbers: number, latencyMs: number) =>
      v.plans.find((p) => p.numbers === numbers && p.latencyMs === latencyMs);
    const cells = (v: (typeof rows)[number], numbers: number) =>
      [0, 20]
        .map((lat) => {
          const p = at(v, numbers, lat);
          return p ? `${f2(p.wallRatio)} / ${f2(p.cpuRatio)}` : '?';
        })
        .join(' ; ');
    const body = `
- Date: ${today()}; machine: ${machineNotes()}; load average at the end ${versus.load} (shared machine: every figure is a ratio to the Go peer measured in the same rounds)
- Command: \`node scripts/run-ts.mjs bench/standalone-runtimes.ts --startup-runs ${STARTUP_RUNS} --rounds ${ROUNDS}\` (run on its own, not by \`npm run bench\`; took ${result.minutes.toFixed(1)} min)
- The same one-file provider bundle (\`singleFileBundle\` of scripts/release.mjs) in each runtime, built here for linux_amd64, each built twice (reproducible = the two builds are the same bytes).
- Plan cells: \`tofu plan\` wall / provider CPU as a multiple of the Go peer's, at 0 ms ; 20 ms emulator latency (bench/versus-go-peer.ts, medians).

| executable | size | reproducible | cross-builds | exec to handshake (x Go) | RSS at handshake | first-answers CPU (x Go) | plan 10 | plan 100 | plan 1,000 | peak memory at 1,000 (x Go) |
|---|---|---|---|---|---|---|---|---|---|---|
${rows
  .map((v) => {
    const b = built.find((x) => x.label === v.label)!;
    const big = at(v, 1000, 0);
    return `| ${v.label === 'ours' ? 'ours: Bun compiled, bytecode (shipped)' : v.label} | ${(b.bytes / 2 ** 20).toFixed(1)} MiB | ${b.reproducible ? 'yes' : '**no**'} | ${b.crossBuilds} | ${v.startup.handshakeMs.toFixed(1)} ms (${f2(v.startup.handshakeToGo)}x) | ${v.startup.rssMiB.toFixed(1)} MiB | ${v.startup.firstAnswersCpuMs.toFixed(1)} ms (${f2(v.startup.firstAnswersCpuToGo)}x) | ${cells(v, 10)} | ${cells(v, 100)} | ${cells(v, 1000)} | ${big ? `${big.ours.peakMiB.toFixed(1)} MiB (${f2(big.peakRatio)}x)` : '?'} |`;
  })
  .join('\n')}

${NOTES}
`;
    process.stdout.write(body);
    if (cli.write) writeSection('Standalone runtimes', body);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
