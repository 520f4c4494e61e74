/**
 * TLS to the API is verified. A local HTTPS server with a self-signed
 * certificate (what a man-in-the-middle would present) is refused before any
 * HTTP request, so the token never reaches it; also when the environment says
 * NODE_TLS_REJECT_UNAUTHORIZED=0. The provider has no insecure option.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { GraphApiClient } from '../../src/cloud-api/client';
import { GraphApiError } from '../../src/cloud-api/errors';
import { createServerIdentity } from '../../src/plugin/protocol/tls-cert';
import { providerConfigSchema } from '../../src/provider/schema/provider-config';
import { REQUIRED_PROVIDERS_HCL } from '../e2e/harness';
import { NUMBER, tofu, TOKEN, workspace } from './harness';

let server: https.Server;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  const identity = createServerIdentity();
  server = https.createServer({ key: identity.keyPem, cert: identity.certPem }, (req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"storage_configuration": {"status": "DEFAULT"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function attempt(): Promise<GraphApiError> {
  const client = new GraphApiClient({ accessToken: TOKEN, baseUrl: url, maxRetries: 0, timeoutMs: 5000 });
  try {
    await client.getSettings(NUMBER);
    throw new Error('the self-signed server was accepted');
  } catch (e) {
    return e as GraphApiError;
  } finally {
    client.close();
  }
}

test('a self-signed certificate is refused and the token is never sent', async () => {
  const error = await attempt();
  expect(error).toBeInstanceOf(GraphApiError);
  expect(error.message).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
  expect(error.message).not.toContain(TOKEN);
  expect(seen).toEqual([]);
});

test('through the provider under OpenTofu, also with NODE_TLS_REJECT_UNAUTHORIZED=0 in its environment', async () => {
  // A real provider process (jest's process.env is a copy, so only a child process proves the variable is ignored).
  const ws = workspace(tofu());
  try {
    ws.write(
      'main.tf',
      `${REQUIRED_PROVIDERS_HCL}provider "whatsapp" {
  base_url = "${url}"
}
data "whatsapp_phone_number" "n" {
  phone_number_id = "${NUMBER}"
}
`,
    );
    await ws.expect(['init']);
    const plan = await ws.run(['plan'], { WHATSAPP_ACCESS_TOKEN: TOKEN, NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    const text = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
    expect(plan.code).toBe(1);
    expect(text).toMatch(/SELF_SIGNED|DEPTH_ZERO|certificate/i);
    expect(text).not.toContain(TOKEN);
    expect(seen).toEqual([]);
  } finally {
    ws.dispose();
  }
}, 60_000);

test('the provider has no option that disables verification', () => {
  expect(Object.keys(providerConfigSchema.attributes).filter((a) => /insecure|skip|verify|tls|ssl|ca/i.test(a))).toEqual([]);
});
