import { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeProviderInstallation } from '../install/cli-config-merge';
import { PROVIDER_ADDRESSES, defaultMirrorDir, packageVersion, writeJsMirror, writeJsDevOverride } from '../install/provider-mirror';

/** The package's dist/ folder, found from this (bundled) file's location. */
function distDir(): string {
  for (const candidate of [resolve(__dirname, '..'), resolve(__dirname, '..', '..', 'dist'), resolve(__dirname, '..', '..', '..', 'dist')]) {
    if (existsSync(join(candidate, 'bin', 'terraform-provider-whatsapp.js'))) return candidate;
  }
  throw new Error('the provider build (dist/bin) was not found: run `npm run build` in the whatsapp-local-storage package');
}

const list = (items: readonly string[]) => `[${items.map((a) => `"${a}"`).join(', ')}]`;

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
}

export function cliConfigCommand(): Command {
  return new Command('cli-config')
    .description(
      'Install this package\'s provider into a filesystem mirror (default ~/.cache/whatsapp-local-storage/mirror) and print the provider_installation block that uses it; point TF_CLI_CONFIG_FILE at the result, or --merge it into your CLI config',
    )
    .option('--dev', 'use dev_overrides (no init, for provider development) instead of a filesystem mirror', false)
    .option('--mirror-dir <dir>', 'where to write the filesystem mirror')
    .option('--merge <file>', 'merge the block into this CLI configuration file (created if missing) instead of printing it; other settings stay')
    .action((opts: CliConfigOptions) => {
      const dist = distDir();
      const version = packageVersion(dist);
      const base = resolve(opts.mirrorDir ?? defaultMirrorDir());
      const block = opts.dev
        ? providerInstallationBlock('dev', writeJsDevOverride({ binDir: join(dist, 'bin'), dir: join(base, 'dev', version) }))
        : providerInstallationBlock('mirror', writeJsMirror({ binDir: join(dist, 'bin'), mirrorDir: base, version }));
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
