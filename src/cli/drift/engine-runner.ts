/**
 * Finds and runs the Terraform-compatible engine a drift check uses:
 * --engine, else WHATSAPP_LS_ENGINE, else `tofu` then `terraform` on PATH,
 * else the engines `npm test`/`npm run demo` provisioned in .tools/engines.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

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

export function runEngine(engine: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<EngineCommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(engine, [...args, '-no-color'], {
      cwd,
      env: { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
  });
}
