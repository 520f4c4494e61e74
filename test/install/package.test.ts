/**
 * The package as users get it: `npm pack`, installed into a fresh project outside the
 * repository. Each entry point works from CommonJS and ESM and type-checks; the tarball
 * holds one copy of each runtime file and no source maps; a fresh CDKTF app deploys and
 * diffs with the real cdktf-cli under each engine, offline, from the mirror `cli-config` writes.
 */
import axios from 'axios';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { repoRoot, requiredEngines } from '../e2e/harness';
import { JS_PROVIDER_FILES, enginePlatform } from '../../src/cli/install/provider-mirror';
import { installProject, ownPluginCache, packageVersion, type NpmPackOutput } from './helpers';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(600_000);

const ENTRY_POINTS: Record<string, string[]> = {
  'whatsapp-local-storage': [
    'engine',
    'cloudApi',
    'emulator',
    'startEmulator',
    'LocalStorageEngine',
    'SUPPORTED_REGIONS',
    'GraphApiClient',
  ],
  'whatsapp-local-storage/cdktf': [
    'WhatsAppLocalStorage',
    'WhatsAppLocalStorageGroup',
    'WhatsAppProvider',
    'LOCAL_STORAGE_REGIONS',
    'bindings',
  ],
  'whatsapp-local-storage/engine': ['LocalStorageEngine', 'planConvergence', 'SUPPORTED_REGIONS'],
  'whatsapp-local-storage/cloud-api': ['GraphApiClient', 'GraphApiError'],
  'whatsapp-local-storage/emulator': ['startEmulator', 'defaultSeed'],
};

