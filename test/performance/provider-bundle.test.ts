/**
 * Start-up guard as a count: what V8 must compile before the handshake line. The build
 * (scripts/build.mjs, run by `npm test` before jest) splits the provider executable into
 * a small handshake file and parts required on first RPC; every install layout carries
 * all the parts. Timings are in bench/provider-startup.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';
import { JS_PROVIDER_FILES } from '../../src/cli/install/provider-mirror';

const bin = join(repoRoot, 'dist', 'bin');
const executable = join(bin, 'terraform-provider-whatsapp.js');
const parts: string[] = JS_PROVIDER_FILES.filter((f) => f !== 'terraform-provider-whatsapp.js');

function requires(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
}

describe('provider executable split', () => {
  beforeAll(() => {
    if (!existsSync(executable)) throw new Error(`${executable} is missing: run node scripts/build.mjs (npm test does)`);
  });

  test('the handshake file stays small: at most 64 KiB to compile before the handshake line', () => {
    expect(readFileSync(executable).length).toBeLessThanOrEqual(64 * 1024);
  });

  test('the build writes exactly the parts every install layout copies (JS_PROVIDER_FILES)', () => {
    const built = readdirSync(bin).filter(
      (f) => /\.(js|json)$/.test(f) && (f.startsWith('whatsapp-provider-') || f.startsWith('terraform-provider-')),
    );
    expect(built.sort()).toEqual([...JS_PROVIDER_FILES].sort());
  });

  test('before the first RPC it needs only node built-ins and its own parts', () => {
    const external = new Set(requires(executable));
    for (const name of external) expect(name.startsWith('node:') || parts.includes(name.replace(/^\.\//, ''))).toBe(true);
    for (const part of parts) expect(existsSync(join(bin, part))).toBe(true);
    // the runtime shares the logger and gRPC plumbing instead of carrying a second copy
    expect(requires(join(bin, 'whatsapp-provider-runtime.js'))).toContain('./whatsapp-provider-shared.js');
  });

  test('the dev-override directory and both mirror hosts hold the same parts, named so engines ignore them', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const target = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
    const dirs = [
      join(repoRoot, 'dist', 'provider'),
      ...['registry.terraform.io', 'registry.opentofu.org'].map((h) =>
        join(repoRoot, 'dist', 'mirror', h, 'waba', 'whatsapp', version, target),
      ),
    ];
    for (const dir of dirs) {
      for (const part of parts) expect(readFileSync(join(dir, part)).equals(readFileSync(join(bin, part)))).toBe(true);
      // one plugin executable per directory: the parts must not look like one
      expect(readdirSync(dir).filter((f) => f.startsWith('terraform-provider-'))).toHaveLength(1);
    }
  });
});
