/**
 * The GitOps layout as a team's repository, for the tests that run its pipelines: examples/gitops
 * copied as is, this package packed (`npm pack`) into vendor/ where package.json expects it, and
 * one file added, infra/backend_override.tf, which swaps the remote backend for a local state file
 * outside the checkout (so successive pipeline runs share state, as with the real backend).
 * Also: the emulator the pipelines talk to, its numbers, and the scenarios they are tested in.
 */
import axios from 'axios';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, repoRoot, requiredEngines } from '../e2e/harness';
import type { Engines } from './github-runner';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

export const LAYOUT = join(repoRoot, 'examples', 'gitops');
export const TOKEN = 'EAAgitopsSECRETtoken0123456789';
export const BAD_TOKEN = 'EAAgitopsREVOKEDtoken987654321';
export const PIN = '481516';
export const WABA = '102290129340398';
/** infra/main.tf's numbers: sales_br (in BR) and support (default storage). */
export const SALES_BR = '106540352242922';
export const SUPPORT = '106540352242923';

export function engines(): Engines {
  const [tofu, terraform] = requiredEngines();
  return { tofu, terraform };
}

/** `npm pack` of this repository's build into a fresh directory; returns the tarball's path. */
export function packTarball(into: string): string {
  const out = spawnSync('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', into], { cwd: repoRoot, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`npm pack failed:\n${out.stderr}`);
  return join(into, (JSON.parse(out.stdout) as Array<{ filename: string }>)[0].filename);
}

export type Scenario = 'in sync' | 'out-of-band change' | 'unapplied change' | 'bad token' | 'no state';
export const SCENARIOS: Scenario[] = ['in sync', 'out-of-band change', 'unapplied change', 'bad token', 'no state'];

/** One team repository and its state, in a temporary directory. */
export class TeamRepository {
  readonly root = mkdtempSync(join(tmpdir(), 'wls-gitops-repo-'));
  readonly dir = join(this.root, 'repo');
  readonly stateFile = join(this.root, 'state', 'terraform.tfstate');

  constructor(tarball: string) {
    cpSync(LAYOUT, this.dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.terraform)$/.test(src) });
    cpSync(tarball, join(this.dir, 'vendor', tarball.split('/').pop()!));
    mkdirSync(join(this.root, 'state'));
    writeFileSync(
      join(this.dir, 'infra', 'backend_override.tf'),
      `terraform {\n  backend "local" {\n    path = "${this.stateFile}"\n  }\n}\n`,
    );
  }

  /** A commit that moves the sales line to Germany (merged or proposed, not applied yet). */
  moveSalesToGermany(): void {
    const file = join(this.dir, 'infra', 'main.tf');
    const before = readFileSync(file, 'utf8');
    const after = before.replace('data_localization_region = "BR"', 'data_localization_region = "DE"');
    if (after === before) throw new Error('infra/main.tf no longer declares sales_br in BR: update the test');
    writeFileSync(file, after);
  }

  /** Starts from a state file another repository's apply left (the same configuration, the same numbers). */
  useState(stateFile: string): void {
    cpSync(stateFile, this.stateFile);
  }

  hasState(): boolean {
    return existsSync(this.stateFile);
  }

  /** The state's resources as `address -> region/mode`. */
  stateSummary(): Record<string, string> {
    const state = JSON.parse(readFileSync(this.stateFile, 'utf8')) as {
      resources: Array<{ type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
    };
    return Object.fromEntries(
      state.resources
        .filter((r) => r.type === 'whatsapp_local_storage')
        .map((r) => {
          const a = r.instances[0].attributes;
          return [`${r.type}.${r.name}`, String(a.data_localization_region ?? a.storage_mode)];
        }),
    );
  }

  /**
   * Applies the repository's infra/ as it stands, outside any pipeline, with the provider from this
   * build's mirror: the state an earlier merge left behind.
   */
  async applyOutsidePipelines(emulator: RunningEmulator): Promise<void> {
    const ws = new EngineWorkspace(
      { name: 'tofu', ...engines().tofu },
      {
        env: { WHATSAPP_ACCESS_TOKEN: TOKEN, WHATSAPP_BASE_URL: emulator.url, TF_VAR_pin: PIN },
      },
    );
    try {
      for (const f of ['main.tf', 'backend.tf', 'backend_override.tf']) ws.write(f, readFileSync(join(this.dir, 'infra', f), 'utf8'));
      await ws.expect(['init', '-input=false']);
      await ws.expect(['apply', '-auto-approve', '-input=false']);
    } finally {
      ws.dispose();
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The emulator: the token sees the WABA; sales_br is already in BR, support in default storage. */
export async function startGitopsEmulator(): Promise<RunningEmulator> {
  const seed = defaultSeed();
  seed.tokens[TOKEN] = { wabas: [WABA] };
  for (const n of seed.phone_numbers) {
    n.pin = PIN;
    if (n.id === SALES_BR) n.storage_configuration = { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' };
  }
  return startEmulator({ seed, quiet: true });
}

/** Someone moves the sales line to Switzerland by hand, through the Graph API. */
export async function changeByHand(emulator: RunningEmulator): Promise<void> {
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const base = `${emulator.url}/${FIRST_SETTINGS_VERSION}/${SALES_BR}`;
  await axios.post(`${base}/deregister`, {}, { headers, proxy: false });
  await axios.post(
    `${base}/settings`,
    { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'CH' } },
    { headers, proxy: false },
  );
  await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: PIN }, { headers, proxy: false });
}

/** Where the emulator keeps the sales line now: a region, or DEFAULT. */
export async function salesRegion(emulator: RunningEmulator): Promise<string> {
  const state = await emulator.admin.state();
  const n = state.phone_numbers.find((p) => p.id === SALES_BR)!;
  return n.storage_configuration.data_localization_region ?? 'DEFAULT';
}

/**
 * The state infra/ leaves once applied to the emulator's numbers: applied once per test file by
 * the engine itself, outside any pipeline, then copied into each scenario's repository.
 */
export async function appliedState(tarball: string, emulator: RunningEmulator, into: string): Promise<string> {
  const repo = new TeamRepository(tarball);
  try {
    await emulator.admin.reset();
    await repo.applyOutsidePipelines(emulator);
    const file = join(into, 'applied.tfstate');
    cpSync(repo.stateFile, file);
    return file;
  } finally {
    repo.dispose();
  }
}

/**
 * Puts the repository, its state and the emulator in a scenario: `in sync` (applied, nothing
 * changed since), `out-of-band change` (applied, then the sales line moved by hand),
 * `unapplied change` (applied, then a commit moves it in infra/), `bad token` (applied; the
 * pipeline's token is then revoked: the caller runs with BAD_TOKEN), `no state` (never applied).
 * `applied` is the state of appliedState(); the emulator's seed already holds what it records.
 */
export async function arrange(
  scenario: Scenario,
  repo: TeamRepository,
  emulator: RunningEmulator,
  applied: string,
): Promise<{ token: string }> {
  await emulator.admin.reset();
  if (scenario !== 'no state') repo.useState(applied);
  if (scenario === 'out-of-band change') await changeByHand(emulator);
  if (scenario === 'unapplied change') repo.moveSalesToGermany();
  await emulator.admin.clearCalls();
  return { token: scenario === 'bad token' ? BAD_TOKEN : TOKEN };
}

/** Graph writes (POSTs) the emulator received since the scenario was arranged. */
export async function graphWrites(emulator: RunningEmulator): Promise<string[]> {
  return (await emulator.admin.calls()).filter((c) => c.method === 'POST').map((c) => `${c.phoneNumberId ?? ''} ${c.endpoint}`);
}
