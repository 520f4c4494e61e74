// Provides actionlint, which the GitOps template tests run over examples/gitops/.github/workflows.
// A matching `actionlint` on PATH is reused; otherwise it is built once from the Go module proxy
// into a cache outside the clone (default ~/.cache/whatsapp-local-storage/tools/actionlint-<version>/),
// beside the engines of scripts/setup-engines.mjs. Writes .tools/actionlint.json for the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, repoRoot } from './lib/run.mjs';
import { withCacheLock } from './lib/cache-lock.mjs';
import { cacheDir, findOnPath, goInstall } from './lib/go-tools.mjs';

export const ACTIONLINT = { version: '1.7.12', module: 'github.com/rhysd/actionlint/cmd/actionlint' };

const cacheRoot = cacheDir('tools', process.env.WHATSAPP_LS_TOOL_CACHE);

function versionOf(binary) {
  const out = spawnSync(binary, ['-version'], { encoding: 'utf8', timeout: 30000 });
  return out.status === 0 ? /^v?(\d+\.\d+\.\d+)/.exec(out.stdout.trim())?.[1] : undefined;
}

const withLock = (fn) => withCacheLock(cacheRoot, '.actionlint.lock', 'actionlint', fn);

async function provide() {
  const onPath = findOnPath('actionlint');
  if (onPath && versionOf(onPath) === ACTIONLINT.version) {
    log(`actionlint: using ${onPath} (${ACTIONLINT.version}) from PATH`);
    return { path: onPath, version: ACTIONLINT.version, source: 'PATH' };
  }
  const dir = join(cacheRoot, `actionlint-${ACTIONLINT.version}`);
  const cached = join(dir, 'actionlint');
  if (existsSync(cached) && versionOf(cached) === ACTIONLINT.version) {
    log(`actionlint: using cached ${cached}`);
    return { path: cached, version: ACTIONLINT.version, source: 'cache' };
  }
  if (!findOnPath('go')) throw new Error('actionlint is not cached and Go is not on PATH: install Go (https://go.dev/dl) to build it');
  log(`actionlint: building ${ACTIONLINT.version} from the Go module proxy (first time only)`);
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  await goInstall(`${ACTIONLINT.module}@v${ACTIONLINT.version}`, dir);
  const version = versionOf(cached);
  if (version !== ACTIONLINT.version) throw new Error(`${cached} was built but reports version ${version ?? 'nothing'}`);
  log(`built actionlint ${version} in ${Math.round((Date.now() - started) / 1000)}s -> ${cached}`);
  return { path: cached, version, source: 'built' };
}

async function main() {
  const actionlint = await withLock(provide);
  // actionlint runs shellcheck over `run:` scripts only when shellcheck is on PATH; say which.
  const shellcheck = findOnPath('shellcheck');
  actionlint.shellcheck = shellcheck ?? null;
  log(
    `actionlint ${actionlint.version} ready; shellcheck ${
      shellcheck ? `at ${shellcheck}: run: scripts are checked too` : 'not on PATH: run: scripts are not shell-checked'
    }`,
  );
  mkdirSync(join(repoRoot, '.tools'), { recursive: true });
  writeFileSync(join(repoRoot, '.tools', 'actionlint.json'), `${JSON.stringify(actionlint, null, 2)}\n`);
}

main().catch((error) => {
  log(`actionlint set-up failed: ${error.message}`);
  process.exit(1);
});
