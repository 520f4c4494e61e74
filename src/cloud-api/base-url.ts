/**
 * The Graph API base URL: the one rule for the whole project (client, provider
 * settings and validators, CDKTF provider props). An http(s) URL with a host, no
 * credentials, query or fragment (the token travels as a header), and no version at
 * the end of the path: the client appends the API version itself, so
 * ".../v21.0" would become ".../v21.0/v21.0". A path prefix (a proxy) is allowed.
 */
import { looksLikeApiVersion } from './api-version';
import { InvalidArgumentError } from './ids';

export const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** Attribute names as the caller's users spell them (snake_case in HCL, camelCase in CDKTF). */
export interface BaseUrlNames {
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
}

const HCL_NAMES: BaseUrlNames = { baseUrl: 'base_url', apiVersion: 'api_version', accessToken: 'access_token' };

/** Undefined when `raw` is a valid base URL, otherwise a message naming the attribute and the fix. */
export function explainInvalidBaseUrl(raw: string, names: BaseUrlNames = HCL_NAMES): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return `${names.baseUrl} "${raw}" is not an http(s) URL: write it like "https://graph.facebook.com" or "http://127.0.0.1:8787" (no version path).`;
  }
  // The value is not echoed: credentials in it would be a secret.
  if (url.username || url.password || url.search || url.hash) {
    return `${names.baseUrl} must not carry credentials, a query string or a fragment: pass the token as ${names.accessToken}.`;
  }
  const lastSegment = url.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  if (lastSegment.startsWith('v') && looksLikeApiVersion(lastSegment)) {
    return `${names.baseUrl} "${raw}" ends with an API version: drop the version from ${names.baseUrl} and set ${names.apiVersion} instead.`;
  }
  return undefined;
}

/** The base URL without trailing slashes; throws InvalidArgumentError (attribute base_url) when invalid. */
export function normalizeBaseUrl(raw: string): string {
  const problem = explainInvalidBaseUrl(raw);
  if (problem) throw new InvalidArgumentError(problem, HCL_NAMES.baseUrl);
  return new URL(raw).toString().replace(/\/+$/, '');
}
