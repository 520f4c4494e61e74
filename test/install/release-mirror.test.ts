/**
 * Release artifacts (scripts/release.mjs): for each of the five platforms a zip of the standalone
 * provider and one of the standalone CLI, SHA256SUMS with a detached signature, and a network
 * mirror of the provider. What the release ships is what runs here, with no `node` on PATH: the
 * engines install the provider from the mirror over HTTPS on loopback (a certificate made here,
 * trusted through SSL_CERT_FILE), lock every platform, and take one number through its whole life
 * against the emulator with the linux_amd64 executable; the CLI's drift check runs on the same
 * standalone pieces with the emulator served by the CLI itself; the linux_arm64 executable runs
 * under qemu-aarch64; the darwin executables carry valid ad-hoc signatures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import axios from 'axios';
import { unzipSync } from 'fflate';
import { startEmulator, type RunningEmulator, type StorageConfiguration } from '../../src/emulator';
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, repoRoot, requiredEngines } from '../e2e/harness';
import { packageVersion, PATH_WITHOUT_NODE } from './helpers';
import { verifyMachOSignature } from './macho-signature';
import { notRun } from './not-run';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';
import { createServerIdentity } from '../../src/plugin/protocol/tls-cert';

jest.setTimeout(900_000);

const VERSION = packageVersion(repoRoot);
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64', 'windows_amd64'];
const LIVE_NUMBER = '106540352242922'; // registered, storage disabled, PIN 123456
const BR_NUMBER = '179776755229976'; // registered, storage enabled in BR
const PIN = '123456';
const ext = (platform: string) => (platform.startsWith('windows') ? '.exe' : '');
const providerZip = (platform: string) => `terraform-provider-whatsapp_${VERSION}_${platform}.zip`;
const providerExe = (platform: string) => `terraform-provider-whatsapp_v${VERSION}${ext(platform)}`;
const cliZip = (platform: string) => `whatsapp-local-storage_${VERSION}_${platform}.zip`;
const cliExe = (platform: string) => `whatsapp-local-storage${ext(platform)}`;

function must(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const out = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

/** Runs a script without blocking the event loop (the HTTPS server keeps serving). */
function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

let work: string;
let release: string;
let gnupg: string;
let server: Server;
let mirrorUrl: string;
let certFile: string;
let emulator: RunningEmulator;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wls-release-'));
  release = join(work, 'release');
  // A throwaway signing key in a throwaway keyring.
  gnupg = join(work, 'gnupg');
  mkdirSync(gnupg, { mode: 0o700 });
  const gpgEnv = { ...process.env, GNUPGHOME: gnupg };
  must(
    'gpg',
    ['--batch', '--passphrase', '', '--quick-gen-key', 'Release Test <release@example.invalid>', 'ed25519', 'sign', '1d'],
    gpgEnv,
  );
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(must('gpg', ['--batch', '--with-colons', '--list-secret-keys'], gpgEnv))![1];
  await runAsync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--out', release, '--gpg-key', fingerprint], gpgEnv);

  certFile = join(work, 'cert.pem');
  must('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    join(work, 'key.pem'),
    '-out',
    certFile,
  ]);
  server = createServer({ key: readFileSync(join(work, 'key.pem')), cert: readFileSync(certFile) }, (req, res) => {
    const path = normalize(join(release, decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname)));
    if (!path.startsWith(release) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/zip' }).end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/mirror/`;
  emulator = await startEmulator({ port: 0, quiet: true });
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => server?.close(resolve));
  // The throwaway keyring's agent would outlive the test.
  if (gnupg) spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: gnupg } });
  rmSync(work, { recursive: true, force: true });
});

/** The one file a release zip holds. */
function unzipOne(zipFile: string, name: string): Buffer {
  const files = unzipSync(readFileSync(join(release, zipFile)));
  expect(Object.keys(files)).toEqual([name]);
  return Buffer.from(files[name]);
}

/** Unpacks a zip's executable into `dir` (made executable) and returns its path. */
function unpack(zipFile: string, name: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, unzipOne(zipFile, name));
  chmodSync(file, 0o755);
  return file;
}

