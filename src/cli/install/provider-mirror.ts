/**
 * The filesystem mirror of the JS provider (unpacked layout: HOST/waba/whatsapp/VERSION/TARGET/),
 * written from the package's dist/bin. The same bytes on every machine, so the `h1:` hash an
 * engine records in the lock file is the same for every user of one package version.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROVIDER_HOSTS = ['registry.terraform.io', 'registry.opentofu.org'] as const;
export const PROVIDER_ADDRESSES = PROVIDER_HOSTS.map((h) => `${h}/waba/whatsapp`);
export const MIN_NODE_MAJOR = 20;

/** The JS provider: its entry and the files it loads lazily (scripts/build.mjs), as dist/bin holds them. */
export const JS_PROVIDER_FILES = [
  'terraform-provider-whatsapp.js',
  'whatsapp-provider-runtime.js',
  'whatsapp-provider-engine.js',
  'whatsapp-provider-shared.js',
  'whatsapp-provider-tfplugin5.js',
  'whatsapp-provider-tfplugin6.js',
  'whatsapp-provider-plugin.js',
  'whatsapp-provider-answers.json',
] as const;

/**
 * Engines run the first file of a provider directory whose name starts with
 * `terraform-provider-<type>`; beside the launcher, the entry must not carry that prefix.
 */
const installedName = (file: string) => (file === 'terraform-provider-whatsapp.js' ? JS_ENTRY : file);
export const JS_ENTRY = 'whatsapp-provider-main.js';

/** Engine platform name of this machine, e.g. linux_amd64. */
export function enginePlatform(platform: string = process.platform, arch: string = process.arch): string {
  const a = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
  return `${platform === 'win32' ? 'windows' : platform}_${a}`;
}

/**
 * The executable engines start. A POSIX shell script, so a runner without Node.js gets a
 * sentence instead of the engine's "Failed to read any lines from plugin's stdout": the
 * line goes to stdout, which the engine quotes in its error. The JS entry checks the
 * Node.js version itself (src/provider/node-version.ts).
 */
export function jsLauncher(): string {
  return [
    '#!/bin/sh',
    `# terraform-provider-whatsapp, JS form: runs ${JS_ENTRY} beside it with Node.js.`,
    'if ! command -v node >/dev/null 2>&1; then',
    `  echo "terraform-provider-whatsapp needs Node.js ${MIN_NODE_MAJOR} or newer on PATH, and there is no 'node' command. Install Node.js ${MIN_NODE_MAJOR}+, or install the standalone provider executable, which needs no Node.js (docs/install.md)."`,
    '  exit 1',
    'fi',
    `exec node "\${0%/*}/${JS_ENTRY}" "$@"`,
    '',
  ].join('\n');
}

/** Default mirror location, outside any project: ~/.cache/whatsapp-local-storage/mirror. */
export function defaultMirrorDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'whatsapp-local-storage', 'mirror');
}

/** Writes (or refreshes) the JS provider of `version` for this platform into `mirrorDir`. */
export function writeJsMirror(options: { binDir: string; mirrorDir: string; version: string; platform?: string }): string {
  if (process.platform === 'win32') {
    throw new Error('the JS provider needs a POSIX shell: on Windows install the standalone provider executable (docs/install.md)');
  }
  for (const file of JS_PROVIDER_FILES) {
    if (!existsSync(join(options.binDir, file)))
      throw new Error(`${join(options.binDir, file)} is missing: run \`npm run build\` in the whatsapp-local-storage package`);
  }
  const mirrorDir = resolve(options.mirrorDir);
  const target = options.platform ?? enginePlatform();
  for (const host of PROVIDER_HOSTS) {
    const dir = join(mirrorDir, host, 'waba', 'whatsapp', options.version, target);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const launcher = join(dir, `terraform-provider-whatsapp_v${options.version}`);
    writeFileSync(launcher, jsLauncher());
    chmodSync(launcher, 0o755);
    for (const file of JS_PROVIDER_FILES) copyFileSync(join(options.binDir, file), join(dir, installedName(file)));
  }
  return mirrorDir;
}

/** The package's version, from the package.json above dist/. */
export function packageVersion(distDir: string): string {
  return (JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** A dev_overrides directory: the launcher under the exact name engines look for, and the JS beside it. */
export function writeJsDevOverride(options: { binDir: string; dir: string }): string {
  const dir = resolve(options.dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'terraform-provider-whatsapp'), jsLauncher());
  chmodSync(join(dir, 'terraform-provider-whatsapp'), 0o755);
  for (const file of JS_PROVIDER_FILES) copyFileSync(join(options.binDir, file), join(dir, installedName(file)));
  return dir;
}
