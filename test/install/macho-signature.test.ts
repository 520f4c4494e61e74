/**
 * The Mach-O signature checker (macho-signature.ts) against code signed by others, and our signer
 * (scripts/lib/macho-codesign.mjs) against them: a program the Go toolchain cross-compiles for
 * darwin/arm64 (its linker signs ad-hoc) must verify, fail with one byte changed, and come out of
 * our signer byte for byte as the Go linker wrote it. The release's darwin executables are
 * checked in release-mirror.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness';
import { verifyMachOSignature } from './macho-signature';

jest.setTimeout(300_000);

let work: string;
let goBinary: Buffer;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wls-macho-'));
  writeFileSync(join(work, 'go.mod'), 'module hello\n\ngo 1.21\n');
  writeFileSync(join(work, 'main.go'), 'package main\n\nfunc main() { println("hello") }\n');
  const build = spawnSync('go', ['build', '-trimpath', '-o', 'hello', '.'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, GOOS: 'darwin', GOARCH: 'arm64', CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '' },
  });
  if (build.error || build.status !== 0)
    throw new Error(`GOOS=darwin GOARCH=arm64 go build failed (Go is needed): ${build.error?.message ?? build.stderr}`);
  goBinary = readFileSync(join(work, 'hello'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Our signer, run as the release runs it (an ES module of scripts/). */
function signWithOurs(input: Buffer, identifier: string): Buffer {
  writeFileSync(join(work, 'in'), input);
  const script = `import { adhocSign } from ${JSON.stringify(join(repoRoot, 'scripts', 'lib', 'macho-codesign.mjs'))};
import { readFileSync, writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(join(work, 'out'))}, adhocSign(readFileSync(${JSON.stringify(join(work, 'in'))}), ${JSON.stringify(identifier)}));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return readFileSync(join(work, 'out'));
}

test('a darwin/arm64 program signed by the Go linker verifies: ad-hoc, SHA-256 over 4 KiB pages up to the signature', () => {
  const signature = verifyMachOSignature(goBinary);
  expect(signature).toMatchObject({ adhoc: true, hashType: 'sha256', pageSize: 4096, blobs: [0] });
  expect(signature.pages).toBe(Math.ceil(signature.codeLimit / 4096));
});

test('one changed byte anywhere before the signature is caught', () => {
  for (const at of [0x4000 + 17, Math.floor(goBinary.length / 2)]) {
    const changed = Buffer.from(goBinary);
    changed[at] ^= 0x01;
    expect(() => verifyMachOSignature(changed)).toThrow(`page ${Math.floor(at / 4096)} `);
  }
});

test('an unsigned or truncated file is refused, not passed', () => {
  expect(() => verifyMachOSignature(Buffer.from('#!/bin/sh\n'))).toThrow(/not a 64-bit/);
  expect(() => verifyMachOSignature(goBinary.subarray(0, goBinary.length - 100))).toThrow(/past the end/);
});

test('our signer writes the signature the Go linker wrote, byte for byte, and a changed program re-signed verifies again', () => {
  const identifier = verifyMachOSignature(goBinary).identifier;
  expect(signWithOurs(goBinary, identifier).equals(goBinary)).toBe(true);
  const changed = Buffer.from(goBinary);
  changed[0x4000 + 17] ^= 0x01;
  const resigned = signWithOurs(changed, 'hello');
  expect(verifyMachOSignature(resigned)).toMatchObject({ identifier: 'hello', adhoc: true });
});