/** The SHA256SUMS file of the release, as file name -> hash. */
const sums = (): Record<string, string> => {
  const lines = readFileSync(join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`), 'utf8')
    .trim()
    .split('\n');
  return Object.fromEntries(
    lines.map((l): [string, string] => {
      const [hash, file] = l.split(/\s+/);
      return [file, hash];
    }),
  );
};

/** The platform an executable is built for, read from its header. */
function platformOf(exe: Buffer): string {
  if (exe.readUInt32BE(0) === 0x7f454c46)
    return `linux_${({ 0x3e: 'amd64', 0xb7: 'arm64' } as Record<number, string>)[exe.readUInt16LE(18)]}`;
  if (exe.readUInt32LE(0) === 0xfeedfacf)
    return `darwin_${({ 0x01000007: 'amd64', 0x0100000c: 'arm64' } as Record<number, string>)[exe.readUInt32LE(4)]}`;
  if (exe.toString('latin1', 0, 2) === 'MZ') {
    const pe = exe.readUInt32LE(0x3c);
    return exe.toString('latin1', pe, pe + 4) === 'PE\0\0' && exe.readUInt16LE(pe + 4) === 0x8664 ? 'windows_amd64' : 'windows_?';
  }
  return 'unknown';
}

test('per platform a provider zip and a CLI zip, each holding the executable named as engines and users expect; SHA256SUMS lists them all and its signature verifies; the mirror lists the provider only', () => {
  const zips = readdirSync(release)
    .filter((f) => f.endsWith('.zip'))
    .sort();
  expect(zips).toEqual([...PLATFORMS.map(providerZip), ...PLATFORMS.map(cliZip)].sort());
  const listed = sums();
  expect(Object.keys(listed).sort()).toEqual(zips);
  for (const zipFile of zips)
    expect(listed[zipFile]).toBe(
      createHash('sha256')
        .update(readFileSync(join(release, zipFile)))
        .digest('hex'),
    );
  for (const platform of PLATFORMS) {
    const provider = unzipOne(providerZip(platform), providerExe(platform));
    const cli = unzipOne(cliZip(platform), cliExe(platform));
    for (const exe of [provider, cli]) {
      expect(platformOf(exe)).toBe(platform);
      // A Bun compiled executable: the program rides in Bun's embedded file system.
      expect(exe.includes('/$bunfs/root/') || exe.includes('~BUN/root/')).toBe(true);
    }
    expect(provider.includes('It is not meant to be run')).toBe(true);
    expect(cli.includes('whatsapp-local-storage')).toBe(true);
  }
  const verify = spawnSync(
    'gpg',
    [
      '--batch',
      '--verify',
      join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS.sig`),
      join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`),
    ],
    { encoding: 'utf8', env: { ...process.env, GNUPGHOME: gnupg } },
  );
  expect(verify.stderr).toContain('Good signature from "Release Test <release@example.invalid>"');
  expect(verify.status).toBe(0);
  for (const host of ['registry.terraform.io', 'registry.opentofu.org']) {
    const published = JSON.parse(readFileSync(join(release, 'mirror', host, 'waba', 'whatsapp', `${VERSION}.json`), 'utf8')) as {
      archives: Record<string, { url: string }>;
    };
    expect(Object.keys(published.archives).sort()).toEqual([...PLATFORMS].sort());
    for (const p of PLATFORMS) expect(published.archives[p].url).toBe(`../../../../${providerZip(p)}`);
  }
});

test('every darwin executable carries a valid ad-hoc signature named after it, each page hash recomputed', () => {
  for (const platform of ['darwin_amd64', 'darwin_arm64']) {
    for (const [zipFile, name] of [
      [providerZip(platform), providerExe(platform)],
      [cliZip(platform), cliExe(platform)],
    ]) {
      const signature = verifyMachOSignature(unzipOne(zipFile, name));
      expect(signature).toMatchObject({ identifier: name, adhoc: true, hashType: 'sha256', pageSize: 4096 });
      expect(signature.pages).toBeGreaterThan(1000);
    }
  }
});

/** The network mirror as the engines' CLI configuration, and a configuration pinned to this release. */
const publishedMirror = () =>
  JSON.parse(readFileSync(join(release, 'mirror', 'registry.terraform.io', 'waba', 'whatsapp', `${VERSION}.json`), 'utf8')) as {
    archives: Record<string, { hashes: string[] }>;
  };
const publishedH1 = (platform: string) => publishedMirror().archives[platform].hashes.find((h) => h.startsWith('h1:'))!;
/** The standalone CLI of this machine, unpacked once. */
let hostCli: string | undefined;
const standaloneCli = () => (hostCli ??= unpack(cliZip('linux_amd64'), cliExe('linux_amd64'), join(work, 'cli-alone')));
/** Runs the standalone CLI with no node on PATH. */
const runCli = (cli: string, args: string[]) => spawnSync(cli, args, { encoding: 'utf8', env: { PATH: PATH_WITHOUT_NODE, HOME: work } });
/** The CLI configuration the standalone CLI prints for the release's network mirror. */
function mirrorConfig(): string {
  const printed = runCli(standaloneCli(), ['cli-config', '--network-mirror', mirrorUrl]);
  expect({ status: printed.status, stderr: printed.stderr }).toEqual({ status: 0, stderr: '' });
  expect(printed.stdout).toContain(`url     = "${mirrorUrl}"`);
  return printed.stdout;
}
const pinnedProviders = () =>
  REQUIRED_PROVIDERS_HCL.replace(
    'source = "registry.terraform.io/waba/whatsapp"',
    `source  = "registry.terraform.io/waba/whatsapp"\n      version = "~> ${VERSION}"`,
  );
function numberConfig(storage: string, extra = ''): string {
  return `${pinnedProviders()}
provider "whatsapp" {}
variable "pin" {
  type      = string
  sensitive = true
}
resource "whatsapp_local_storage" "main" {
  phone_number_id = "${LIVE_NUMBER}"
${storage}  pin             = var.pin
}
${extra}`;
}

describe.each(requiredEngines())('$name $version, standalone provider from the network mirror, no node on PATH', (engine) => {
  let emu: RunningEmulator;
  let ws: EngineWorkspace;
  const settings = async (id: string) => {
    const res = await axios.get<{ storage_configuration: StorageConfiguration }>(`${emu.url}/${FIRST_SETTINGS_VERSION}/${id}/settings`, {
      headers: { Authorization: 'Bearer demo-token' },
    });
    return res.data.storage_configuration;
  };
  const writes = async () => (await emu.admin.calls()).filter((c) => c.method === 'POST').map((c) => c.path.split('/').pop());

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(engine, {
      env: {
        SSL_CERT_FILE: certFile,
        PATH: PATH_WITHOUT_NODE,
        WHATSAPP_BASE_URL: emu.url,
        WHATSAPP_ACCESS_TOKEN: 'demo-token',
        TF_VAR_pin: PIN,
      },
    });
    ws.write('cli.tfrc', mirrorConfig());
  });
  afterAll(async () => {
    ws?.dispose();
    await emu?.close();
  });

  test('init installs the linux_amd64 executable from the mirror with the published checksums, and every platform locks', async () => {
    ws.write('main.tf', numberConfig('  data_localization_region = "BR"\n'));
    await ws.expect(['init']);
    const published = publishedMirror();
    const h1 = publishedH1;
    for (const p of PLATFORMS) expect(published.archives[p].hashes).toContain(`zh:${sums()[providerZip(p)]}`);
    expect(readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8')).toContain(h1('linux_amd64'));
    await ws.expect([
      'providers',
      'lock',
      `-net-mirror=${mirrorUrl}`,
      ...PLATFORMS.map((p) => `-platform=${p}`),
      'registry.terraform.io/waba/whatsapp',
    ]);
    const locked = readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8');
    for (const platform of PLATFORMS) expect(locked).toContain(h1(platform));
    const installed = readdirSync(
      join(ws.dir, '.terraform', 'providers', 'registry.terraform.io', 'waba', 'whatsapp', VERSION, 'linux_amd64'),
    );
    expect(installed).toEqual([providerExe('linux_amd64')]);
  });

  test('create: storage in BR', async () => {
    await emu.admin.clearCalls();
    const apply = await ws.expect(['apply', '-auto-approve']);
    expect(apply.stdout).toMatch(/1 added/);
    expect(await writes()).toEqual(['deregister', 'settings', 'register']);
    expect(await settings(LIVE_NUMBER)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' });
  });

  test('region change BR -> IN', async () => {
    ws.write('main.tf', numberConfig('  data_localization_region = "IN"\n'));
    await emu.admin.clearCalls();
    await ws.expect(['apply', '-auto-approve']);
    expect(await writes()).toEqual(['deregister', 'settings', 'register']);
    expect(await settings(LIVE_NUMBER)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' });
  });

  test('No Storage with a retention', async () => {
    ws.write('main.tf', numberConfig('  storage_mode      = "NO_STORAGE"\n  retention_minutes = 60\n'));
    await ws.expect(['apply', '-auto-approve']);
    expect(await settings(LIVE_NUMBER)).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
    await ws.expect(['plan', '-detailed-exitcode'], 0);
  });

  test('drift: a change made outside shows in the plan', async () => {
    const headers = { Authorization: 'Bearer demo-token' };
    const base = `${emu.url}/${FIRST_SETTINGS_VERSION}/${LIVE_NUMBER}`;
    await axios.post(`${base}/deregister`, {}, { headers });
    await axios.post(
      `${base}/settings`,
      { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } },
      { headers },
    );
    await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: PIN }, { headers });
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 2);
    expect(plan.stdout).toMatch(/storage_mode|data_localization_region/);
    await ws.expect(['apply', '-auto-approve']);
    expect(await settings(LIVE_NUMBER)).toEqual({ status: 'NO_STORAGE_ENABLED', retention_minutes: 60 });
  });

  test('import of a number already in BR', async () => {
    ws.write(
      'main.tf',
      numberConfig(
        '  storage_mode      = "NO_STORAGE"\n  retention_minutes = 60\n',
        `
resource "whatsapp_local_storage" "imported" {
  phone_number_id          = "${BR_NUMBER}"
  data_localization_region = "BR"
}
`,
      ),
    );
    await ws.expect(['import', 'whatsapp_local_storage.imported', BR_NUMBER]);
    const imported = ws.state().resources.find((r) => r.name === 'imported')!;
    expect(imported.instances[0].attributes).toMatchObject({ id: BR_NUMBER, data_localization_region: 'BR', registered: true });
    await ws.expect(['plan', '-detailed-exitcode'], 0);
  });

  test('destroy', async () => {
    const destroy = await ws.expect(['destroy', '-auto-approve']);
    expect(destroy.stdout).toMatch(/2 destroyed/);
    expect(ws.state().resources).toEqual([]);
  });

  test('a base_url whose certificate nobody trusts stops the plan before any request, also with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const identity = createServerIdentity(new Date(), 'untrusted');
    const seen: string[] = [];
    const untrusted = createServer({ key: identity.keyPem, cert: identity.certPem }, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('{}');
    });
    await new Promise<void>((done) => untrusted.listen(0, '127.0.0.1', done));
    try {
      ws.write(
        'main.tf',
        `${pinnedProviders()}
provider "whatsapp" {
  base_url = "https://localhost:${(untrusted.address() as AddressInfo).port}"
}
data "whatsapp_phone_number" "n" {
  phone_number_id = "${LIVE_NUMBER}"
}
`,
      );
      const plan = await ws.run(['plan'], { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
      const text = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
      expect(plan.code).toBe(1);
      expect(text).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
      expect(text).not.toContain('demo-token');
      expect(seen).toEqual([]);
    } finally {
      untrusted.closeAllConnections();
      await new Promise((done) => untrusted.close(done));
    }
  });
});

/** Where Debian's libc6-arm64-cross puts the arm64 C library, which Bun's linux_arm64 runtime links against. */
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu';

/**
 * qemu-aarch64 and an arm64 C library on this machine, installed from Debian's qemu-user and
 * libc6-arm64-cross when missing and we may; else why not.
 */
function qemuAarch64(): { path: string } | { reason: string } {
  const qemuPath = () => ['/usr/bin/qemu-aarch64', '/usr/bin/qemu-aarch64-static'].find((p) => existsSync(p));
  const find = () => (existsSync(join(ARM64_SYSROOT, 'lib', 'ld-linux-aarch64.so.1')) ? qemuPath() : undefined);
  if (find()) return { path: find()! };
  if (process.getuid?.() !== 0) return { reason: 'qemu-aarch64 is missing and installing qemu-user needs root' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { encoding: 'utf8', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'qemu-user', 'libc6-arm64-cross'], { encoding: 'utf8', env })
      : update;
  if (find()) return { path: find()! };
  return {
    reason: `qemu-aarch64 or the arm64 C library is missing and apt-get could not install qemu-user libc6-arm64-cross (exit ${install.status ?? install.error?.message}): ${(install.stderr ?? '').trim().split('\n').pop()}`,
  };
}

const QEMU_TEST = 'the linux_arm64 executable answers the handshake and a plan/apply under qemu-aarch64';
const qemu = qemuAarch64();
if ('reason' in qemu) {
  notRun(QEMU_TEST, qemu.reason);
} else {
  test(QEMU_TEST, async () => {
    const dir = mkdtempSync(join(work, 'arm64-'));
    const exe = unpack(providerZip('linux_arm64'), providerExe('linux_arm64'), join(dir, 'exe'));
    const child = spawn(qemu.path, ['-L', ARM64_SYSROOT, exe], {
      env: {
        PATH: PATH_WITHOUT_NODE,
        TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
        PLUGIN_PROTOCOL_VERSIONS: '5,6',
      },
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('error', reject);
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before the handshake: ${out}${err}`)));
    });
    child.kill('SIGKILL');
    expect(line).toMatch(/^1\|6\|unix\|\/\S+\|grpc\|?$/);

    // The engine starts the provider through a wrapper that runs it under qemu (no binfmt_misc needed).
    const overrides = join(dir, 'overrides');
    mkdirSync(overrides);
    writeFileSync(join(overrides, 'terraform-provider-whatsapp'), `#!/bin/sh\nexec ${qemu.path} -L ${ARM64_SYSROOT} ${exe} "$@"\n`, {
      mode: 0o755,
    });
    const emu = await startEmulator({ port: 0, quiet: true });
    const [tofu] = requiredEngines();
    const ws = new EngineWorkspace(tofu, {
      env: { PATH: PATH_WITHOUT_NODE, WHATSAPP_BASE_URL: emu.url, WHATSAPP_ACCESS_TOKEN: 'demo-token', TF_VAR_pin: PIN },
    });
    try {
      ws.write(
        'cli.tfrc',
        `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/waba/whatsapp" = "${overrides}"\n  }\n  direct {}\n}\n`,
      );
      ws.write('main.tf', numberConfig('  data_localization_region = "BR"\n').replace(/\n {6}version = "[^"]+"/, ''));
      const plan = await ws.expect(['plan', '-detailed-exitcode'], 2);
      expect(plan.stdout).toMatch(/whatsapp_local_storage\.main will be created/);
      await ws.expect(['apply', '-auto-approve']);
      expect(ws.state().resources[0].instances[0].attributes.storage_status).toBe('IN_COUNTRY_STORAGE_ENABLED');
    } finally {
      ws.dispose();
      await emu.close();
    }
  });
}

