/** `whatsapp-local-storage cli-config` prints a CLI configuration the engines accept. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineWorkspace, providerBlock, repoRoot, requiredEngines } from '../e2e/harness';

jest.setTimeout(120_000);

const cli = join(repoRoot, 'dist', 'bin', 'whatsapp-local-storage.js');

describe.each([
  ['mirror', []],
  ['dev', ['--dev']],
] as const)('cli-config (%s)', (mode, flags) => {
  test.each(requiredEngines())('lets $name $version install and run the provider', async (engine) => {
    const ws = new EngineWorkspace(engine);
    try {
      const printed = spawnSync(process.execPath, [cli, 'cli-config', '--mirror-dir', join(ws.dir, 'mirror'), ...flags], {
        encoding: 'utf8',
      });
      expect(printed.status).toBe(0);
      expect(printed.stdout).toContain(mode === 'dev' ? 'dev_overrides' : 'filesystem_mirror');
      ws.write('cli.tfrc', printed.stdout); // replaces the harness's own configuration
      ws.write(
        'main.tf',
        `${providerBlock({ baseUrl: 'http://127.0.0.1:9' })}data "whatsapp_local_storage_regions" "all" {}\noutput "codes" { value = data.whatsapp_local_storage_regions.all.codes }\n`,
      );
      if (mode === 'mirror') await ws.expect(['init']);
      const apply = await ws.expect(['apply', '-auto-approve']);
      expect(apply.stdout).toMatch(/"BR"/);
    } finally {
      ws.dispose();
    }
  });
});

describe('cli-config --merge', () => {
  test.each(requiredEngines())(
    "keeps the user's settings and methods, replaces its own block on a second merge, and $name $version installs from it",
    async (engine) => {
      const ws = new EngineWorkspace(engine);
      try {
        const existing = `plugin_cache_may_break_dependency_lock_file = true\n\nprovider_installation {\n  network_mirror {\n    url = "https://mirror.example.invalid/"\n  }\n  direct {}\n}\n\ncredentials "app.terraform.io" {\n  token = "kept"\n}\n`;
        ws.write('cli.tfrc', existing);
        const mirrorDir = join(ws.dir, 'mirror');
        for (let i = 0; i < 2; i++) {
          const merged = spawnSync(process.execPath, [cli, 'cli-config', '--mirror-dir', mirrorDir, '--merge', join(ws.dir, 'cli.tfrc')], {
            encoding: 'utf8',
          });
          expect(merged.status).toBe(0);
          expect(merged.stdout).toBe('');
        }
        const text = readFileSync(join(ws.dir, 'cli.tfrc'), 'utf8');
        expect(text).toContain('plugin_cache_may_break_dependency_lock_file = true');
        expect(text).toContain('token = "kept"');
        expect(text).toContain('url = "https://mirror.example.invalid/"');
        expect(text.match(/filesystem_mirror/g)).toHaveLength(1);
        expect(text.match(/provider_installation/g)).toHaveLength(1);
        // The user's methods no longer ask anyone else for this provider.
        expect(text.match(/exclude = \["registry.terraform.io\/waba\/whatsapp", "registry.opentofu.org\/waba\/whatsapp"\]/g)).toHaveLength(
          2,
        );
        ws.write(
          'main.tf',
          `${providerBlock({ baseUrl: 'http://127.0.0.1:9' })}data "whatsapp_local_storage_regions" "all" {}\noutput "codes" { value = data.whatsapp_local_storage_regions.all.codes }\n`,
        );
        await ws.expect(['init']);
        expect((await ws.expect(['apply', '-auto-approve'])).stdout).toMatch(/"BR"/);
      } finally {
        ws.dispose();
      }
    },
  );

  test('a missing file gets just the block; printing without --merge writes only the provider_installation block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wls-cli-config-'));
    try {
      const printed = spawnSync(process.execPath, [cli, 'cli-config', '--mirror-dir', join(dir, 'mirror')], { encoding: 'utf8' });
      expect(printed.stdout.trim()).toMatch(/^provider_installation \{[\s\S]*\}$/);
      expect(printed.stdout.match(/^\S/gm)).toEqual(['p', '}']);
      spawnSync(process.execPath, [cli, 'cli-config', '--mirror-dir', join(dir, 'mirror'), '--merge', join(dir, 'new.tfrc')], {
        encoding: 'utf8',
      });
      expect(readFileSync(join(dir, 'new.tfrc'), 'utf8')).toBe(printed.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
