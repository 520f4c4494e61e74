import { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeProviderInstallation } from '../install/cli-config-merge';
import { PROVIDER_ADDRESSES, defaultMirrorDir, packageVersion, writeJsMirror, writeJsDevOverride } from '../install/provider-mirror';
import { parseProviderZip, providerZipsIn, writeZipMirror, type ProviderZip } from '../install/provider-zip-mirror';

/**
 * The package's dist/ folder, found from this (bundled) file's location; undefined in the
 * standalone CLI, whose directory (`__dirname` there) is the executable's and holds no JS provider.
 */
function findDistDir(): string | undefined {
  for (const candidate of [
    resolve(__dirname, '..'),
    resolve(__dirname, '..', '..', 'dist'),
    resolve(__dirname, '..', '..', '..', 'dist'),
  ]) {
    if (existsSync(join(candidate, 'bin', 'terraform-provider-whatsapp.js'))) return candidate;
  }
  return undefined;
}

const NO_PROVIDER =
  'no provider to install: this whatsapp-local-storage carries none beside it (the standalone CLI does not hold the provider). ' +
  "Put the release's terraform-provider-whatsapp_<version>_<os>_<arch>.zip beside the executable or give --provider-zip PATH, " +
  'or point engines at a network mirror with --network-mirror URL; with the npm package, run `npm run build` first (docs/install.md)';

const list = (items: readonly string[]) => `[${items.map((a) => `"${a}"`).join(', ')}]`;

/** The provider_installation block for a provider network mirror (the release's mirror/ served over HTTPS). */
export function networkMirrorBlock(url: string): string {
  const direct = `  direct {\n    exclude = ${list(PROVIDER_ADDRESSES)}\n  }\n`;
  return `provider_installation {\n  network_mirror {\n    url     = "${url}"\n    include = ${list(PROVIDER_ADDRESSES)}\n  }\n${direct}}\n`;
}

/** A network mirror's base URL as engines require it: https, ending in a slash. */
export function networkMirrorUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--network-mirror ${value}: not a URL; give the mirror's base, e.g. https://mirror.example.com/mirror/`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`--network-mirror ${value}: engines fetch network mirrors over HTTPS only; give an https:// URL`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The provider_installation block for a mirror directory (filesystem) or a dev override directory. */
export function providerInstallationBlock(mode: 'mirror' | 'dev', dir: string): string {
  if (mode === 'dev') {
    const lines = PROVIDER_ADDRESSES.map((a) => `    "${a}" = "${dir}"`).join('\n');
    return `provider_installation {\n  dev_overrides {\n${lines}\n  }\n  direct {}\n}\n`;
  }
  return `provider_installation {\n  filesystem_mirror {\n    path    = "${dir}"\n    include = ${list(PROVIDER_ADDRESSES)}\n  }\n  direct {\n    exclude = ${list(PROVIDER_ADDRESSES)}\n  }\n}\n`;
}

interface CliConfigOptions {
  dev: boolean;
  mirrorDir?: string;
  merge?: string;
  providerZip?: string[];
  networkMirror?: string;
}

/** Writes what the options ask for and returns the provider_installation block that uses it. */
function installationBlock(opts: CliConfigOptions): string {
  const base = resolve(opts.mirrorDir ?? defaultMirrorDir());
  if (opts.networkMirror !== undefined) {
    if (opts.dev || opts.providerZip || opts.mirrorDir) {
      throw new Error('--network-mirror writes no files: give it without --dev, --provider-zip or --mirror-dir');
    }
    return networkMirrorBlock(networkMirrorUrl(opts.networkMirror));
  }
  if (opts.providerZip) {
    if (opts.dev) throw new Error('--dev runs the JS provider of the npm package; with --provider-zip leave --dev out');
    return providerInstallationBlock('mirror', writeZipMirror(opts.providerZip.map(parseProviderZip), base));
  }
  const dist = findDistDir();
  if (dist) {
    const version = packageVersion(dist);
    return opts.dev
      ? providerInstallationBlock('dev', writeJsDevOverride({ binDir: join(dist, 'bin'), dir: join(base, 'dev', version) }))
      : providerInstallationBlock('mirror', writeJsMirror({ binDir: join(dist, 'bin'), mirrorDir: base, version }));
  }
  const beside: ProviderZip[] = opts.dev ? [] : providerZipsIn(__dirname);
  if (!beside.length) throw new Error(NO_PROVIDER);
  return providerInstallationBlock('mirror', writeZipMirror(beside, base));
}

export function cliConfigCommand(): Command {
  return new Command('cli-config')
    .description(
      'Install the provider into a filesystem mirror (default ~/.cache/whatsapp-local-storage/mirror) and print the ' +
        'provider_installation ' +
        'block that uses it; point TF_CLI_CONFIG_FILE at the result, or --merge it into your CLI config. The provider is the npm ' +
        "package's JS one, or the standalone one from release zips (--provider-zip, or the zips beside the standalone CLI)",
    )
    .option('--dev', 'use dev_overrides (no init, for provider development) instead of a filesystem mirror', false)
    .option('--mirror-dir <dir>', 'where to write the filesystem mirror')
    .option(
      '--provider-zip <zip>',
      'a release zip of the standalone provider to mirror (repeat for more platforms)',
      (v: string, all?: string[]) => [...(all ?? []), v],
    )
    .option('--network-mirror <url>', "use this provider network mirror (the release's mirror/ served over HTTPS) instead of writing files")
    .option(
      '--merge <file>',
      'merge the block into this CLI configuration file (created if missing) instead of printing it; other settings stay',
    )
    .action((opts: CliConfigOptions) => {
      const block = installationBlock(opts);
      if (!opts.merge) {
        process.stdout.write(block);
        return;
      }
      const file = resolve(opts.merge);
      const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
      writeFileSync(file, mergeProviderInstallation(before, block, PROVIDER_ADDRESSES));
      process.stderr.write(`whatsapp-local-storage: merged the provider_installation block into ${file}\n`);
    });
}