test('the standalone CLI alone: cli-config names what it needs (a provider zip beside it, --provider-zip or --network-mirror)', () => {
  const printed = runCli(standaloneCli(), ['cli-config', '--mirror-dir', join(work, 'unused-mirror')]);
  expect(printed.status).toBe(1);
  expect(printed.stdout).toBe('');
  expect(printed.stderr).toMatch(
    /^whatsapp-local-storage: no provider to install: .*terraform-provider-whatsapp_<version>_<os>_<arch>\.zip beside the executable or give --provider-zip PATH, or point engines at a network mirror with --network-mirror URL/,
  );
  expect(existsSync(join(work, 'unused-mirror'))).toBe(false);
  const notZip = runCli(standaloneCli(), ['cli-config', '--provider-zip', join(work, 'cert.pem')]);
  expect({ status: notZip.status, stderr: notZip.stderr }).toMatchObject<Record<string, unknown>>({
    status: 1,
    stderr: expect.stringContaining('not a provider release zip'),
  });
  const http = runCli(standaloneCli(), ['cli-config', '--network-mirror', 'http://mirror.example.com/']);
  expect({ status: http.status, stderr: http.stderr }).toMatchObject<Record<string, unknown>>({
    status: 1,
    stderr: expect.stringContaining('HTTPS only'),
  });
});

