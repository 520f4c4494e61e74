/**
 * Release artifacts (scripts/release.mjs): one zip per platform holding the standalone
 * executable, SHA256SUMS with a detached signature, and a network mirror. The engines
 * install the provider from that mirror over HTTPS on loopback (a certificate made here,
 * trusted through SSL_CERT_FILE), record its checksums in the lock file, and run the
 * linux_amd64 executable with no `node` on PATH against the emulator.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { unzipSync } from 'fflate';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, repoRoot, requiredEngines } from '../e2e/harness';
import { PATH_WITHOUT_NODE } from './helpers';

jest.setTimeout(900_000);

const VERSION = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'windows_amd64'];
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

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
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`))));
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
  must('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'Release Test <release@example.invalid>', 'ed25519', 'sign', '1d'], gpgEnv);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(must('gpg', ['--batch', '--with-colons', '--list-secret-keys'], gpgEnv))![1];
  await runAsync(process.execPath, [join(repoRoot, 'scripts', 'release.mjs'), '--out', release, '--gpg-key', fingerprint], gpgEnv);

  certFile = join(work, 'cert.pem');
  must('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(work, 'key.pem'), '-out', certFile]);
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
  rmSync(work, { recursive: true, force: true });
});

const sums = () => Object.fromEntries(readFileSync(join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`), 'utf8').trim().split('\n').map((l) => l.split(/\s+/).reverse()));

test('one zip per platform, each holding the executable named as engines expect; SHA256SUMS lists them and its signature verifies', () => {
  expect(readdirSync(release).filter((f) => f.endsWith('.zip')).sort()).toEqual(PLATFORMS.map((p) => `terraform-provider-whatsapp_${VERSION}_${p}.zip`));
  const listed = sums();
  for (const platform of PLATFORMS) {
    const zipFile = `terraform-provider-whatsapp_${VERSION}_${platform}.zip`;
    const zip = readFileSync(join(release, zipFile));
    expect(listed[zipFile]).toBe(createHash('sha256').update(zip).digest('hex'));
    const files = unzipSync(zip);
    const name = `terraform-provider-whatsapp_v${VERSION}${platform.startsWith('windows') ? '.exe' : ''}`;
    expect(Object.keys(files)).toEqual([name]);
    const exe = Buffer.from(files[name]);
    // The node executable of the right platform, with the provider injected (fuse flipped to :1).
    if (platform.startsWith('windows')) expect(exe.subarray(0, 2).toString()).toBe('MZ');
    else expect(exe.readUInt16LE(18)).toBe(platform === 'linux_arm64' ? 0xb7 : 0x3e); // ELF e_machine
    expect(exe.includes(`${SEA_FUSE}:1`)).toBe(true);
  }
  const verify = spawnSync('gpg', ['--batch', '--verify', join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS.sig`), join(release, `terraform-provider-whatsapp_${VERSION}_SHA256SUMS`)], { encoding: 'utf8', env: { ...process.env, GNUPGHOME: gnupg } });
  expect(verify.stderr).toContain('Good signature from "Release Test <release@example.invalid>"');
  expect(verify.status).toBe(0);
});

describe.each(requiredEngines())('$name $version', (engine) => {
  test('init installs from the HTTPS network mirror with no node on PATH, locks every platform, and the standalone executable applies against the emulator', async () => {
    const ws = new EngineWorkspace(engine, { env: { SSL_CERT_FILE: certFile, PATH: PATH_WITHOUT_NODE, WHATSAPP_BASE_URL: emulator.url, WHATSAPP_ACCESS_TOKEN: 'demo-token' } });
    try {
      ws.write('cli.tfrc', `provider_installation {\n  network_mirror {\n    url     = "${mirrorUrl}"\n    include = ["registry.terraform.io/waba/whatsapp"]\n  }\n}\n`);
      ws.write('main.tf', `${REQUIRED_PROVIDERS_HCL.replace('source = "registry.terraform.io/waba/whatsapp"', `source  = "registry.terraform.io/waba/whatsapp"\n      version = "~> ${VERSION}"`)}
provider "whatsapp" {}
resource "whatsapp_local_storage" "br" {
  phone_number_id          = "106540352242922"
  data_localization_region = "BR"
  pin                      = "123456"
}
`);
      await ws.expect(['init']);
      const lock = readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8');
      // The mirror lists each archive's h1: (over the unpacked files, as engines hash what they install)
      // and zh: (its SHA-256, as in SHA256SUMS); the engine's own h1: must be the one published.
      const published = JSON.parse(readFileSync(join(release, 'mirror', 'registry.terraform.io', 'waba', 'whatsapp', `${VERSION}.json`), 'utf8')) as { archives: Record<string, { hashes: string[] }> };
      const h1 = (p: string) => published.archives[p].hashes.find((h) => h.startsWith('h1:'))!;
      for (const p of PLATFORMS) expect(published.archives[p].hashes).toContain(`zh:${sums()[`terraform-provider-whatsapp_${VERSION}_${p}.zip`]}`);
      expect(lock).toContain(`version     = "${VERSION}"`);
      expect(lock).toContain(h1('linux_amd64'));

      await ws.expect(['providers', 'lock', `-net-mirror=${mirrorUrl}`, ...PLATFORMS.map((p) => `-platform=${p}`), 'registry.terraform.io/waba/whatsapp']);
      const locked = readFileSync(join(ws.dir, '.terraform.lock.hcl'), 'utf8');
      for (const platform of PLATFORMS) expect(locked).toContain(h1(platform));

      const installed = readdirSync(join(ws.dir, '.terraform', 'providers', 'registry.terraform.io', 'waba', 'whatsapp', VERSION, 'linux_amd64'));
      expect(installed).toEqual([`terraform-provider-whatsapp_v${VERSION}`]);
      const apply = await ws.expect(['apply', '-auto-approve']);
      expect(apply.stdout).toMatch(/1 added/);
      expect(ws.state().resources[0].instances[0].attributes.storage_status).toBe('IN_COUNTRY_STORAGE_ENABLED');
    } finally {
      ws.dispose();
    }
  });
});
