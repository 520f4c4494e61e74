/**
 * Soak: 1,000 registered numbers moved to local storage while 5% of all Graph
 * calls fail with a transient error (code 2, HTTP 500). Counts numbers lost
 * (left unregistered) and numbers not converged, after the first apply and
 * after re-applies. Not a test: prints a result line for docs/reliability.md.
 *
 *   npm run build && node scripts/run-ts.mjs bench/soak.ts
 *
 * Options (env): SOAK_NUMBERS (default 1000), SOAK_RATE (0.05), SOAK_SEED (7),
 * SOAK_MODE `tofu` (default: one real OpenTofu apply of SOAK_NUMBERS resources,
 * -parallelism=SOAK_PARALLELISM, default 10) or `engine` (the engine library,
 * SOAK_PARALLELISM converges at a time).
 */
import {
  defaultSeed,
  generatedPhoneNumberId,
  generatedSeed,
  startEmulator,
  type EmulatorSeed,
  type RunningEmulator,
} from '../src/emulator';
import { BenchWorkspace } from './engine-run';
import { engine } from './lib';
import { LocalStorageEngine } from '../src/engine/engine';
import { SUPPORTED_REGIONS } from '../src/engine/regions';
import { FIRST_SETTINGS_VERSION } from '../src/cloud-api/api-version';

const NUMBERS = Number(process.env.SOAK_NUMBERS ?? 1000);
const RATE = Number(process.env.SOAK_RATE ?? 0.05);
const SEED = Number(process.env.SOAK_SEED ?? 7);
const MODE = process.env.SOAK_MODE ?? 'tofu';
const PARALLELISM = Number(process.env.SOAK_PARALLELISM ?? 10);
const TOKEN = 'soak-token-0123456789';
const PIN = '482915';
const WABA = '102290129340398';

const idOf = generatedPhoneNumberId;
const regionOf = (i: number) => SUPPORTED_REGIONS[i % SUPPORTED_REGIONS.length].code;

function seed(): EmulatorSeed {
  const s = generatedSeed(NUMBERS, { token: TOKEN, pin: PIN, wabaId: WABA, label: 'Soak', base: defaultSeed() });
  s.options = { ...(s.options ?? {}), call_log_limit: 1_000_000 };
  return s;
}

interface Tally {
  offline: number;
  notConverged: number;
}

async function tally(emu: RunningEmulator): Promise<Tally> {
  const numbers = (await emu.admin.state()).phone_numbers.filter((n) => n.id.startsWith('2000000'));
  if (numbers.length !== NUMBERS) throw new Error(`expected ${NUMBERS} soak numbers, the emulator has ${numbers.length}`);
  let offline = 0;
  let notConverged = 0;
  for (const n of numbers) {
    const i = Number(n.id.slice(7));
    if (!n.registered) offline++;
    if (!n.registered || n.storage_configuration.data_localization_region !== regionOf(i)) notConverged++;
  }
  return { offline, notConverged };
}

/** One engine pass over every number; returns how many converge() calls failed. */
async function enginePass(emu: RunningEmulator): Promise<number> {
  const engine = new LocalStorageEngine({
    accessToken: TOKEN,
    baseUrl: emu.url,
    timeoutMs: 5000,
    maxRetries: 3,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
  });
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < NUMBERS) {
      const i = next++;
      const result = await engine.converge(idOf(i), { region: regionOf(i) as never }, { pin: PIN });
      if (!result.ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: PARALLELISM }, worker));
  engine.close();
  return failed;
}

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, seed: seed(), quiet: true });
  let ws: BenchWorkspace | undefined;
  const started = Date.now();
  try {
    await emu.admin.setRandomFaults({ rate: RATE, seed: SEED });
    let applyOnce: () => Promise<string>;
    if (MODE === 'tofu') {
      // Same install as the other benchmarks: a snapshot of dist/mirror through a CLI config.
      ws = new BenchWorkspace(engine('tofu'), { TF_VAR_pin: PIN, WHATSAPP_ACCESS_TOKEN: TOKEN });
      const tofu = ws.engine;
      let hcl = `terraform {\n  required_providers {\n    whatsapp = { source = "registry.terraform.io/waba/whatsapp" }\n  }\n}\nvariable "pin" {\n  type = string\n  sensitive = true\n}\nprovider "whatsapp" {\n  base_url = "${emu.url}"\n  api_version = "${FIRST_SETTINGS_VERSION}"\n  request_timeout_seconds = 10\n}\n`;
      for (let i = 0; i < NUMBERS; i++)
        hcl += `resource "whatsapp_local_storage" "n${i}" {\n  phone_number_id = "${idOf(i)}"\n  data_localization_region = "${regionOf(i)}"\n  pin = var.pin\n}\n`;
      ws.write('main.tf', hcl);
      await ws.expect(['init']);
      const workspace = ws;
      applyOnce = async () => `exit ${(await workspace.run(['apply', '-auto-approve', `-parallelism=${PARALLELISM}`])).code}`;
      console.log(`soak: OpenTofu ${tofu.version}, ${NUMBERS} resources, -parallelism=${PARALLELISM}, fault rate ${RATE}, seed ${SEED}`);
    } else {
      applyOnce = async () => `${await enginePass(emu)} converge() failures`;
      console.log(`soak: engine library, ${NUMBERS} numbers, ${PARALLELISM} at a time, fault rate ${RATE}, seed ${SEED}`);
    }

    const rounds: string[] = [];
    let t: Tally = { offline: NUMBERS, notConverged: NUMBERS };
    let maxOffline = 0;
    for (let round = 1; round <= 4 && t.notConverged > 0; round++) {
      const t0 = Date.now();
      const outcome = await applyOnce();
      t = await tally(emu);
      maxOffline = Math.max(maxOffline, t.offline);
      rounds.push(
        `apply ${round}: ${outcome}, ${t.offline} offline, ${t.notConverged} not converged, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      console.log(`soak: ${rounds[rounds.length - 1]}`);
    }
    const calls = await emu.admin.calls();
    const faults = calls.filter((c) => c.fault !== undefined).length;
    const registers = calls.filter((c) => c.method === 'POST' && c.endpoint === 'register').length;
    const deregisters = calls.filter((c) => c.method === 'POST' && c.endpoint === 'deregister').length;
    console.log(
      `soak result: ${NUMBERS} numbers, ${calls.length} Graph calls, ${faults} faults injected, ${deregisters} deregister / ${registers} register calls, ` +
        `numbers lost (offline at the end): ${t.offline}, left offline after any apply: ${maxOffline}, not converged: ${t.notConverged}, ` +
        `rounds: ${rounds.length}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (t.offline > 0 || t.notConverged > 0 || maxOffline > 0) process.exitCode = 1;
  } finally {
    await emu.close();
    ws?.dispose();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