test('the drift check runs on the engine and the release alone: standalone CLI (its cli-config mirroring the provider zip beside it, also serving the emulator) and standalone provider, no node on PATH', async () => {
  const bin = join(work, 'cli-bin');
  const cli = unpack(cliZip('linux_amd64'), cliExe('linux_amd64'), bin);
  // The release as a user without Node.js unpacks it: the CLI with the provider zip beside it.
  writeFileSync(join(bin, providerZip('linux_amd64')), readFileSync(join(release, providerZip('linux_amd64'))));
  const emulatorProcess: ChildProcess = spawn(cli, ['emulator', '--port', '0'], { env: { PATH: PATH_WITHOUT_NODE } });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      emulatorProcess.stdout!.on('data', (d) => {
        out += d;
        const m = /http:\/\/\S+/.exec(out);
        if (m) resolve(m[0]);
      });
      emulatorProcess.on('error', reject);
      emulatorProcess.on('exit', (code) => reject(new Error(`the CLI's emulator exited ${code}: ${out}`)));
    });
    const [tofu] = requiredEngines();
    const env = {
      SSL_CERT_FILE: certFile,
      PATH: PATH_WITHOUT_NODE,
      WHATSAPP_BASE_URL: url,
      WHATSAPP_ACCESS_TOKEN: 'demo-token',
      TF_VAR_pin: PIN,
    };
    const ws = new EngineWorkspace(tofu, { env });
    try {
      ws.write('cli.tfrc', 'disable_checkpoint = true\n');
      const config = runCli(cli, ['cli-config', '--mirror-dir', join(work, 'zip-mirror'), '--merge', join(ws.dir, 'cli.tfrc')]);
      expect({ status: config.status, stdout: config.stdout }).toEqual({ status: 0, stdout: '' });
      expect(readdirSync(join(work, 'zip-mirror', 'registry.opentofu.org', 'waba', 'whatsapp'))).toEqual([providerZip('linux_amd64')]);
      ws.write('main.tf', numberConfig('  data_localization_region = "BR"\n'));
      await ws.expect(['init']);
      // Installed from the release's zip itself: the lock file holds the h1: hash the release's mirror publishes.
      expect(readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8')).toContain(publishedH1('linux_amd64'));
      await ws.expect(['apply', '-auto-approve']);
      const headers = { Authorization: 'Bearer demo-token' };
      await axios.post(`${url}/${FIRST_SETTINGS_VERSION}/${LIVE_NUMBER}/deregister`, {}, { headers });
      await axios.post(
        `${url}/${FIRST_SETTINGS_VERSION}/${LIVE_NUMBER}/settings`,
        { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' } },
        { headers },
      );
      await axios.post(
        `${url}/${FIRST_SETTINGS_VERSION}/${LIVE_NUMBER}/register`,
        { messaging_product: 'whatsapp', pin: PIN },
        { headers },
      );

      // Run from elsewhere: the reports land in the --dir (the default --out), not the working directory.
      const elsewhere = mkdtempSync(join(work, 'cwd-'));
      const drift = spawnSync(cli, ['drift', '--dir', ws.dir, '--engine', tofu.path], {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { ...env, TF_CLI_CONFIG_FILE: join(ws.dir, 'cli.tfrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' },
      });
      expect({ status: drift.status, stderr: drift.stderr }).toMatchObject({ status: 2 });
      expect(readdirSync(elsewhere)).toEqual([]);
      const report = JSON.parse(readFileSync(join(ws.dir, 'drift-report.json'), 'utf8')) as Record<string, unknown>;
      expect(report).toMatchObject({ schema_version: 1, status: 'differs' });
      expect(readFileSync(join(ws.dir, 'drift-report.md'), 'utf8')).toMatch(
        /Local Storage drift check: differences[\s\S]*whatsapp_local_storage\.main/,
      );
      expect(readFileSync(join(ws.dir, 'drift-report.xml'), 'utf8')).toMatch(/<testsuites?[\s>][\s\S]*<failure/);
    } finally {
      ws.dispose();
    }
  } finally {
    emulatorProcess.kill();
  }
});
