import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ADDRESSES = ['registry.terraform.io/waba/whatsapp', 'registry.opentofu.org/waba/whatsapp'];

/** The package's dist/ folder, found from this (bundled) file's location. */
function distDir(): string {
  for (const candidate of [resolve(__dirname, '..'), resolve(__dirname, '..', '..', 'dist'), resolve(__dirname, '..', '..', '..', 'dist')]) {
    if (existsSync(join(candidate, 'mirror'))) return candidate;
  }
  throw new Error('the provider build (dist/mirror) was not found: run `npm run build` in the whatsapp-local-storage package');
}

/** A CLI configuration that installs this package's provider build for both engines. */
export function cliConfigText(mode: 'mirror' | 'dev'): string {
  const dist = distDir();
  if (mode === 'dev') {
    const lines = ADDRESSES.map((a) => `    "${a}" = "${join(dist, 'provider')}"`).join('\n');
    return `provider_installation {\n  dev_overrides {\n${lines}\n  }\n  direct {}\n}\n`;
  }
  return `provider_installation {\n  filesystem_mirror {\n    path    = "${join(dist, 'mirror')}"\n    include = [${ADDRESSES.map((a) => `"${a}"`).join(', ')}]\n  }\n  direct {\n    exclude = [${ADDRESSES.map((a) => `"${a}"`).join(', ')}]\n  }\n}\n`;
}

export function cliConfigCommand(): Command {
  return new Command('cli-config')
    .description('Print a Terraform/OpenTofu CLI configuration that installs this package\'s provider (point TF_CLI_CONFIG_FILE at it)')
    .option('--dev', 'use dev_overrides (no init, for provider development) instead of a filesystem mirror', false)
    .action((opts: { dev: boolean }) => {
      process.stdout.write(cliConfigText(opts.dev ? 'dev' : 'mirror'));
    });
}
