// Provides HashiCorp's tfplugindocs (github.com/hashicorp/terraform-plugin-docs), the tool
// registry providers use to generate and validate docs/. Built once from the Go module
// proxy into the cache the engines use (~/.cache/whatsapp-local-storage/tools/), so
// every clone and CI run on this machine reuses it.
//   node scripts/setup-tfplugindocs.mjs    prints the binary's path
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log } from './lib/run.mjs';
import { withCacheLock } from './lib/cache-lock.mjs';
import { cacheDir, goInstall } from './lib/go-tools.mjs';

export const TFPLUGINDOCS = { version: '0.25.0', module: 'github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs' };

const cacheRoot = cacheDir('tools', process.env.WHATSAPP_LS_TOOL_CACHE);

function runs(binary) {
  return spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30000 }).status === 0;
}

const withLock = (fn) => withCacheLock(cacheRoot, '.tfplugindocs.lock', 'tfplugindocs', fn);

/** The path of a runnable tfplugindocs of TFPLUGINDOCS.version, built first when the cache lacks it. */
export async function ensureTfplugindocs() {
  const dir = join(cacheRoot, `tfplugindocs-${TFPLUGINDOCS.version}`);
  const binary = join(dir, 'tfplugindocs');
  if (existsSync(binary) && runs(binary)) return binary;
  return withLock(async () => {
    if (existsSync(binary) && runs(binary)) return binary;
    log(`tfplugindocs: building ${TFPLUGINDOCS.version} from the Go module proxy (first time only, a few minutes)`);
    mkdirSync(dir, { recursive: true });
    await goInstall(`${TFPLUGINDOCS.module}@v${TFPLUGINDOCS.version}`, dir);
    chmodSync(binary, 0o755);
    if (!runs(binary)) throw new Error(`${binary} was built but does not run`);
    return binary;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureTfplugindocs().then(
    (binary) => console.log(binary),
    (error) => {
      log(`tfplugindocs setup failed: ${error.message}`);
      process.exit(1);
    },
  );
}
