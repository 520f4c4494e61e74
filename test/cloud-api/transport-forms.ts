/**
 * The Graph client as each form ships it, in a process of its own: test/cloud-api/transport-driver.ts
 * bundled the way the npm package's JS form bundles the client (esbuild with axiosStartup, run by
 * this Node) and the way the standalone provider does (scripts/release.mjs `singleFileBundle`, with
 * the fetch transport, run by the Bun runtime the linux_amd64 executable embeds).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { childOutput, envWithoutNetworkSettings } from '../child-output';
import type { CallOutcome, TransportJob } from './transport-driver';

const repoRoot = resolve(__dirname, '..', '..');

export interface TransportForm {
  name: string;
  command: string;
  bundle: string;
}

/**
 * Bundles the driver both ways into `dir` (and fetches the Bun runtime once, as the release does);
 * also the standalone provider's own bundle, as `provider-standalone.js`.
 */
export function buildForms(dir: string): TransportForm[] {
  const script = `
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { axiosStartup, compact } from './scripts/lib/bundle-plugins.mjs';
import { singleFileBundle } from './scripts/release.mjs';
import { bunBinary } from './scripts/lib/bun-binaries.mjs';
const esbuild = createRequire(import.meta.url)('esbuild');
const [dir, entry] = process.argv.slice(1);
await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', ...compact,
  plugins: [axiosStartup], outfile: dir + '/node-form.js', logLevel: 'warning' });
writeFileSync(dir + '/standalone-form.js', await singleFileBundle('provider', 'test/cloud-api/transport-driver.ts'));
writeFileSync(dir + '/provider-standalone.js', await singleFileBundle('provider'));
console.log(bunBinary('linux_amd64'));
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir, join(repoRoot, 'test/cloud-api/transport-driver.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bundling the transport driver failed:\n${r.stdout}\n${r.stderr}`);
  const bun = r.stdout.trim().split('\n').pop() ?? '';
  return [
    { name: 'JS form on Node', command: process.execPath, bundle: join(dir, 'node-form.js') },
    { name: 'standalone form on Bun', command: bun, bundle: join(dir, 'standalone-form.js') },
  ];
}

export interface FormRun {
  code: number;
  outcomes: CallOutcome[];
  stdout: string;
  stderr: string;
}

/** Runs `job` in `form` with only the proxy and certificate variables of `env` (none inherited). */
export async function runForm(form: TransportForm, job: TransportJob, token: string, env: Record<string, string> = {}): Promise<FormRun> {
  // Async: the servers the driver talks to live in the test's process.
  const { code, stdout, stderr } = await childOutput(form.command, [form.bundle], {
    env: { ...envWithoutNetworkSettings(), ...env, TRANSPORT_JOB: JSON.stringify(job), WHATSAPP_ACCESS_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let outcomes: CallOutcome[] = [];
  try {
    outcomes = JSON.parse(stdout) as CallOutcome[];
  } catch {
    // Left empty: the assertions on `outcomes` then show stdout and stderr.
  }
  return { code, outcomes, stdout, stderr };
}
