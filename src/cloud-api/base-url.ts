/**
 * The Graph API base URL: the one rule for the whole project (client, provider
 * settings and validators, CDKTF provider props). An http(s) URL with a host, no
 * credentials, query or fragment (the token travels as a header), and no version at
 * the end of the path: the client appends the API version itself, so
 * ".../v21.0" would become ".../v21.0/v21.0". A path prefix (a proxy) is allowed.
 */
import { looksLikeApiVersion } from './api-version';
import { InvalidArgumentError } from './ids';
import { CLIENT_INPUT_NAMES, type ClientInputNames } from './input-names';

export const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** The inputs a base URL's messages name, as the caller's users spell them (snake_case in HCL, camelCase in CDKTF). */
export type BaseUrlNames = Pick<ClientInputNames, 'baseUrl' | 'apiVersion' | 'accessToken'>;

/** Undefined when `raw` is a valid base URL, otherwise a message naming the input and the fix. */
export function explainInvalidBaseUrl(raw: string, names: BaseUrlNames = CLIENT_INPUT_NAMES): string | undefined {
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

/** The base URL without trailing slashes; throws InvalidArgumentError (at `names.baseUrl`) when invalid. */
export function normalizeBaseUrl(raw: string, names: BaseUrlNames = CLIENT_INPUT_NAMES): string {
  const problem = explainInvalidBaseUrl(raw, names);
  if (problem) throw new InvalidArgumentError(problem, names.baseUrl);
  return new URL(raw).toString().replace(/\/+$/, '');
}
