/**
 * AutoMTLS server identity: a fresh ECDSA P-256 key and a self-signed certificate for
 * `localhost`, made in-process (no openssl child, no ASN.1 library: start-up time matters).
 *
 * go-plugin's client pins exactly this certificate (it arrives in the handshake line) and
 * verifies it with ServerName "localhost"; it must also be usable as a CA for itself,
 * hence CA:TRUE + keyCertSign, and carry both EKUs like go-plugin's own certificates.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A hand-written DER encoder for this one certificate shape. We first built it with
// @peculiar/asn1-x509, but loading and running that library cost ~25 ms of the ~50 ms
// start-up budget (measured with --cpu-prof); the tests decode our certificate with
// @peculiar/asn1-x509 and check every field, so the library still vouches for it.

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let head: Buffer;
  if (n < 0x80) head = Buffer.from([tag, n]);
  else if (n < 0x100) head = Buffer.from([tag, 0x81, n]);
  else if (n < 0x10000) head = Buffer.from([tag, 0x82, n >> 8, n & 0xff]);
  else throw new Error('DER value too long');
  return Buffer.concat([head, content]);
}
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octets = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2))) : tlv(0x18, Buffer.from(digits));
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
const EXT_KEY_USAGE = '2.5.29.37';
const SUBJECT_ALT_NAME = '2.5.29.17';
const KP_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const KP_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/** Long enough for any engine run; the engine pins the cert for this process only. */
const VALIDITY_MS = 7 * 24 * 3600 * 1000;
/** Tolerates small clock differences between the engine and us. */
const BACKDATE_MS = 60 * 1000;

export interface ServerIdentity {
  keyPem: string;
  certPem: string;
  certDer: Buffer;
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), TRUE, octets(value)) : seq(oid(id), octets(value));
}

/** `organization` names the plugin in the certificate's subject (diagnostics only; trust is by the exact certificate). */
export function createServerIdentity(now: Date = new Date(), organization = 'terraform-plugin'): ServerIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0] &= 0x7f; // positive INTEGER
  serial[0] |= 0x01; // and no leading zero octet to strip
  const name = seq(set(seq(oid(ORGANIZATION), utf8(organization))), set(seq(oid(COMMON_NAME), utf8('localhost'))));
  const signatureAlgorithm = seq(oid(ECDSA_WITH_SHA256));
  // keyUsage bits 0 (digitalSignature), 2 (keyEncipherment), 5 (keyCertSign): 0xA4, 2 unused bits.
  const keyUsage = Buffer.from([0x03, 0x02, 0x02, 0xa4]);
  const tbs = seq(
    explicit(0, Buffer.from([0x02, 0x01, 0x02])), // version v3
    tlv(0x02, serial),
    signatureAlgorithm,
    name,
    seq(time(new Date(now.getTime() - BACKDATE_MS)), time(new Date(now.getTime() + VALIDITY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        extension(BASIC_CONSTRAINTS, true, seq(TRUE)),
        extension(KEY_USAGE, true, keyUsage),
        extension(EXT_KEY_USAGE, false, seq(oid(KP_SERVER_AUTH), oid(KP_CLIENT_AUTH))),
        extension(SUBJECT_ALT_NAME, false, seq(tlv(0x82, Buffer.from('localhost')))),
      ),
    ),
  );
  const signature = signDer(tbs, privateKey);
  const certDer = seq(tbs, signatureAlgorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certPem = toPem('CERTIFICATE', certDer);
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { keyPem, certPem, certDer };
}

/** ECDSA signature in the DER (r,s) form X.509 expects. */
function signDer(data: Buffer, key: KeyObject): Buffer {
  return sign('sha256', data, { key, dsaEncoding: 'der' });
}

export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The handshake's 6th field: DER in standard base64 without `=` padding (Go RawStdEncoding). */
export function handshakeCertField(certDer: Buffer): string {
  return certDer.toString('base64').replace(/=+$/, '');
}
