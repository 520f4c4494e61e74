// `npm run bench`: build, provide the engines, run every benchmark in bench/ one after the
// other (never in parallel: they measure time on a shared 2-core machine), and rewrite
// docs/performance.md: each benchmark replaces its own section, this script writes the
// summary (date, machine notes, versions, commands, targets) at the top.
// Node built-ins only. Options: --quick (fewer runs, 200 numbers: a smoke test, not figures).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { log, repoRoot, run } from './lib/run.mjs';

const quick = process.argv.includes('--quick');
const started = Date.now();

log('build (bundles; type-checking is `npm run build`)');
run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--no-typecheck']);
log('engines');
run(process.execPath, [join(repoRoot, 'scripts', 'setup-engines.mjs')]);

const benches = [
  { file: 'bench/emulator-throughput.ts', args: [], env: quick ? { BENCH_SECONDS: '3' } : {} },
  { file: 'bench/provider-startup.ts', args: ['--runs', quick ? '10' : '30'] },
  { file: 'bench/artifact-startup.ts', args: ['--runs', quick ? '5' : '20'] },
  { file: 'bench/refresh-at-scale.ts', args: ['--numbers', quick ? '200' : '1000', '--rounds', quick ? '1' : '2'] },
  { file: 'bench/region-change.ts', args: ['--rounds', quick ? '3' : '5'] },
  { file: 'bench/waba-read.ts', args: ['--numbers', quick ? '200' : '1000', '--rounds', quick ? '1' : '3'] },
  // Needs Go (the peer is built into a cache outside the clone): the standalone executable the release
  // ships for linux_amd64 against the Go peer, side by side. The choice of that executable's runtime
  // (bench/standalone-runtimes.ts: Node single executables against Bun) is measured on its own.
  { file: 'bench/versus-go-peer.ts', args: ['--startup-runs', quick ? '6' : '20', '--rounds', quick ? '1,1,1' : '5,4,2'], minutes: 40 },
  // The reliability soak (issue 7) prints its own result line for docs/reliability.md and
  // exits non-zero if any number is lost; it writes no section here.
  { file: 'bench/soak.ts', args: [], env: quick ? { SOAK_NUMBERS: '100' } : {}, records: false },
];

const work = mkdtempSync(join(tmpdir(), 'wls-bench-'));
const results = {};
const failures = [];
for (const bench of benches) {
  const json = join(work, bench.file.replace(/\W+/g, '_') + '.json');
  const records = bench.records !== false;
  const args = [
    join(repoRoot, 'scripts', 'run-ts.mjs'),
    bench.file,
    ...bench.args,
    ...(records ? ['--json', json, ...(quick ? [] : ['--write'])] : []),
  ];
  log(`bench: ${bench.file} ${bench.args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    cwd: repoRoot,
    env: { ...process.env, ...(bench.env ?? {}) },
    timeout: (bench.minutes ?? 8) * 60_000,
  });
  log(`bench: ${bench.file} took ${((Date.now() - t) / 1000).toFixed(0)} s, exit ${r.status ?? r.signal}`);
  if (existsSync(json)) results[bench.file] = JSON.parse(readFileSync(json, 'utf8'));
  if (r.status !== 0 || (records && !existsSync(json))) failures.push(bench.file);
}
rmSync(work, { recursive: true, force: true });

const engines = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8'));
const cpuModel = (/model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown').trim();
const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const f1 = (n) => (typeof n === 'number' ? n.toFixed(1) : '?');
const f2 = (n) => (typeof n === 'number' ? n.toFixed(2) : '?');
const status = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met** (see its section)');

const t = results['bench/emulator-throughput.ts'];
const s = results['bench/provider-startup.ts'];
const r = results['bench/refresh-at-scale.ts'];
const d = results['bench/region-change.ts'];
const g = results['bench/versus-go-peer.ts'];
const goPlan = (n, lat) => g?.plans.find((p) => p.numbers === n && p.latencyMs === lat);
const goRows = [10, 100, 1000].flatMap((n) =>
  [0, 20].map((lat) => {
    const p = goPlan(n, lat);
    const large = n >= 1000;
    // The same bounds as bench/versus-go-peer.ts's planTarget.
    const bound = large ? 'wall, CPU, memory <= 1.0x' : n >= 100 ? 'wall <= 1.15x' : 'wall <= 1.3x, CPU <= 1.5x';
    const ok =
      p &&
      (large
        ? p.wallRatio <= 1 && p.cpuRatio <= 1 && p.peakRatio <= 1
        : n >= 100
          ? p.wallRatio <= 1.15
          : p.wallRatio <= 1.3 && p.cpuRatio <= 1.5);
    return [
      `vs Go peer: \`tofu plan\` of ${n.toLocaleString('en-US')} at ${lat} ms (standalone executable), wall / provider CPU / peak memory`,
      bound,
      p &&
        `${f2(p.wallRatio)}x / ${f2(p.cpuRatio)}x / ${f2(p.peakRatio)}x (${f2(p.ours.wallMs / 1000)} s vs ${f2(p.go.wallMs / 1000)} s; ${f2(p.ours.cpuMs / 1000)} s vs ${f2(p.go.cpuMs / 1000)} s; ${f1(p.ours.peakMiB)} vs ${f1(p.go.peakMiB)} MiB)`,
      ok,
    ];
  }),
);
const rows = [
  ['Emulator: GET/s, 1,000 numbers', '>= 2,000', t && `${t.requestsPerSecond} GET/s`, t && t.requestsPerSecond >= 2000],
  [
    'Start-up of the JS form (dist/bin on Node): exec to handshake / bare `node -e 0`',
    '<= 1.1x',
    s &&
      `${f2(s.ratio)}x (${f1(s.handshakeMs)} / ${f1(s.bareNodeMs)} ms; one-file bundle ${f2(s.singleFileRatio)}x); RSS ${f1(s.rssAtHandshakeMiB)} MiB`,
    s && s.ratio <= 1.1,
  ],
  [
    "vs Go peer: exec to handshake of the standalone executable / the Go peer's",
    '<= 2x',
    g &&
      `${f2(g.startup.handshakeToGo)}x (${f1(g.startup.oursMs)} / ${f1(g.startup.goMs)} ms; bare \`node -e 0\` ${f1(g.startup.bareNodeMs)} ms)`,
    g && g.startup.handshakeToGo <= 2,
  ],
  [
    'vs Go peer: memory at the handshake',
    'compared',
    g && `${f1(g.startup.oursRssMiB)} MiB vs ${f1(g.startup.goRssMiB)} MiB (${f2(g.startup.rssToGo)}x)`,
    g ? true : undefined,
  ],
  [
    "CPU of a standalone process answering schema, validate, configure / the Go peer's",
    'compared',
    g &&
      `${f2(g.startup.firstAnswersCpuMs.ours / g.startup.firstAnswersCpuMs.go)}x (${f1(g.startup.firstAnswersCpuMs.ours)} / ${f1(g.startup.firstAnswersCpuMs.go)} ms; bare \`node -e 0\` ${f1(g.startup.firstAnswersCpuMs.node)} ms)`,
    g ? true : undefined,
  ],
  ...goRows,
  [
    'vs Go peer: same Graph requests in every plan',
    'equal',
    g && (g.mismatches.length ? g.mismatches.join('; ') : 'equal (emulator call log)'),
    g && g.mismatches.length === 0,
  ],
  ['Refresh: requests per resource', '<= 2', r && f2(r.requestsPerResource), r && r.requestsPerResource <= 2],
  [
    'Refresh: `tofu plan` of 1,000 at 20 ms / floor',
    '<= 1.3x',
    r &&
      `${f2(r.ratioToFloor)}x (${f2(r.planMs / 1000)} s / ${f2(r.floorMs / 1000)} s; requests alone ${f2(r.requestSpanToFloor)}x; engine alone ${f2(r.engineOnlyPlanMs / 1000)} s)`,
    r && r.ratioToFloor <= 1.3,
  ],
  ['Refresh: provider peak memory', '<= 200 MB', r && `${f1(r.providerPeakMiB)} MiB`, r && r.providerPeakMiB * 1.048576 <= 200],
  [
    'Region change: downtime',
    `<= 2 x ${d?.latencyMs ?? 20} ms + 10 ms`,
    d && `${f1(d.apply.downtimeMs)} ms (max ${f1(d.apply.maxDowntimeMs)} ms)`,
    d && d.apply.downtimeMs <= d.targetDowntimeMs,
  ],
  [
    'Region change: vs three curl commands',
    'compared',
    d &&
      `${f1(d.apply.downtimeMs)} ms vs ${f1(d.curl.downtimeMs)} ms downtime (${f2(d.downtimeRatioToCurl)}x); exec to exit ${f1(d.apply.wallMs)} ms vs ${f1(d.curl.wallMs)} ms`,
    d ? true : undefined,
  ],
];

