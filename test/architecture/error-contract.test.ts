/**
 * The seams between the layers, read from the source: HTTP and Graph's own
 * vocabulary stay in src/cloud-api (the emulator plays Meta, so it may speak it
 * too), Graph error codes are interpreted in one engine module, and no import
 * points up from the client to the engine or from the engine to the provider.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const files = sources(src).map((file) => ({ path: relative(root, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
const inside = (path: string, ...folders: string[]) => folders.some((f) => path.startsWith(`src/${f}/`));
const ERROR_MODULE = 'src/engine/engine-errors.ts';

test('only the Graph client (and the emulator, for its own admin API) speaks HTTP through axios', () => {
  const offenders = files.filter(
    (f) => !inside(f.path, 'cloud-api', 'emulator') && importsOf(f.text).some((i) => i === 'axios' || i.startsWith('axios/')),
  );
  expect(offenders.map((f) => f.path)).toEqual([]);
});

test('the client imports nothing from the layers above it, the engine nothing from the provider, CLI or construct', () => {
  const up = (f: { path: string; text: string }, layers: string[]) =>
    importsOf(f.text).filter((i) => layers.some((l) => new RegExp(`(^|/)\\.\\./${l}(/|$)`).test(i)));
  const fromClient = files
    .filter((f) => inside(f.path, 'cloud-api'))
    .flatMap((f) => up(f, ['engine', 'provider', 'plugin', 'cdk', 'cdktf', 'cdktn', 'cli']).map((i) => `${f.path} -> ${i}`));
  const fromEngine = files
    .filter((f) => inside(f.path, 'engine'))
    .flatMap((f) => up(f, ['provider', 'plugin', 'cdk', 'cdktf', 'cdktn', 'cli']).map((i) => `${f.path} -> ${i}`));
  expect([...fromClient, ...fromEngine]).toEqual([]);
});

test('the client error class is seen only by the engine error module', () => {
  const offenders = files.filter(
    (f) =>
      !inside(f.path, 'cloud-api', 'emulator') &&
      f.path !== ERROR_MODULE &&
      (/\bGraphApiError\b/.test(f.text) || importsOf(f.text).some((i) => /cloud-api\/errors$/.test(i))),
  );
  expect(offenders.map((f) => f.path)).toEqual([]);
});

test('Graph error codes are named only in the client, the emulator and the engine error module', () => {
  // Codes distinctive enough to find as text: Local Storage's own (1330xx), throttling, account locks, auth.
  const code = /\b(1330\d\d|131031|130429|80007)\b|\bgraphCode\b/;
  const offenders = files.filter((f) => !inside(f.path, 'cloud-api', 'emulator') && f.path !== ERROR_MODULE && code.test(f.text));
  expect(offenders.map((f) => f.path)).toEqual([]);
});

test('no Graph path is built outside the client', () => {
  const path = /`\/\$\{[^}]+\}(\/(settings|register|deregister|request_code|verify_code|phone_numbers))?`/;
  const offenders = files.filter((f) => !inside(f.path, 'cloud-api', 'emulator') && path.test(f.text));
  expect(offenders.map((f) => f.path)).toEqual([]);
});
