/**
 * Refresh at scale: `tofu plan` over N whatsapp_local_storage resources (default 1,000)
 * against the emulator (its own process) with 20 ms added per Graph request, compared
 * with the floor the requests set: requests x latency / the engine's parallelism (10).
 * The same plan at 0 ms latency, in the same run, shows what the engine itself costs.
 * Also: requests per resource and the provider processes' peak memory (VmHWM).
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/refresh-at-scale.ts [--numbers 1000] [--rounds 2] [--write] [--json FILE]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSeed } from '../src/emulator';
import { BenchWorkspace, providerBlock, type EngineRun } from './engine-run';
import { benchArgs, engine, machineNotes, median, startEmulatorProcess, today, writeJson, writeSection } from './lib';

const cli = benchArgs();
const NUMBERS = Number(cli.value('--numbers') ?? 1000);
const ROUNDS = Number(cli.value('--rounds') ?? 2);
const LATENCY_MS = Number(cli.value('--latency') ?? 20);
const PARALLELISM = 10; // the engines' default -parallelism
const TOKEN = 'bench-token';
const WABA = '300000000000001';

interface PlanRun {
  latencyMs: number;
  wallMs: number;
  gets: number;
  posts: number;
  providerPeakKiB: number;
  providers: number;
  providerCpuMs: number;
  engineCpuMs: number;
  /** engine start to the first Graph request, ms */
  beforeFirstCallMs: number;
  /** first request received to last answered, ms */
  callSpanMs: number;
  /** last answer to the engine's exit, ms */
  afterLastCallMs: number;
  /** mean number of requests in the emulator at once during the span */
  meanInFlight: number;
}

