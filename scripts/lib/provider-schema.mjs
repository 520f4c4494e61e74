// The provider's schema as an engine prints it (`tofu providers schema -json`),
// read from the local build through a filesystem mirror. Used by the CDKTF
// bindings generator and the registry docs generator.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './run.mjs';

export const PROVIDER_ADDRESS = 'registry.terraform.io/waba/whatsapp';

export function schemaFromEngine() {
  const engines = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'wls-schema-'));
  try {
    // OpenTofu keys the schema by the address the configuration spells; the bindings
    // hard-code that key, and Terraform users need registry.terraform.io.
    writeFileSync(join(dir, 'main.tf'), `terraform {\n  required_providers {\n    whatsapp = { source = "${PROVIDER_ADDRESS}" }\n  }\n}\n`);
    writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  filesystem_mirror {\n    path    = "${join(repoRoot, 'dist', 'mirror')}"\n    include = ["${PROVIDER_ADDRESS}"]\n  }\n}\n`);
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' };
    const init = spawnSync(engines.tofu.path, ['init', '-no-color', '-input=false'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`tofu init failed:\n${init.stdout}\n${init.stderr}`);
    const out = spawnSync(engines.tofu.path, ['providers', 'schema', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`tofu providers schema -json failed:\n${out.stderr}`);
    return JSON.parse(out.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads --schema FILE when given, else asks the engine. */
export function loadSchema(argv = process.argv) {
  const i = argv.indexOf('--schema');
  return i >= 0 ? JSON.parse(readFileSync(argv[i + 1], 'utf8')) : schemaFromEngine();
}
