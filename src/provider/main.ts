/**
 * terraform-provider-whatsapp: the executable Terraform/OpenTofu launch.
 *
 * Only the plugin plumbing is evaluated before the handshake line; the provider (and,
 * through it, the engine, HTTP client and protobuf code) is `require`d on first use, so
 * esbuild keeps it in the bundle but start-up does not pay for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitUnlessNodeAtLeast } from '../plugin/protocol/node-version';
import { runPlugin } from '../plugin/protocol/plugin-main';
import type { PrecomputedAnswers } from '../plugin/protocol/precomputed-answers';

/** Written by the build beside the executable (src/provider/precompute.ts); absent in a one-file bundle. */
export const PRECOMPUTED_ANSWERS_FILE = 'whatsapp-provider-answers.json';

// The build's tag of the code the answers were computed from (scripts/build.mjs defines it);
// undefined in any other bundle, which then answers everything live.
declare const WHATSAPP_PROVIDER_BUILD: string | undefined;

function loadPrecomputedAnswers(): PrecomputedAnswers | undefined {
  if (typeof WHATSAPP_PROVIDER_BUILD !== 'string') return undefined;
  const file = JSON.parse(readFileSync(join(__dirname, PRECOMPUTED_ANSWERS_FILE), 'utf8')) as {
    build?: unknown;
    answers?: PrecomputedAnswers;
  };
  return file.build === WHATSAPP_PROVIDER_BUILD ? file.answers : undefined;
}

// The standalone executable carries its own Node.js; the JS form runs on whatever `node` is on PATH.
exitUnlessNodeAtLeast(20, 'terraform-provider-whatsapp');

const NOT_A_COMMAND_MESSAGE = `This binary is a plugin for Terraform and OpenTofu: the WhatsApp Cloud API
Local Storage provider (registry.terraform.io/waba/whatsapp). It is not meant to be run
directly. Use it from a configuration instead:

  terraform {
    required_providers {
      whatsapp = { source = "registry.terraform.io/waba/whatsapp" }
    }
  }

then run \`terraform init\` / \`tofu init\` and \`plan\` / \`apply\`. For a local build, point a
dev_overrides block in your CLI configuration (TF_CLI_CONFIG_FILE) at this directory.
`;

runPlugin({
  name: 'terraform-provider-whatsapp',
  notACommandMessage: NOT_A_COMMAND_MESSAGE,
  loadService: () => (require('./provider') as typeof import('./provider')).createProviderService(),
  loadPrecomputedAnswers,
});
