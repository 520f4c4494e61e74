/**
 * Size and start-up of each provider artifact, measured side by side in one run:
 * exec-to-handshake of the standalone executable (Bun compiled executable,
 * linux_amd64), of the JS form as engines start it from the filesystem mirror (the
 * launcher script, then `node` on the bundle), and of the JS bundle started by `node`
 * directly, against exec-to-exit of a bare `node -e 0`. Each is exec'd the way engines do
 * (magic cookie, protocols 5,6, PLUGIN_CLIENT_CERT for AutoMTLS). Rounds are interleaved;
 * medians compared.
 *
 *   node scripts/build.mjs --no-install --no-typecheck
 *   node scripts/run-ts.mjs bench/artifact-startup.ts [--runs 20] [--write] [--json FILE]
 *
 * Builds (or takes from ~/.cache/whatsapp-local-storage/standalone) the standalone
 * executables and a release in a temporary directory. --write replaces
 * "## Provider artifacts: size and start-up" in docs/performance.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAGIC_COOKIE_VALUE } from '../src/plugin/protocol/handshake';
import { newClientIdentity } from '../test/provider/harness';
import { parseJson } from '../test/json';
import { benchArgs, machineNotes, median, percentile, repoRoot, today, writeJson, writeSection } from './lib';
import { JS_PROVIDER_FILES } from '../src/cli/install/provider-mirror';

const cli = benchArgs();
const runs = Number(cli.value('--runs') ?? 0) || 20;
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'windows_amd64'];

/** Exec to the first stdout line (the handshake), or to exit when `untilExit`. */
function timeExec(command: string, args: string[], untilExit = false): Promise<number> {
  const socketDir = mkdtempSync(join(tmpdir(), 'wls-bench-sock-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_UNIX_SOCKET_DIR: socketDir,
    PLUGIN_CLIENT_CERT: identity.certPem,
  };
  const start = process.hrtime.bigint();
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      child.kill('SIGKILL');
      resolve(ms);
    };
    if (!untilExit)
      child.stdout.on('data', (d: Buffer) => {
        if (d.includes('|')) finish();
      });
    child.on('exit', () => {
      if (untilExit) finish();
      else if (!done) reject(new Error(`${command} exited before its handshake`));
      rmSync(socketDir, { recursive: true, force: true });
    });
    child.on('error', reject);
  });
}

const identity = newClientIdentity();

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'wls-bench-artifacts-'));
  try {
    const release = join(work, 'release');
    const made = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--out', release], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`scripts/release.mjs failed:\n${made.stderr}`);
    const standalone = JSON.parse(
      spawnSync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--standalone-only'], { encoding: 'utf8' }).stdout,
    ) as Record<string, string>;
    const { version } = parseJson<{ version: string }>(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const mirror = join(work, 'mirror');
    spawnSync(process.execPath, [join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js'), 'cli-config', '--mirror-dir', mirror], {
      encoding: 'utf8',
    });
    const launcher = join(
      mirror,
      'registry.terraform.io',
      'waba',
      'whatsapp',
      version,
      'linux_amd64',
      `terraform-provider-whatsapp_v${version}`,
    );
    const bundle = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');

    const cases: Array<{ name: string; run: () => Promise<number> }> = [
      { name: 'bare `node -e 0` (to exit)', run: () => timeExec(process.execPath, ['-e', '0'], true) },
      { name: 'standalone executable, linux_amd64', run: () => timeExec(standalone.linux_amd64, []) },
      { name: 'JS form from the mirror (launcher script + node)', run: () => timeExec(launcher, []) },
      { name: 'JS bundle, `node` started directly', run: () => timeExec(process.execPath, [bundle]) },
    ];
    for (const c of cases) await c.run(); // warm the file cache
    const times = cases.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) for (const [k, c] of cases.entries()) times[k].push(await c.run());
    const bare = median(times[0]);

    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    const zipOf = (p: string) => join(release, `terraform-provider-whatsapp_${version}_${p}.zip`);
    const jsFiles = JS_PROVIDER_FILES.map((f) => join(repoRoot, 'dist', 'bin', f));
    const jsBytes = jsFiles.reduce((n, f) => n + statSync(f).size, 0);
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: repoRoot, encoding: 'utf8' }).stdout;
    const [pack] = parseJson<{ size: number; unpackedSize: number }[]>(packed);
    const result = {
      benchmark: 'artifact-startup',
      date: new Date().toISOString(),
      runs,
      medianMs: Object.fromEntries(cases.map((c, k) => [c.name, median(times[k])])),
      sizes: Object.fromEntries(PLATFORMS.map((p) => [p, { executable: statSync(standalone[p]).size, zip: statSync(zipOf(p)).size }])),
      jsFormBytes: jsBytes,
      npmTarball: { size: pack.size, unpackedSize: pack.unpackedSize },
    };
    writeJson(cli.json, result);
    const rows = cases.map(
      (c, k) =>
        `| ${c.name} | ${median(times[k]).toFixed(1)} ms | ${percentile(times[k], 90).toFixed(1)} ms | ${(median(times[k]) / bare).toFixed(2)}x |`,
    );
    const sizeRows = PLATFORMS.map((p) => `| standalone ${p} | ${mib(statSync(standalone[p]).size)} | ${mib(statSync(zipOf(p)).size)} |`);
    const body = `
- Date: ${today()}; machine: ${machineNotes()}
- Command: \`node scripts/build.mjs --no-install --no-typecheck && node scripts/run-ts.mjs bench/artifact-startup.ts --runs ${runs} --write\`
- Standalone executables: Bun compiled executables with bytecode (scripts/release.mjs), the provider bundled as one file; JS form: dist/bin (Node.js ${process.versions.node} on PATH)
- ${runs} interleaved rounds; each exec'd as engines do (magic cookie, protocols 5,6, AutoMTLS client certificate)

| exec to handshake line | median | p90 | vs bare node |
|---|---|---|---|
${rows.join('\n')}

| artifact | size | release zip |
|---|---|---|
${sizeRows.join('\n')}
| JS form (the ${JS_PROVIDER_FILES.length} files of JS_PROVIDER_FILES in dist/bin, needs Node.js 20+) | ${mib(jsBytes)} | - |
| npm package | ${mib(pack.unpackedSize)} unpacked | ${mib(pack.size)} tarball |

The standalone executable is the Bun runtime of its platform from npm with the provider's
bundle and its bytecode embedded (the choice of runtime: docs/architecture.md). The JS form from the mirror pays for the
launcher script (a POSIX shell that checks for \`node\`) on top of \`node\` itself.
`;
    process.stdout.write(body);
    if (cli.write) writeSection('Provider artifacts: size and start-up', body);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
