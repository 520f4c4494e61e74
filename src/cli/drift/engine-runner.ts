/**
 * Finds and runs the Terraform-compatible engine a drift check uses:
 * --engine, else WHATSAPP_LS_ENGINE, else `tofu` then `terraform` on PATH,
 * else the engines `npm test`/`npm run demo` provisioned in .tools/engines.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, delimiter, join, resolve } from 'node:path';

export interface EngineCommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function provisioned(name: 'tofu' | 'terraform'): string | undefined {
  // Walk up from this file to the package root, where setup-engines writes .tools/.
  let dir = __dirname;
  for (let i = 0; i < 5; i += 1) {
    const file = join(dir, '.tools', 'engines.json');
    if (existsSync(file)) {
      const engines = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { path?: string }>;
      return engines[name]?.path;
    }
    dir = resolve(dir, '..');
  }
  return undefined;
}

export function resolveEngine(requested?: string): string {
  const wanted = requested ?? process.env.WHATSAPP_LS_ENGINE;
  if (wanted) {
    if (wanted.includes('/')) {
      if (!existsSync(wanted)) throw new Error(`engine ${wanted} does not exist (--engine / WHATSAPP_LS_ENGINE)`);
      return wanted;
    }
    const found = onPath(wanted) ?? (wanted === 'tofu' || wanted === 'terraform' ? provisioned(wanted) : undefined);
    if (!found) throw new Error(`engine "${wanted}" is not on PATH (--engine / WHATSAPP_LS_ENGINE): install it or pass its full path`);
    return found;
  }
  const found = onPath('tofu') ?? onPath('terraform') ?? provisioned('tofu') ?? provisioned('terraform');
  if (!found) throw new Error('no engine found: put tofu or terraform on PATH, or pass --engine PATH');
  return found;
}

/** Runs the engine; a process that cannot start is an error naming the engine and why (never a bare spawn ENOENT). */
export function runEngine(engine: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<EngineCommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(engine, args[0] === 'version' ? args : [...args, '-no-color'], {
      cwd,
      env: { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'ENOENT'
          ? existsSync(cwd)
            ? 'it does not exist'
            : `the directory ${cwd} does not exist`
          : error.code === 'EACCES'
            ? 'it is not executable'
            : error.message;
      reject(new Error(`could not run the engine ${engine}: ${why}`));
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}

export interface EngineIdentity {
  /** `tofu` or `terraform`; the file name for an engine that says neither. */
  name: string;
  version: string | null;
}

/** Which engine and version a path is (`OpenTofu v1.12.6`, `Terraform v1.5.7` on the first line of `version`). */
export async function identifyEngine(engine: string, cwd: string): Promise<EngineIdentity> {
  const result = await runEngine(engine, ['version'], cwd);
  const first = result.stdout.split('\n')[0] ?? '';
  const match = /^(OpenTofu|Terraform)\s+v(\S+)/.exec(first);
  if (match) return { name: match[1] === 'OpenTofu' ? 'tofu' : 'terraform', version: match[2] };
  if (result.code !== 0)
    throw new Error(
      `${engine} version exited ${result.code}: is it OpenTofu or Terraform? ${(result.stderr || result.stdout).trim().slice(0, 300)}`,
    );
  return { name: basename(engine), version: /v(\d+\.\d+\.\d+\S*)/.exec(first)?.[1] ?? null };
}
