/**
 * Drives a real engine (OpenTofu or Terraform, provided by scripts/setup-engines.mjs)
 * against our provider build and an emulator, in a throwaway working directory.
 * The provider is installed from dist/mirror through a filesystem mirror, so
 * `init` behaves as it does with a registry release (lock file included).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

export const repoRoot = resolve(__dirname, '..', '..');

export interface EngineInfo {
  name: 'tofu' | 'terraform';
  path: string;
  version: string;
}

/** The engines the e2e suites must run under; a missing engine fails the suite (never skips). */
export function requiredEngines(): EngineInfo[] {
  const file = join(repoRoot, '.tools', 'engines.json');
  if (!existsSync(file)) throw new Error('.tools/engines.json is missing: run `node scripts/setup-engines.mjs` (npm test does)');
  const engines = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { path: string; version: string }>;
  return [
    { name: 'tofu', ...engines.tofu },
    { name: 'terraform', ...engines.terraform },
  ];
}

/**
 * Every engine this machine has for end-to-end scenarios: the two built ones, plus a
 * Terraform on PATH whose version differs from them (scripts/setup-engines.mjs finds it
 * and says in its output when there is none). Scenarios run once per engine listed here.
 */
export function availableEngines(): EngineInfo[] {
  const file = join(repoRoot, '.tools', 'engines.json');
  const engines = requiredEngines();
  const extra = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { path: string; version: string } | undefined>).extraTerraform;
  if (extra && existsSync(extra.path)) engines.push({ name: 'terraform', path: extra.path, version: extra.version });
  return engines;
}

/** Whether an engine version is at least `major.minor` (import blocks with for_each: 1.7). */
export function versionAtLeast(engine: EngineInfo, major: number, minor: number): boolean {
  const [a, b] = engine.version.split('.').map((n) => parseInt(n, 10));
  return a > major || (a === major && b >= minor);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One resource instance of terraform.tfstate. */
export interface StateInstance {
  attributes: Record<string, unknown>;
  schema_version: number;
  /** The provider's private state, base64. */
  private?: string;
}

/** terraform.tfstate (and `state pull`): the fields the tests read or change. */
export interface EngineState {
  serial: number;
  resources: Array<{ type: string; name: string; mode: string; instances: StateInstance[] }>;
}

/** `output -json`, each output's value of the type the test declares. */
export type EngineOutputs<T> = { [K in keyof T]: { value: T[K]; sensitive: boolean } };

export interface WorkspaceOptions {
  /** Extra environment for every engine command (e.g. WHATSAPP_BASE_URL). */
  env?: Record<string, string>;
  /** Use dev_overrides instead of the filesystem mirror (no init needed). */
  devOverrides?: boolean;
}

export class EngineWorkspace {
  readonly dir: string;
  private readonly env: Record<string, string>;

  constructor(
    readonly engine: EngineInfo,
    options: WorkspaceOptions = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `wls-e2e-${engine.name}-`));
    const cliConfig = join(this.dir, 'cli.tfrc');
    const hosts = ['registry.terraform.io/waba/whatsapp', 'registry.opentofu.org/waba/whatsapp'];
    writeFileSync(
      cliConfig,
      options.devOverrides
        ? `provider_installation {\n  dev_overrides {\n${hosts.map((h) => `    "${h}" = "${join(repoRoot, 'dist', 'provider')}"`).join('\n')}\n  }\n  direct {}\n}\n`
        : `provider_installation {\n  filesystem_mirror {\n    path    = "${join(repoRoot, 'dist', 'mirror')}"\n    include = [${hosts.map((h) => `"${h}"`).join(', ')}]\n  }\n}\n`,
    );
    this.env = {
      ...(process.env as Record<string, string>),
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      ...options.env,
    };
    // The machine may export a token or URL; the workspace decides what the provider sees.
    for (const key of ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_BASE_URL', 'WHATSAPP_API_VERSION']) {
      if (!options.env || !(key in options.env)) delete this.env[key];
    }
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  remove(name: string): void {
    rmSync(join(this.dir, name), { force: true });
  }

  /** Runs the engine with -no-color; never throws on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const withNoColor = args.includes('-no-color') || args[0] === 'version' ? args : [...args, '-no-color'];
    return new Promise((resolvePromise, reject) => {
      const child = spawn(this.engine.path, withNoColor, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Runs and fails the test with the engine's output when the exit code is not the expected one. */
  async expect(args: string[], expectedCode = 0, extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== expectedCode) {
      throw new Error(
        `${this.engine.name} ${args.join(' ')} exited ${result.code}, expected ${expectedCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
      );
    }
    return result;
  }

  state(): EngineState {
    return JSON.parse(readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8')) as EngineState;
  }

  rawState(): string {
    return readFileSync(join(this.dir, 'terraform.tfstate'), 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The required_providers block every test configuration starts with, spelling the full source address. */
export const REQUIRED_PROVIDERS_HCL = `terraform {
  required_providers {
    whatsapp = {
      source = "registry.terraform.io/waba/whatsapp"
    }
  }
}
`;

/** Provider block + required_providers for a configuration, spelling the full source address. */
export function providerBlock(options: { baseUrl: string; token?: string; apiVersion?: string }): string {
  return `${REQUIRED_PROVIDERS_HCL}
provider "whatsapp" {
  base_url     = "${options.baseUrl}"
  access_token = "${options.token ?? 'demo-token'}"
  api_version  = "${options.apiVersion ?? FIRST_SETTINGS_VERSION}"
}
`;
}
