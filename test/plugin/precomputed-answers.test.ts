/**
 * The answers a provider process gives from whatsapp-provider-answers.json (before it loads
 * the provider) are the answers it gives live: same bytes by construction (the build runs
 * the live handlers), checked here through gRPC for both protocol versions, each answer
 * decoded by an independent client (@grpc/proto-loader).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dv, startProvider, type ProviderProcess } from '../provider/harness';
import { repoRoot } from '../e2e/harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

const executable = join(repoRoot, 'dist', 'bin', 'terraform-provider-whatsapp.js');
const config = dv({
  access_token: 'precomputed-token',
  api_version: FIRST_SETTINGS_VERSION,
  base_url: 'http://127.0.0.1:9',
  request_timeout_seconds: null,
  max_retries: null,
});

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

const answersFile = join(repoRoot, 'dist', 'bin', 'whatsapp-provider-answers.json');
type AnswersFile = { build: string; answers: Record<string, string> };

test('the build wrote an answer for each RPC that depends on nothing, in both protocol versions', () => {
  const { build, answers } = JSON.parse(readFileSync(answersFile, 'utf8')) as AnswersFile;
  expect(build).toMatch(/^[0-9a-f]{16}$/);
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

test.each([6, 5] as const)(
  'protocol %i: precomputed answers equal live ones',
  async (version) => {
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
  },
  30_000,
);

// A part copied in from another build must not answer for this one: the handshake file carries
// the tag of the code the answers were computed from and ignores a file with another tag.
test("answers tagged with another build are ignored; with this build's tag they are used", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'precomputed-'));
  try {
    cpSync(join(repoRoot, 'dist', 'bin'), dir, { recursive: true });
    const real = JSON.parse(readFileSync(answersFile, 'utf8')) as AnswersFile;
    // A wrong answer in the file: an empty schema.
    const wrong = { ...real.answers, '/tfplugin6.Provider/GetProviderSchema': '' };
    const schemaWith = async (file: AnswersFile) => {
      writeFileSync(join(dir, 'whatsapp-provider-answers.json'), JSON.stringify(file));
      const p = await startProvider({ executable: join(dir, 'terraform-provider-whatsapp.js'), protocolVersions: '6' });
      try {
        return await p.v6.getProviderSchema({});
      } finally {
        await p.close();
      }
    };
    expect((await schemaWith({ build: 'another-build', answers: wrong })).resourceSchemas).toHaveProperty('whatsapp_local_storage');
    expect((await schemaWith({ build: real.build, answers: wrong })).resourceSchemas ?? {}).toEqual({});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
