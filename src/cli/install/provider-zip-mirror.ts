/**
 * The filesystem mirror of the standalone provider (packed layout: HOST/waba/whatsapp/ZIP), written
 * from release zips as they are: engines check and unpack them, and lock their `zh:` and `h1:` hashes.
 * What a runner with only the release (no Node.js) needs for `init`.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PROVIDER_HOSTS } from './provider-mirror';

/** terraform-provider-whatsapp_<version>_<os>_<arch>.zip, as scripts/release.mjs names them. */
const ZIP_NAME = /^terraform-provider-whatsapp_(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)_([a-z0-9]+_[a-z0-9]+)\.zip$/;

export interface ProviderZip {
  file: string;
  version: string;
  platform: string;
}

/** Reads a release zip's version and platform from its name; a clear error for any other file. */
export function parseProviderZip(file: string): ProviderZip {
  const m = ZIP_NAME.exec(basename(file));
  if (!m) {
    throw new Error(
      `--provider-zip ${file}: not a provider release zip; give the release's ` +
        'terraform-provider-whatsapp_<version>_<os>_<arch>.zip under its own name',
    );
  }
  if (!existsSync(file)) throw new Error(`--provider-zip ${file}: no such file`);
  return { file: resolve(file), version: m[1], platform: m[2] };
}

/** The provider release zips in `dir` (the directory of the CLI executable), newest version last. */
export function providerZipsIn(dir: string): ProviderZip[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ZIP_NAME.test(f))
    .sort()
    .map((f) => parseProviderZip(join(dir, f)));
}

/** Copies each zip under both registry hosts; a zip of the same name written earlier is replaced. */
export function writeZipMirror(zips: readonly ProviderZip[], mirrorDir: string): string {
  const root = resolve(mirrorDir);
  for (const host of PROVIDER_HOSTS) {
    const dir = join(root, host, 'waba', 'whatsapp');
    mkdirSync(dir, { recursive: true });
    for (const zip of zips) {
      const target = join(dir, basename(zip.file));
      rmSync(target, { force: true });
      copyFileSync(zip.file, target);
    }
  }
  return root;
}
