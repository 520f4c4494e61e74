/**
 * Turning an HTTP request into Graph terms: the versioned path, the parameters
 * (query string, JSON, form or multipart body, merged as Graph does), the access
 * token, and a redacted copy of the parameters for the call log.
 */
import type { IncomingMessage } from 'node:http';
import { looksLikeApiVersion, parseApiVersion } from '../cloud-api/api-version';
import { GraphError, invalidParameter } from './graph-errors';
import type { ApiVersionInfo } from './graph-rules';
import { SECRET_MASK } from '../shared/secret-mask';

export interface GraphPath {
  version: ApiVersionInfo;
  id: string;
  edge: string;
}

const SECRET_PARAMS = new Set(['pin', 'access_token', 'code', 'password']);
export const MAX_BODY_BYTES = 1_048_576;

/** A path's version segment; Graph paths always spell the "v". */
export function parseVersion(raw: string): ApiVersionInfo | undefined {
  if (!raw.startsWith('v') || !looksLikeApiVersion(raw)) return undefined;
  const { major, minor } = parseApiVersion(raw);
  return { raw, major, minor };
}

export function compareVersions(a: ApiVersionInfo, b: ApiVersionInfo): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Splits "/v21.0/123/settings"; the version part may be undefined (unversioned or malformed). */
export function splitPath(pathname: string): { versionRaw?: string; version?: ApiVersionInfo; id?: string; edge: string; extra: boolean } {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  const version = parts.length > 0 ? parseVersion(parts[0]) : undefined;
  const rest = version ? parts.slice(1) : parts;
  return { versionRaw: version ? parts[0] : undefined, version, id: rest[0], edge: rest[1] ?? '', extra: rest.length > 2 };
}

/** Graph answers 2500 "Unknown path components" for versions it does not serve and for unversioned calls. */
export function unknownPathError(pathname: string): GraphError {
  const message = `Unknown path components: ${pathname}`;
  return new GraphError(2500, message, { message });
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () =>
      tooBig ? reject(invalidParameter(`Request body is larger than ${MAX_BODY_BYTES} bytes`)) : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function fromSearchParams(sp: URLSearchParams, into: Record<string, unknown>): void {
  for (const [k, v] of sp) into[k] = v;
}

/** Query parameters, then body parameters on top (the body wins on a clash, as with Graph POSTs). */
export function parseParams(query: string, contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (query) fromSearchParams(new URLSearchParams(query), params);
  if (body.length === 0) return params;
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json' || (type === '' && /^\s*[{[]/.test(text))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw invalidParameter(`The request body is not valid JSON (${(e as Error).message}); send a JSON object`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidParameter('The request body must be a JSON object of parameters');
    }
    Object.assign(params, parsed);
  } else if (type === 'application/x-www-form-urlencoded' || type === '') {
    fromSearchParams(new URLSearchParams(text), params);
  } else if (type === 'multipart/form-data') {
    Object.assign(params, parseMultipart(text, contentType!));
  } else if (type === 'text/plain') {
    // Meta's deregister reference sends an empty text/plain body; any other text is not parameters.
    if (text.trim() !== '' && text.trim() !== '""')
      throw invalidParameter('A text/plain body cannot carry parameters: send JSON or form data');
  } else {
    throw invalidParameter(
      `Unsupported Content-Type ${type}: send application/json, application/x-www-form-urlencoded or multipart/form-data`,
    );
  }
  return params;
}

/** Small multipart/form-data reader for text fields (curl -F name=value), which is all these endpoints take. */
function parseMultipart(text: string, contentType: string): Record<string, string> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw invalidParameter('multipart/form-data body without a boundary');
  const boundary = `--${m[1] ?? m[2]}`;
  const out: Record<string, string> = {};
  for (const part of text.split(boundary)) {
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, sep));
    if (!name) continue;
    out[name[1]] = part.slice(sep + 4).replace(/\r\n$/, '');
  }
  return out;
}

/** Bearer (or OAuth) header first, else the access_token parameter. */
export function extractToken(authorization: string | undefined, params: Record<string, unknown>): string | undefined {
  if (authorization) {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization.trim());
    if (m) return m[1].trim();
  }
  const t = params.access_token;
  return typeof t === 'string' && t !== '' ? t : undefined;
}

/** Copy of the parameters with secrets masked (recursively, so nested objects are safe too). */
export function redactParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (SECRET_PARAMS.has(k)) out[k] = SECRET_MASK;
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out[k] = redactParams(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}
