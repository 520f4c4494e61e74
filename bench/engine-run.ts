/**
 * Runs a real engine (OpenTofu/Terraform) in a throwaway workspace that installs the
 * provider from dist/mirror, timing each command and sampling the provider processes'
 * peak memory. The benchmarks' counterpart of test/e2e/harness.ts, with the child's pid.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sampleProviderMemory, type Engine } from './lib';
import { FIRST_SETTINGS_VERSION } from '../src/cloud-api/api-version';

export interface EngineRun {
  code: number;
  stdout: string;
  stderr: string;
  /** exec to exit, ms */
  wallMs: number;
  /** largest VmHWM among the provider processes this command started, KiB */
  providerPeakKiB: number;
  providers: number;
  /** CPU time of the provider processes together and of the engine process, ms */
  providerCpuMs: number;
  engineCpuMs: number;
}

let mirrorCopy: string | undefined;
/**
 * A private copy of dist/mirror, taken once per process: a rebuild while a benchmark runs
 * (other work on this machine) would otherwise change the installed provider under the
 * engine, which then refuses it (lock file checksum mismatch).
 */
export function mirrorSnapshot(): string {
  if (mirrorCopy) return mirrorCopy;
  const source = join(repoRoot, 'dist', 'mirror');
  if (!existsSync(source)) throw new Error('dist/mirror is missing: run node scripts/build.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'wls-bench-mirror-'));
  cpSync(source, dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (mirrorCopy = dir);
}

export class BenchWorkspace {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  /**
   * `mirror`: another filesystem mirror serving `sources` (default: a snapshot of
   * dist/mirror serving waba/whatsapp).
   */
  constructor(
    readonly engine: Engine,
    env: Record<string, string> = {},
    install: { mirror?: string; sources?: string[] } = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `wls-bench-${engine.name}-`));
    const cliConfig = join(this.dir, 'cli.tfrc');
    const hosts = install.sources ?? ['registry.terraform.io/waba/whatsapp', 'registry.opentofu.org/waba/whatsapp'];
    writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${install.mirror ?? mirrorSnapshot()}"\n    include = [${hosts.map((h) => `"${h}"`).join(', ')}]\n  }\n}\n`,
    );
    this.env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...env };
    for (const key of ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_BASE_URL', 'WHATSAPP_API_VERSION', 'TF_LOG', 'TF_LOG_PROVIDER']) {
      if (!(key in env)) delete this.env[key];
    }
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  run(args: string[]): Promise<EngineRun> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(this.engine.path, [...args, '-no-color'], { cwd: this.dir, env: this.env });
      const stopSampling = sampleProviderMemory(child.pid!);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const wallMs = performance.now() - started;
        const mem = stopSampling();
        resolve({
          code: code ?? -1,
          stdout,
          stderr,
          wallMs,
          providerPeakKiB: mem.peakKiB,
          providers: mem.providers,
          providerCpuMs: mem.providerCpuMs,
          engineCpuMs: mem.engineCpuMs,
        });
      });
    });
  }

  async expect(args: string[], expectedCode = 0): Promise<EngineRun> {
    const r = await this.run(args);
    if (r.code !== expectedCode) {
      throw new Error(
        `${this.engine.name} ${args.join(' ')} exited ${r.code}, expected ${expectedCode}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`,
      );
    }
    return r;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The provider block every benchmark configuration starts with. */
export function providerBlock(
  baseUrl: string,
  token: string,
  apiVersion = FIRST_SETTINGS_VERSION,
  source = 'registry.terraform.io/waba/whatsapp',
): string {
  return `terraform {
  required_providers {
    whatsapp = {
      source = "${source}"
    }
  }
}

provider "whatsapp" {
  base_url     = "${baseUrl}"
  access_token = "${token}"
  api_version  = "${apiVersion}"
}
`;
}
