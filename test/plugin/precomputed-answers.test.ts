/**
 * The answers a provider process gives from whatsapp-provider-answers.json (before it loads
 * the provider) are the answers it gives live: same bytes by construction (the build runs
 * the live handlers), checked here through gRPC for both protocol versions, each answer
 * decoded by an independent client (@grpc/proto-loader).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dv, startProvider, type ProviderProcess } from '../provider/harness';
import { repoRoot } from '../e2e/harness';

const executable = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');
const config = dv({ access_token: 'precomputed-token', api_version: 'v21.0', base_url: 'http://127.0.0.1:9', request_timeout_seconds: null, max_retries: null });

const answersOf = {
  6: async (p: ProviderProcess) => ({
    metadata: await p.v6.getMetadata({}),
    schema: await p.v6.getProviderSchema({}),
    identity: await p.v6.getResourceIdentitySchemas({}),
  }),
  5: async (p: ProviderProcess) => ({
    metadata: await p.call('/tfplugin5.Provider/GetMetadata', {}),
    schema: await p.call('/tfplugin5.Provider/GetSchema', {}),
    identity: await p.call('/tfplugin5.Provider/GetResourceIdentitySchemas', {}),
  }),
};

test('the build wrote an answer for each RPC that depends on nothing, in both protocol versions', () => {
  const answers = JSON.parse(readFileSync(join(repoRoot, 'dist', 'bin', 'whatsapp-provider-answers.json'), 'utf8')) as Record<string, string>;
  expect(Object.keys(answers).sort()).toEqual(
    [
      '/tfplugin5.Provider/GetMetadata',
      '/tfplugin5.Provider/GetResourceIdentitySchemas',
      '/tfplugin5.Provider/GetSchema',
      '/tfplugin6.Provider/GetMetadata',
      '/tfplugin6.Provider/GetProviderSchema',
      '/tfplugin6.Provider/GetResourceIdentitySchemas',
    ].sort(),
  );
});

test.each([6, 5] as const)('protocol %i: precomputed answers equal live ones', async (version) => {
  const fresh = await startProvider({ executable, protocolVersions: String(version) });
  let precomputed;
  try {
    precomputed = await answersOf[version](fresh);
  } finally {
    await fresh.close();
  }
  const loaded = await startProvider({ executable, protocolVersions: String(version) });
  let live;
  try {
    // Any call that needs the provider loads it; from then on every answer is computed live.
    if (version === 6) expect((await loaded.v6.validateProviderConfig({ config })).diagnostics ?? []).toEqual([]);
    else await loaded.call('/tfplugin5.Provider/PrepareProviderConfig', { config });
    live = await answersOf[version](loaded);
  } finally {
    await loaded.close();
  }
  expect((precomputed.schema as { resourceSchemas?: Record<string, unknown> }).resourceSchemas).toHaveProperty('whatsapp_local_storage');
  expect(precomputed).toEqual(live);
}, 30_000);
