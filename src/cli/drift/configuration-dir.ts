/**
 * Whether --dir is a Terraform/OpenTofu configuration the engine can plan:
 * an existing directory with .tf, .tf.json, .tofu or .tofu.json files. A CDKTF
 * project is planned from its synthesized stack (cdktf.out/stacks/<name>).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CONFIGURATION_FILE = /\.(tf|tofu)(\.json)?$/;

function stacksOf(dir: string): string[] {
  const stacks = join(dir, 'cdktf.out', 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks)
    .filter((name) => statSync(join(stacks, name)).isDirectory())
    .map((name) => join(stacks, name));
}

/** Throws an error naming the directory and the fix when `dir` holds no configuration. */
export function checkConfigurationDirectory(dir: string): void {
  if (!existsSync(dir)) {
    throw new Error(`--dir ${dir} does not exist: pass the directory that holds the Terraform/OpenTofu configuration (its .tf files)`);
  }
  if (!statSync(dir).isDirectory()) throw new Error(`--dir ${dir} is not a directory: pass the directory that holds the configuration`);
  if (readdirSync(dir).some((name) => CONFIGURATION_FILE.test(name) && statSync(join(dir, name)).isFile())) return;
  const stacks = stacksOf(dir);
  if (stacks.length > 0) {
    throw new Error(
      `--dir ${dir} is a CDKTF project, not a configuration: pass its synthesized stack, ` +
        `--dir ${stacks.length === 1 ? stacks[0] : `one of ${stacks.join(', ')}`}`,
    );
  }
  if (existsSync(join(dir, 'cdktf.json'))) {
    throw new Error(
      `--dir ${dir} is a CDKTF project with no synthesized stack: ` +
        `run \`cdktf synth\`, then pass --dir ${join(dir, 'cdktf.out', 'stacks', '<stack>')}`,
    );
  }
  throw new Error(
    `--dir ${dir} holds no Terraform/OpenTofu configuration (no .tf, .tf.json, .tofu or .tofu.json files): pass the directory that does`,
  );
}
