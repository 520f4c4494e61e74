/**
 * Reading a whole WABA: every number of a 1,000-number WABA with its storage setting,
 * through the engine (what the whatsapp_phone_numbers data source and the list resource
 * call), against the emulator (its own process) with 20 ms added per Graph request.
 * The floor is requests x latency / the storage-read concurrency; the request count must
 * stay within 1 + ceil(N / page size) + N (listing pages plus one settings read per number).
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/waba-read.ts [--numbers 1000] [--rounds 3] [--latency 20] [--write] [--json FILE]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedSeed } from '../src/emulator';
import { LocalStorageEngine } from '../src/engine/engine';
import { DEFAULT_STORAGE_CONCURRENCY, WABA_PAGE_SIZE } from '../src/engine/waba-numbers';
import { benchArgs, machineNotes, median, startEmulatorProcess, today, writeJson, writeSection } from './lib';

const cli = benchArgs();
const NUMBERS = Number(cli.value('--numbers') ?? 1000);
const ROUNDS = Number(cli.value('--rounds') ?? 3);
const LATENCY_MS = Number(cli.value('--latency') ?? 20);
const TOKEN = 'bench-token';
const WABA = '300000000000001';

async function main(): Promise<void> {
  const load = loadavg()[0];
  const work = mkdtempSync(join(tmpdir(), 'waba-bench-'));
  const seed = generatedSeed(NUMBERS, {
    token: TOKEN,
    pin: '123456',
    wabaId: WABA,
    label: 'Bench',
    storage: (i) =>
      i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
  });
  const seedFile = join(work, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const emu = await startEmulatorProcess({ seedFile, latencyMs: LATENCY_MS });
  await emu.admin.setOptions({ call_log_limit: Math.max(10_000, NUMBERS * 3) });
  const engine = new LocalStorageEngine({ accessToken: TOKEN, baseUrl: emu.url, maxRetries: 0 });
  try {
    // One warm-up read (connections, JIT), not counted.
    await engine.wabaNumbers(WABA, { withStorage: true });
    const runs: { wallMs: number; requests: number; numbers: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await emu.admin.clearCalls();
      const started = process.hrtime.bigint();
      const numbers = await engine.wabaNumbers(WABA, { withStorage: true });
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const requests = (await emu.admin.calls()).length;
      if (numbers.length !== NUMBERS || numbers.some((n) => n.storage_status === undefined))
        throw new Error(`read ${numbers.length} numbers, expected ${NUMBERS} with storage`);
      runs.push({ wallMs, requests, numbers: numbers.length });
      process.stdout.write(`round ${r + 1}: ${wallMs.toFixed(0)} ms, ${requests} requests\n`);
    }
    const requests = Math.max(...runs.map((r) => r.requests));
    const bound = 1 + Math.ceil(NUMBERS / WABA_PAGE_SIZE) + NUMBERS;
    const floorMs = (requests * LATENCY_MS) / DEFAULT_STORAGE_CONCURRENCY;
    const wallMs = median(runs.map((r) => r.wallMs));
    const ratio = wallMs / floorMs;
    const result = {
      numbers: NUMBERS,
      latencyMs: LATENCY_MS,
      concurrency: DEFAULT_STORAGE_CONCURRENCY,
      pageSize: WABA_PAGE_SIZE,
      requests,
      requestBound: bound,
      floorMs,
      wallMs,
      ratioToFloor: ratio,
      runs,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    writeJson(cli.json, result);
    const ok = ratio <= 1.3 && requests <= bound;
    if (cli.write) {
      writeSection(
        'Reading a whole WABA',
        `
Measured ${today()} on ${machineNotes()}; 1-minute load average ${load.toFixed(1)} at the start (the machine was shared).

\`node scripts/run-ts.mjs bench/waba-read.ts --numbers ${NUMBERS} --rounds ${ROUNDS} --latency ${LATENCY_MS} --write\`

- What: every number of a ${NUMBERS}-number WABA with its storage setting, read through the engine
  (\`LocalStorageEngine.wabaNumbers\`, what \`data "whatsapp_phone_numbers"\` with \`include_storage = true\` and the list resource call),
  against the emulator in its own process with ${LATENCY_MS} ms added to every Graph request. Median of ${ROUNDS} rounds after one warm-up.
- How: listing pages of ${WABA_PAGE_SIZE} (the largest Graph serves), then one \`GET /{id}/settings\` per number, ${DEFAULT_STORAGE_CONCURRENCY} in flight;
  the next page is fetched while the current page's settings are read.

| | measured | target |
|---|---|---|
| requests | ${requests} | <= 1 + ceil(${NUMBERS}/${WABA_PAGE_SIZE}) + ${NUMBERS} = ${bound} |
| floor: requests x ${LATENCY_MS} ms / ${DEFAULT_STORAGE_CONCURRENCY} | ${(floorMs / 1000).toFixed(2)} s | |
| read, median | ${(wallMs / 1000).toFixed(2)} s = **${ratio.toFixed(2)}x the floor** | <= 1.3x |
| rounds | ${runs.map((r) => `${(r.wallMs / 1000).toFixed(2)} s`).join(', ')} | |
`,
      );
    }
    if (!ok) {
      process.stdout.write(`FAILED: ${ratio.toFixed(2)}x the floor (<= 1.3x), ${requests} requests (<= ${bound})\n`);
      process.exitCode = 1;
    }
  } finally {
    engine.close();
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