const summary = `## Summary of the last \`npm run bench\`

- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC; took ${((Date.now() - started) / 60000).toFixed(1)} min
- Machine: \`nproc\` ${nproc}, ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at the end ${load} (the machine is shared: figures are ratios measured side by side in one run)
- Versions: Node ${process.version}; OpenTofu ${engines.tofu?.version}; Terraform ${engines.terraform?.version} (not timed: the benchmarks drive OpenTofu)
- Measured: the rows "vs Go peer" and "CPU of a standalone process" are of the standalone executable the release ships for linux_amd64 (a Bun compiled executable with bytecode, \`node scripts/release.mjs --standalone-only\`) against the Go peer (bench/go-peer) in the same rounds; the other rows are of the JS form (dist/bin) on this Node, or of the emulator.
- Command: \`npm run bench\` = \`node scripts/build.mjs --no-typecheck\`, \`node scripts/setup-engines.mjs\`, then one after the other:
${benches.map((b) => `  - \`node scripts/run-ts.mjs ${[b.file, ...b.args, ...(b.records === false ? [] : ['--write'])].join(' ')}\`${b.records === false ? ' (result line in docs/reliability.md)' : ''}`).join('\n')}
${failures.length ? `- **Failed:** ${failures.join(', ')}\n` : ''}
| target | bound | this run | status |
|---|---|---|---|
${rows.map(([name, bound, value, ok]) => `| ${name} | ${bound} | ${value ?? 'not measured'} | ${status(ok)} |`).join('\n')}

Count guards (requests per operation, writes per converge, the size of what start-up
compiles) are tests, not benchmarks: \`test/performance/\`, part of \`npm test\`.
`;

if (!quick) {
  const doc = join(repoRoot, 'docs', 'performance.md');
  let text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n';
  const re = /## Summary of the last `npm run bench`\n[\s\S]*?(?=\n## |$)/;
  if (re.test(text)) text = text.replace(re, summary);
  else {
    const firstSection = text.indexOf('\n## ');
    text =
      firstSection < 0
        ? `${text.trimEnd()}\n\n${summary}`
        : `${text.slice(0, firstSection + 1)}${summary}\n${text.slice(firstSection + 1)}`;
  }
  writeFileSync(doc, text.endsWith('\n') ? text : `${text}\n`);
  log(`written: ${doc}`);
} else {
  process.stdout.write(`\n${summary}`);
}
if (failures.length) {
  log(`failed: ${failures.join(', ')}`);
  process.exit(1);
}
log(`bench done in ${((Date.now() - started) / 60000).toFixed(1)} min`);
