// Entry point of a provider executable backed by the test-only ProviderService; the
// harness bundles it with esbuild when asked for `{ testService: true }`.
import { runPlugin } from '../../src/plugin/protocol/plugin-main';
import { createTestService } from './protocol-test-service';

runPlugin({ name: 'terraform-provider-test', notACommandMessage: 'This binary is a test plugin.\n', loadService: createTestService });
