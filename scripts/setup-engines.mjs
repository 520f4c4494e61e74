// Provides the engines the end-to-end tests and the demo drive:
//   OpenTofu 1.12.x and Terraform 1.5.7.
// A matching `tofu`/`terraform` on PATH is reused; otherwise each is built from
// the Go module proxy into a cache outside the clone (default
// ~/.cache/whatsapp-local-storage/engines/<name>-<version>/), so every clone and
// CI run on this machine reuses it. Writes .tools/engines.json for the tests.
import { spawnSync } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';
import { withCacheLock } from './lib/cache-lock.mjs';
import { cacheDir, findOnPath, goInstall, runGo } from './lib/go-tools.mjs';

export const ENGINES = {
  tofu: { version: '1.12.6', accepts: /^1\.12\.\d+$/, module: 'github.com/opentofu/opentofu' },
  terraform: { version: '1.5.7', accepts: /^1\.5\.7$/, module: 'github.com/hashicorp/terraform' },
};

const cacheRoot = cacheDir('engines', process.env.WHATSAPP_LS_ENGINE_CACHE);

// Engines must not phone home or read the machine's CLI config while probed.
const engineEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1' };

function engineVersion(binary) {
  const out = spawnSync(binary, ['version', '-json'], { env: engineEnv, encoding: 'utf8', timeout: 60000 });
  if (out.status !== 0) return undefined;
  try {
    return JSON.parse(out.stdout).terraform_version;
  } catch {
    return undefined;
  }
}

async function build(name, spec, outDir) {
  const binary = join(outDir, name);
  const started = Date.now();
  const timer = setInterval(() => log(`  still building ${name} ${spec.version} (${Math.round((Date.now() - started) / 1000)}s)`), 30000);
  try {
    mkdirSync(outDir, { recursive: true });
    if (name === 'tofu') {
      // OpenTofu's go.mod has a replace directive, so `go install mod@v` refuses it:
      // build ./cmd/tofu inside a writable copy of the downloaded module.
      const info = JSON.parse(await runGo(['mod', 'download', '-json', `${spec.module}@v${spec.version}`]));
      const work = mkdtempSync(join(tmpdir(), 'opentofu-src-'));
      cpSync(info.Dir, work, { recursive: true });
      spawnSync('chmod', ['-R', 'u+w', work]);
      await runGo(['build', '-ldflags', '-X github.com/opentofu/opentofu/version.dev=no', '-o', binary, './cmd/tofu'], { cwd: work });
      rmSync(work, { recursive: true, force: true });
    } else {
      await goInstall(`${spec.module}@v${spec.version}`, outDir);
    }
  } finally {
    clearInterval(timer);
  }
  chmodSync(binary, 0o755);
  log(`built ${name} ${spec.version} in ${Math.round((Date.now() - started) / 1000)}s -> ${binary}`);
  return binary;
}

const withLock = (fn) => withCacheLock(cacheRoot, '.lock', 'engine', fn);

async function provide(name, spec) {
  const onPath = findOnPath(name);
  const pathVersion = onPath && engineVersion(onPath);
  if (pathVersion && spec.accepts.test(pathVersion)) {
    log(`${name}: using ${onPath} (${pathVersion}) from PATH`);
    return { path: onPath, version: pathVersion, source: 'PATH' };
  }
  const cached = join(cacheRoot, `${name}-${spec.version}`, name);
  const cachedVersion = existsSync(cached) && engineVersion(cached);
  if (cachedVersion) {
    log(`${name}: using cached ${cached} (${cachedVersion})`);
    return { path: cached, version: cachedVersion, source: 'cache' };
  }
  log(`${name}: building ${spec.version} from the Go module proxy (first time only, a few minutes)`);
  const binary = await build(name, spec, join(cacheRoot, `${name}-${spec.version}`));
  const version = engineVersion(binary);
  if (!version) throw new Error(`${binary} was built but does not run`);
  return { path: binary, version, source: 'built' };
}

async function main() {
  if (!findOnPath('go') && !findOnPath('tofu')) {
    throw new Error('neither Go nor tofu is on PATH: install Go (https://go.dev/dl) so the engines can be built');
  }
  const engines = await withLock(async () => {
    const [tofu, terraform] = await Promise.all([provide('tofu', ENGINES.tofu), provide('terraform', ENGINES.terraform)]);
    return { tofu, terraform };
  });
  // A Terraform on PATH whose version differs from the built ones is offered to the tests as an extra engine.
  const extra = findOnPath('terraform');
  const extraVersion = extra && extra !== engines.terraform.path ? engineVersion(extra) : undefined;
  if (extraVersion && extraVersion !== engines.terraform.version && extraVersion !== engines.tofu.version) {
    engines.extraTerraform = { path: extra, version: extraVersion, source: 'PATH' };
  } else {
    log(
      `extra engine: none (${extra ? `terraform on PATH is ${extraVersion ?? 'not runnable'}, same as a built engine` : 'no terraform on PATH'}); scenarios run with ${engines.tofu.version} and ${engines.terraform.version} only`,
    );
  }
  mkdirSync(join(repoRoot, '.tools'), { recursive: true });
  writeFileSync(join(repoRoot, '.tools', 'engines.json'), `${JSON.stringify(engines, null, 2)}\n`);
  log(
    `engines ready: ${Object.entries(engines)
      .map(([k, v]) => `${k} ${v.version}`)
      .join(', ')}`,
  );
}

main().catch((error) => {
  log(`engine setup failed: ${error.message}`);
  process.exit(1);
});
