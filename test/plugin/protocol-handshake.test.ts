/**
 * The go-plugin launch contract, through the real provider executable: magic cookie,
 * version negotiation, the handshake line, AutoMTLS, plain mode, signals, Shutdown.
 */
import { connect as tlsConnect } from 'node:tls';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from '@peculiar/asn1-x509';
import { toPem } from '../../src/plugin/protocol/tls-cert';
import { clientCredentials, newClientIdentity, spawnProvider, startProvider, waitFor, type ProviderProcess } from '../provider/harness';

const SERVING = 1;

describe('provider handshake', () => {
  let p: ProviderProcess | undefined;
  afterEach(async () => {
    await p?.close();
    p = undefined;
  });

  test('prints one go-plugin handshake line with a pinned localhost certificate', async () => {
    p = await startProvider();
    const hs = p.handshake;
    expect(hs.raw).toMatch(/^1\|6\|unix\|\/[^|]+\|grpc\|[A-Za-z0-9+/]+$/); // base64 without '=' padding
    expect(hs.coreVersion).toBe(1);
    expect(existsSync(hs.address)).toBe(true);

    const cert = hs.cert!;
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const validForMs = Date.parse(cert.validTo) - Date.now();
    expect(validForMs).toBeGreaterThan(3600e3);
    expect(validForMs).toBeLessThan(31 * 24 * 3600e3); // short-lived

    // An independent ASN.1 decoder agrees on every extension we promise.
    const decoded = AsnConvert.parse(cert.raw, Certificate);
    const ext = (id: string) => decoded.tbsCertificate.extensions!.find((e) => e.extnID === id)!;
    expect(AsnConvert.parse(ext(id_ce_basicConstraints).extnValue, BasicConstraints).cA).toBe(true);
    expect(ext(id_ce_basicConstraints).critical).toBe(true);
    const usage = AsnConvert.parse(ext(id_ce_keyUsage).extnValue, KeyUsage).toNumber();
    expect(usage).toBe(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment | KeyUsageFlags.keyCertSign);
    expect([...AsnConvert.parse(ext(id_ce_extKeyUsage).extnValue, ExtendedKeyUsage)].sort()).toEqual(
      [id_kp_serverAuth, id_kp_clientAuth].sort(),
    );
    expect(AsnConvert.parse(ext(id_ce_subjectAltName).extnValue, SubjectAlternativeName).map((n) => n.dNSName)).toEqual(['localhost']);

    // The certificate the TLS server presents is exactly the one in the handshake.
    const peer = await new Promise<Buffer>((resolve, reject) => {
      const socket = tlsConnect({
        path: hs.address,
        servername: 'localhost',
        ca: toPem('CERTIFICATE', cert.raw),
        cert: p!.clientIdentity!.certPem,
        key: p!.clientIdentity!.keyPem,
        ALPNProtocols: ['h2'],
      });
      socket.once('secureConnect', () => {
        const raw = socket.getPeerCertificate().raw;
        expect(socket.alpnProtocol).toBe('h2');
        expect(['TLSv1.2', 'TLSv1.3']).toContain(socket.getProtocol());
        socket.destroy();
        resolve(raw);
      });
      socket.once('error', reject);
    });
    expect(peer.equals(cert.raw)).toBe(true);

    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
  });

  test('without the magic cookie it explains itself to a human and exits 1', async () => {
    const s = spawnProvider({ env: { TF_PLUGIN_MAGIC_COOKIE: undefined } });
    let stdout = '';
    s.child.stdout!.on('data', (d) => (stdout += d));
    const { code } = await s.exited;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(s.stderr()).toMatch(/plugin for Terraform and OpenTofu/);
    expect(s.stderr()).toMatch(/terraform init/);
  });

  test.each([
    ['6', 6],
    ['5', 5],
    ['5,6', 6],
    ['6,5', 6],
    ['4,5', 5],
  ])('PLUGIN_PROTOCOL_VERSIONS=%s negotiates %d', async (offered, expected) => {
    p = await startProvider({ protocolVersions: offered });
    expect(p.handshake.protocolVersion).toBe(expected);
    const schema = expected === 6 ? await p.v6.getProviderSchema({}) : await p.v5.getSchema({});
    expect(schema.provider).toBeDefined();
  });

  test('an engine with no common protocol version gets a clear error', async () => {
    const s = spawnProvider({ protocolVersions: '4' });
    const { code } = await s.exited;
    expect(code).toBe(1);
    expect(s.stderr()).toMatch(/speaks plugin protocol versions 5 and 6.*offered only "4"/);
  });

  test('mTLS: a client certificate other than PLUGIN_CLIENT_CERT is refused', async () => {
    p = await startProvider();
    const target = `unix://${p.handshake.address}`;
    const check = (client: grpc.Client) =>
      new Promise<grpc.ServiceError | null>((resolve) =>
        client.makeUnaryRequest(
          '/grpc.health.v1.Health/Check',
          (x: Buffer) => x,
          (x: Buffer) => x,
          Buffer.alloc(0),
          new grpc.Metadata(),
          { deadline: Date.now() + 5000 },
          (err) => resolve(err),
        ),
      );
    const opts = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
    const stranger = new grpc.Client(target, clientCredentials(p.handshake.certField, newClientIdentity()), opts);
    const anonymous = new grpc.Client(target, clientCredentials(p.handshake.certField), opts);
    try {
      expect((await check(stranger))?.code).toBe(grpc.status.UNAVAILABLE);
      expect((await check(anonymous))?.code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      stranger.close();
      anonymous.close();
    }
    // The engine's own certificate still works, and the process survived the attempts.
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
    await waitFor(() => p!.logs().some((l) => l['@message'] === 'TLS client rejected'), 5000, 'a rejection log line');
  });

  test('without PLUGIN_CLIENT_CERT it serves plain h2c and leaves the certificate field empty', async () => {
    p = await startProvider({ mtls: false });
    expect(p.handshake.raw).toMatch(/^1\|6\|unix\|\/[^|]+\|grpc\|$/);
    expect(p.handshake.certField).toBe('');
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
  });

  test('Shutdown answers, then the process exits cleanly and removes its socket', async () => {
    p = await startProvider();
    const socketDir = dirname(p.handshake.address);
    await expect(p.controller.shutdown({})).resolves.toEqual({});
    const { code } = await p.exited;
    expect(code).toBe(0);
    expect(existsSync(socketDir)).toBe(false);
  });

  test('SIGINT is left to the engine; SIGTERM exits cleanly', async () => {
    p = await startProvider({ env: { TF_LOG_PROVIDER: 'debug' } });
    const socketDir = dirname(p.handshake.address);
    p.child.kill('SIGINT');
    await waitFor(() => p!.stderr().includes('ignoring SIGINT'), 5000, 'the SIGINT log line');
    expect((await p.health.check({ service: 'plugin' })).status).toBe(SERVING);
    p.child.kill('SIGTERM');
    const { code, signal } = await p.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(socketDir)).toBe(false);
  });
});
