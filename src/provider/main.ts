/**
 * terraform-provider-whatsapp: the executable Terraform/OpenTofu launch.
 *
 * Only the plugin plumbing is evaluated before the handshake line; the provider (and,
 * through it, the engine, HTTP client and protobuf code) is `require`d on first use, so
 * esbuild keeps it in the bundle but start-up does not pay for it.
 */
import { exitUnlessNodeAtLeast } from '../plugin/protocol/node-version';
import { runPlugin } from '../plugin/protocol/plugin-main';

// The standalone executable carries its own Node.js; the JS form runs on whatever `node` is on PATH.
exitUnlessNodeAtLeast(20, 'terraform-provider-whatsapp');

runPlugin({
  loadService: () => (require('./provider') as typeof import('./provider')).createProviderService(),
});
