// Entry point of a provider executable serving test/plugin/framework-provider.ts through the
// plugin framework's server; test/plugin/framework-server.test.ts bundles it with esbuild.
import { runPlugin } from '../../src/plugin/protocol/plugin-main';
import { createProviderServer } from '../../src/plugin/server/provider-server';
import { exampleProvider } from './framework-provider';

runPlugin({
  name: 'terraform-provider-example',
  notACommandMessage: 'This binary is a test plugin.\n',
  loadService: () => createProviderServer(exampleProvider),
});