function must(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const out = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** The two `npm install` lines of docs/cdktf.md's Install section (the runtime line and the `--save-dev` line). */
function docsInstall(): { runtime: string[]; dev: string[] } {
  const doc = readFileSync(join(repoRoot, 'docs', 'cdktf.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Install'));
  const sh = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .find((b) => b.includes('npm install whatsapp-local-storage'))!
    .split('\n');
  const words = (line: string) =>
    line
      .replace(/#.*/, '')
      .split(/\s+/)
      .filter((w) => w && !w.startsWith('-') && w !== 'npm' && w !== 'install');
  return {
    runtime: words(sh.find((l) => l.startsWith('npm install whatsapp-local-storage'))!),
    dev: words(sh.find((l) => l.includes('--save-dev'))!),
  };
}

test('docs/cdktf.md pins every package it installs, and the dev tools are the ones these tests run', () => {
  const { runtime, dev } = docsInstall();
  for (const spec of [...runtime.filter((p) => p !== 'whatsapp-local-storage'), ...dev])
    expect(spec).toMatch(/^(@?[a-z0-9/-]+)@\d+\.\d+\.\d+$/);
  const installed = (name: string) => packageVersion(join(repoRoot, 'node_modules', name));
  expect(dev).toEqual(['cdktf-cli', 'typescript'].map((name) => `${name}@${installed(name)}`));
  expect(dev.find((p) => p.startsWith('typescript@'))).toMatch(/^typescript@5\.9\./);
  expect(runtime).toContain(`cdktf@${installed('cdktf')}`);
});

let work: string;
let project: string;
let tarball: string;
let packed: Array<{ path: string; size: number }>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wls-package-'));
  const [pack] = JSON.parse(must('npm', ['pack', '--json', '--pack-destination', work], repoRoot)) as NpmPackOutput;
  tarball = join(work, pack.filename);
  packed = pack.files;
  project = join(work, 'app');
  // What docs/cdktf.md tells a CDKTF user to install beside the package (the npm cache serves
  // what the repository already fetched).
  installProject(
    project,
    docsInstall().runtime.map((p) => (p === 'whatsapp-local-storage' ? tarball : p)),
  );
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

test('the tarball holds each runtime file once, no source maps, no dangling map comments, no build-only folders', () => {
  const paths = packed.map((f) => f.path);
  expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  expect(paths.filter((p) => /^dist\/(mirror|provider|release)\//.test(p))).toEqual([]);
  const byName = new Map<string, string[]>();
  for (const p of paths.filter((p) => p.startsWith('dist/')))
    byName.set(p.split('/').pop()!, [...(byName.get(p.split('/').pop()!) ?? []), p]);
  for (const bundle of [...JS_PROVIDER_FILES, 'whatsapp-local-storage.js']) {
    expect(byName.get(bundle)).toEqual([`dist/bin/${bundle}`]);
  }
  const installed = join(project, 'node_modules', 'whatsapp-local-storage');
  for (const p of paths.filter((p) => p.endsWith('.js'))) {
    expect({ file: p, mapComment: /\/\/# sourceMappingURL=/.test(readFileSync(join(installed, p), 'utf8')) }).toEqual({
      file: p,
      mapComment: false,
    });
  }
});

test('every entry point loads with require() and import, with its named exports', () => {
  const cjs = Object.entries(ENTRY_POINTS)
    .map(
      ([spec, names]) =>
        `{ const m = require('${spec}'); for (const n of ${JSON.stringify(names)}) if (m[n] === undefined) throw new Error('${spec}: ' + n + ' missing (require)'); }`,
    )
    .join('\n');
  writeFileSync(join(project, 'check.cjs'), `${cjs}\nconsole.log('cjs ok');\n`);
  // Named imports (aliased: entry points share names): Node must see each name in the CommonJS build.
  const esm = Object.entries(ENTRY_POINTS)
    .map(
      ([spec, names], i) =>
        `import { ${names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from '${spec}';\nconst m${i} = { ${names.map((n) => `${n}: m${i}_${n}`).join(', ')} };\nfor (const [k, v] of Object.entries(m${i})) if (v === undefined) throw new Error('${spec}: ' + k + ' missing (import)');`,
    )
    .join('\n');
  writeFileSync(join(project, 'check.mjs'), `${esm}\nconsole.log('esm ok');\n`);
  expect(must(process.execPath, ['check.cjs'], project)).toContain('cjs ok');
  expect(must(process.execPath, ['check.mjs'], project)).toContain('esm ok');
});

test.each(['node16', 'bundler'])('every entry point has types (TypeScript moduleResolution %s)', (resolution) => {
  const lines = Object.entries(ENTRY_POINTS).map(
    ([spec, names], i) =>
      `import { ${names.map((n) => `${n} as m${i}_${n}`).join(', ')} } from '${spec}';\nexport const uses${i} = [${names.map((n) => `m${i}_${n}`).join(', ')}];`,
  );
  writeFileSync(
    join(project, 'check.ts'),
    `${lines.join('\n')}\nconst region: import('whatsapp-local-storage/cdktf').LocalStorageRegion = 'BR';\nexport { region };\n`,
  );
  const module = resolution === 'node16' ? 'node16' : 'esnext';
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module,
        moduleResolution: resolution,
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['check.ts'],
    }),
  );
  must(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project);
});

describe('a fresh CDKTF app', () => {
  let emulator: RunningEmulator;
  let cliConfig: string;
  let pluginCache: string;
  const NUMBERS = { tofu: ['106540352242922', 'BR'], terraform: ['106540352242923', 'IN'] } as const;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    cliConfig = join(work, 'cli.tfrc');
    pluginCache = ownPluginCache(work);
    must(
      join(project, 'node_modules', '.bin', 'whatsapp-local-storage'),
      ['cli-config', '--mirror-dir', join(work, 'mirror'), '--merge', cliConfig],
      project,
    );
  });

  afterAll(async () => {
    await emulator?.close();
  });

  test.each(requiredEngines())('cdktf deploy and cdktf diff under $name $version, offline (--skip-provider-lock)', async (engine) => {
    const [id, region] = NUMBERS[engine.name];
    const dir = join(work, `cdktf-${engine.name}`);
    must('cp', ['-r', project, dir], work);
    writeFileSync(
      join(dir, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: 'node main.js', output: 'cdktf.out', terraformProviders: [] }),
    );
    writeFileSync(
      join(dir, 'main.js'),
      `const { App, TerraformStack, LocalBackend } = require('cdktf');
const { WhatsAppProvider, WhatsAppLocalStorage } = require('whatsapp-local-storage/cdktf');
class Numbers extends TerraformStack {
  constructor(scope, name) {
    super(scope, name);
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new WhatsAppProvider(this);
    const pin = WhatsAppLocalStorage.pinVariable(this);
    new WhatsAppLocalStorage(this, 'Number', { phoneNumberId: '${id}', region: '${region}', pin: pin.stringValue });
  }
}
const app = new App();
new Numbers(app, 'numbers');
app.synth();
`,
    );
    const env = {
      ...process.env,
      CHECKPOINT_DISABLE: '1',
      DISABLE_VERSION_CHECK: 'true',
      CI: '1',
      TERRAFORM_BINARY_NAME: engine.path,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_PLUGIN_CACHE_DIR: pluginCache,
      WHATSAPP_BASE_URL: emulator.url,
      WHATSAPP_ACCESS_TOKEN: 'demo-token',
      TF_VAR_pin: '123456',
    };
    const cdktf = join(repoRoot, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
    const deploy = await runAsync(process.execPath, [cdktf, 'deploy', '--auto-approve', '--skip-provider-lock', 'numbers'], dir, env);
    if (deploy.code !== 0) throw new Error(`cdktf deploy failed:\n${deploy.output}`);
    type Synthesized = { terraform: { required_providers: Record<string, unknown> } };
    const synthesized = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'numbers', 'cdk.tf.json'), 'utf8')) as Synthesized;
    const version = packageVersion(repoRoot);
    expect(synthesized.terraform.required_providers.whatsapp).toEqual({ source: 'registry.terraform.io/waba/whatsapp', version });
    // Installed through this test's own plugin cache: the stack's provider is this test's mirror, whatever runs beside it.
    const packageDir = join('registry.terraform.io', 'waba', 'whatsapp', version, enginePlatform());
    expect(existsSync(join(pluginCache, packageDir))).toBe(true);
    expect(realpathSync(join(dir, 'cdktf.out', 'stacks', 'numbers', '.terraform', 'providers', packageDir))).toBe(
      realpathSync(join(work, 'mirror', packageDir)),
    );
    expect(readFileSync(join(dir, 'cdktf.out', 'stacks', 'numbers', '.terraform.lock.hcl'), 'utf8')).toMatch(
      /provider "registry.terraform.io\/waba\/whatsapp"[\s\S]*h1:/,
    );
    const settings = await axios.get<{ storage_configuration: StorageConfiguration }>(
      `${emulator.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`,
      {
        headers: { Authorization: 'Bearer demo-token' },
      },
    );
    expect(settings.data.storage_configuration).toMatchObject({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region });

    const diff = await runAsync(process.execPath, [cdktf, 'diff', '--skip-provider-lock', 'numbers'], dir, env);
    if (diff.code !== 0) throw new Error(`cdktf diff failed:\n${diff.output}`);
    expect(diff.output).toMatch(/No changes/);
  });
});