async function main(): Promise<void> {
  const tofu = engine('tofu');
  const work = mkdtempSync(join(tmpdir(), 'refresh-bench-'));
  const seed = generatedSeed(NUMBERS, {
    token: TOKEN,
    pin: '123456',
    wabaId: WABA,
    label: 'Bench',
    storage: (i) =>
      i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });
  const ids = seed.phone_numbers.map((p) => p.id);
  const seedFile = join(work, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const emu = await startEmulatorProcess({ seedFile, latencyMs: 0 });
  await emu.admin.setOptions({ call_log_limit: Math.max(10_000, NUMBERS * 6) });
  const ws = new BenchWorkspace(tofu, { TF_VAR_pin: '123456' });
  const bare = new BenchWorkspace(tofu);
  try {
    const numbers = Object.fromEntries(ids.map((id, i) => [id, i % 2 ? 'BR' : null]));
    ws.write('numbers.json', JSON.stringify(numbers));
    ws.write(
      'main.tf',
      providerBlock(emu.url, TOKEN) +
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
`,
    );
    await ws.expect(['init']);
    // Bring the N converged numbers into state (0 ms latency: this is set-up, not measured).
    await emu.admin.clearCalls();
    const apply = await ws.expect(['apply', '-auto-approve']);
    const applyCalls = await emu.admin.calls();
    const applyWrites = applyCalls.filter((c) => c.method !== 'GET').length;

    const plan = async (latencyMs: number): Promise<PlanRun> => {
      await emu.admin.setLatency(latencyMs);
      await emu.admin.clearCalls();
      const startedAt = performance.timeOrigin + performance.now();
      const r: EngineRun = await ws.expect(['plan', '-detailed-exitcode'], 0);
      const endedAt = startedAt + r.wallMs;
      const calls = await emu.admin.calls();
      const first = Math.min(...calls.map((c) => c.receivedAt));
      const last = Math.max(...calls.map((c) => c.finishedAt));
      const busy = calls.reduce((sum, c) => sum + (c.finishedAt - c.receivedAt), 0);
      return {
        latencyMs,
        wallMs: r.wallMs,
        gets: calls.filter((c) => c.method === 'GET').length,
        posts: calls.filter((c) => c.method !== 'GET').length,
        providerPeakKiB: r.providerPeakKiB,
        providers: r.providers,
        providerCpuMs: r.providerCpuMs,
        engineCpuMs: r.engineCpuMs,
        beforeFirstCallMs: first - startedAt,
        callSpanMs: last - first,
        afterLastCallMs: endedAt - last,
        meanInFlight: busy / Math.max(1, last - first),
      };
    };
    // The engine alone: the same for_each over N built-in terraform_data resources (no
    // provider process, no requests) is what the graph walk and state handling cost.
    bare.write('numbers.json', JSON.stringify(numbers));
    bare.write(
      'main.tf',
      `locals {\n  numbers = jsondecode(file("\${path.module}/numbers.json"))\n}\n\nresource "terraform_data" "n" {\n  for_each = local.numbers\n  input    = each.value\n}\n`,
    );
    await bare.expect(['init']);
    await bare.expect(['apply', '-auto-approve']);

    const zero: PlanRun[] = [];
    const slow: PlanRun[] = [];
    const engineOnly: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      engineOnly.push((await bare.expect(['plan', '-detailed-exitcode'], 0)).wallMs);
      zero.push(await plan(0));
      slow.push(await plan(LATENCY_MS));
      const show = (r: PlanRun): string =>
        `${r.wallMs.toFixed(0)} ms at ${r.latencyMs} ms (engine CPU ${r.engineCpuMs} ms, provider CPU ${r.providerCpuMs} ms; ` +
        `${r.beforeFirstCallMs.toFixed(0)} ms before the first request, requests over ${r.callSpanMs.toFixed(0)} ms with ${r.meanInFlight.toFixed(1)} in flight, ${r.afterLastCallMs.toFixed(0)} ms after)`;
      process.stderr.write(
        `round ${i + 1}: terraform_data plan ${engineOnly[i].toFixed(0)} ms; plan ${show(zero[i])}; plan ${show(slow[i])}\n`,
      );
    }
    const requests = median(slow.map((r) => r.gets + r.posts));
    const floorMs = (requests * LATENCY_MS) / PARALLELISM;
    const slowMs = median(slow.map((r) => r.wallMs));
    const zeroMs = median(zero.map((r) => r.wallMs));
    const engineOnlyMs = median(engineOnly);
    const spanMs = median(slow.map((r) => r.callSpanMs));
    const outsideMs = median(slow.map((r) => r.beforeFirstCallMs + r.afterLastCallMs));
    const peakMiB = Math.max(...slow.map((r) => r.providerPeakKiB), ...zero.map((r) => r.providerPeakKiB)) / 1024;
    const perResource = requests / NUMBERS;
    const result = {
      benchmark: 'refresh-at-scale',
      date: new Date().toISOString(),
      engine: `${tofu.name} ${tofu.version}`,
      numbers: NUMBERS,
      latencyMs: LATENCY_MS,
      parallelism: PARALLELISM,
      rounds: ROUNDS,
      requestsPerPlan: requests,
      requestsPerResource: perResource,
      floorMs,
      planMs: slowMs,
      planZeroLatencyMs: zeroMs,
      engineOnlyPlanMs: engineOnlyMs,
      requestSpanMs: spanMs,
      outsideRequestsMs: outsideMs,
      ratioToFloor: slowMs / floorMs,
      requestSpanToFloor: spanMs / floorMs,
      ratioToFloorPlusEngineOnly: slowMs / (floorMs + engineOnlyMs),
      providerPeakMiB: peakMiB,
      providersPerPlan: median(slow.map((r) => r.providers)),
      providerCpuMs: median(slow.map((r) => r.providerCpuMs)),
      engineCpuMs: median(slow.map((r) => r.engineCpuMs)),
      writesDuringPlans: [...zero, ...slow].reduce((n, r) => n + r.posts, 0),
      setupApplyMs: apply.wallMs,
      setupApplyWrites: applyWrites,
      runs: { zero, slow, engineOnly },
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    writeJson(cli.json, result);
    const command = `node scripts/run-ts.mjs bench/refresh-at-scale.ts --numbers ${NUMBERS} --rounds ${ROUNDS}`;
    const s1 = (n: number): string => `${(n / 1000).toFixed(2)} s`;
    const body = `
- Date: ${today()}; machine: ${machineNotes()}; engine: OpenTofu ${tofu.version}
- Command: \`${command}\` (part of \`npm run bench\`)
- Set-up: ${NUMBERS} registered numbers seeded (half storage enabled in BR, half disabled), all converged; \`tofu apply\` brings them into state at 0 ms latency (${s1(apply.wallMs)}, ${applyWrites} writes). \`for_each = local.numbers\` over a JSON file.
- Measured: \`tofu plan -detailed-exitcode\` (exit 0, no changes; default \`-parallelism=10\`); ${ROUNDS} rounds, each: engine-only plan, plan at 0 ms, plan at ${LATENCY_MS} ms; medians. The emulator is its own process.

| figure | value | target |
|---|---|---|
| Graph requests per plan | ${requests} (**${perResource.toFixed(2)} per resource**, all GET; ${result.writesDuringPlans} writes in all plans) | <= 2 per resource |
| floor = requests x ${LATENCY_MS} ms / ${PARALLELISM} | ${s1(floorMs)} | |
| plan at ${LATENCY_MS} ms latency, exec to exit | ${s1(slowMs)} = **${result.ratioToFloor.toFixed(2)}x the floor** | <= 1.3x |
| ... of which first request to last answer | ${s1(spanMs)} = **${result.requestSpanToFloor.toFixed(2)}x the floor** | |
| ... of which before the first / after the last request (engine start, state, provider start, schema) | ${s1(outsideMs)} | |
| plan at 0 ms latency | ${s1(zeroMs)} | |
| the engine alone: same plan over ${NUMBERS} built-in \`terraform_data\` | ${s1(engineOnlyMs)} | |
| plan at ${LATENCY_MS} ms / (floor + engine alone) | ${result.ratioToFloorPlusEngineOnly.toFixed(2)} | |
| CPU during the ${LATENCY_MS} ms plan: engine / all provider processes | ${s1(result.engineCpuMs)} / ${s1(result.providerCpuMs)} | |
| provider peak memory (VmHWM of the largest provider process) | **${peakMiB.toFixed(1)} MiB** (${result.providersPerPlan} provider processes per plan) | <= 200 MB |

What bounds it: the floor counts only waiting. On top of it the engine spends, per command,
start-up, state decoding and graph building before its first ReadResource, and per resource
a graph walk and plan step that hold one of its ${PARALLELISM} slots; the \`terraform_data\` row is that
cost with no provider at all. On this 2-core machine the engine, ${result.providersPerPlan} provider
processes and the emulator share the cores, so CPU spent per resource lengthens each slot's
turn. The time before the first request and after the last
(${s1(outsideMs)}: engine start, state, provider start-up, schema, configure, state write) cannot
overlap the requests: requests at exactly the floor would give
(floor + that) / floor = ${((floorMs + outsideMs) / floorMs).toFixed(2)}x. The request span itself
(first request to last answer) was ${result.requestSpanToFloor.toFixed(2)}x the floor. Our share: the provider processes' CPU
above, their start-up (${result.providersPerPlan} per plan, each now compiling a 12 KiB handshake file
instead of 1 MB, see Provider start-up) and the HTTP client's per-request work (two keep-alive
GETs per read). Not tried, because they change behaviour: caching reads between RPCs (a
refresh must read the truth), one combined GET (Graph has no documented field for the
storage settings on the phone-number node), or a larger socket pool (16 per provider; the
emulator serialises per number, so it would not show here).

Concurrent reads: the provider's read sends its two GETs (\`/{id}?fields=...\` and
\`/{id}/settings\`) at once. The emulator spends its added latency as network time, before a
call joins its number's queue (docs/emulator.md), so the two GETs overlap in transit as they
would against Graph and a read waits about ${LATENCY_MS} ms, not 2 x ${LATENCY_MS} ms. The floor above
still counts every request (the issue's formula); counting waits instead it would be
${s1(floorMs / 2)}. With waiting this cheap, the plan is bound by CPU: compare the 0 ms row, where
the engine, the provider processes and the emulator share the 2 cores.

Profiled on 2026-11-25 (\`node --cpu-prof\` through a \`node\` wrapper first on PATH, since the
engine starts the provider through its shebang): one of the provider processes does all the
refresh work, about 2.3-2.7 s of CPU for 1,000 resources, spread with no single hotspot over
axios request set-up (config merging and dispatch, about 0.2 ms a request), Node's HTTP/1.1
socket writes, the HTTP/2 gRPC server and garbage collection; our own code (decoding, planning,
state building) is a small share. Dropping axios for raw \`http\` would save some of it; we keep
the well-kept client.
`;
    if (cli.write) writeSection('Refresh at scale', body);
    else process.stdout.write(body);
  } finally {
    ws.dispose();
    bare.dispose();
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
