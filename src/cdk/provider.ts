/**
 * `WhatsAppProvider`: the generated provider binding with synth-time checks and
 * defaults that keep secrets out of the synthesized JSON. Each entry point
 * subclasses its own generated `WhatsappProvider` and calls `checkProvider`.
 */
import type { IConstruct } from 'constructs';
import { DEFAULT_API_VERSION, looksLikeApiVersion } from '../cloud-api/api-version';
import { explainInvalidBaseUrl } from '../cloud-api/base-url';
import type { CdkLibrary, CdkTypes } from './library';

export interface WhatsAppProviderProps {
  /**
   * Graph API base URL without the version, e.g. `http://127.0.0.1:8787` for the
   * bundled emulator.
   *
   * @default - the provider reads `WHATSAPP_BASE_URL`, else uses `https://graph.facebook.com`
   */
  readonly baseUrl?: string;
  /**
   * Graph API access token. Pass a sensitive `TerraformVariable`'s `stringValue`,
   * never a literal: a literal is written in plain text to `cdk.tf.json` (synth warns).
   *
   * @default - the provider reads `WHATSAPP_ACCESS_TOKEN`
   */
  readonly accessToken?: string;
  /**
   * Graph API version such as `v26.0`. `v21.0` and newer change the region with the
   * Settings API; `v20.0` and older used the legacy register flow, which Meta no longer
   * serves (since 2026-09-24 it answers v20.0 as v21.0, and the provider follows).
   *
   * @default - the provider reads `WHATSAPP_API_VERSION`, else uses the newest version it knows (`v26.0`)
   */
  readonly apiVersion?: string;
  /**
   * Timeout of one Graph request, in seconds.
   *
   * @default 30
   */
  readonly requestTimeoutSeconds?: number;
  /**
   * Retries of a request that failed with a retryable error (rate limit, transient 5xx).
   *
   * @default - the engine's retry policy
   */
  readonly maxRetries?: number;
  /**
   * How many numbers of this provider configuration may be offline for a storage change
   * at once (between their deregister and their register), whatever the engine's
   * `-parallelism`: a change over a whole WABA is rolled out this many numbers at a time.
   * A number waits for its turn while still registered, so waiting adds no downtime.
   *
   * @default 1
   */
  readonly maxNumbersOffline?: number;
  /**
   * Provider alias, to manage numbers of several Meta apps (tokens) in one stack.
   * Pass the provider to `WhatsAppLocalStorage` through its `provider` prop.
   *
   * @default - the default provider configuration
   */
  readonly alias?: string;
}

/** looksLikeApiVersion as a plain boolean: its `raw is string` would narrow a failing string to `never`. */
const isApiVersionText = (text: string): boolean => looksLikeApiVersion(text);

/** Problems with the provider props that are knowable at synth time. */
export function providerPropProblems<T extends CdkTypes>(props: WhatsAppProviderProps, library: CdkLibrary<T>): string[] {
  const { isLiteral } = library;
  const problems: string[] = [];
  if (isLiteral(props.baseUrl)) {
    const problem = explainInvalidBaseUrl(props.baseUrl, { baseUrl: 'baseUrl', apiVersion: 'apiVersion', accessToken: 'accessToken' });
    if (problem) problems.push(problem);
  }
  if (isLiteral(props.apiVersion) && !isApiVersionText(props.apiVersion)) {
    problems.push(`apiVersion "${props.apiVersion}" is not a Graph API version: write it like ${DEFAULT_API_VERSION}.`);
  }
  if (isLiteral(props.requestTimeoutSeconds) && !(props.requestTimeoutSeconds > 0 && props.requestTimeoutSeconds <= 600)) {
    problems.push(`requestTimeoutSeconds ${props.requestTimeoutSeconds} is out of range: use a number of seconds above 0 and at most 600.`);
  }
  if (isLiteral(props.maxRetries) && !(Number.isInteger(props.maxRetries) && props.maxRetries >= 0 && props.maxRetries <= 10)) {
    problems.push(`maxRetries ${props.maxRetries} is out of range: use a whole number from 0 to 10.`);
  }
  if (
    isLiteral(props.maxNumbersOffline) &&
    !(Number.isInteger(props.maxNumbersOffline) && props.maxNumbersOffline >= 1 && props.maxNumbersOffline <= 1000)
  ) {
    problems.push(
      `maxNumbersOffline ${props.maxNumbersOffline} is out of range: use a whole number from 1 (the default: one number at a time) to 1000.`,
    );
  }
  if (isLiteral(props.accessToken) && props.accessToken.trim() === '') {
    problems.push('accessToken is empty: leave it unset to use WHATSAPP_ACCESS_TOKEN, or pass a sensitive TerraformVariable.');
  }
  return problems;
}

/** Adds the synth-time checks and warnings to a `WhatsAppProvider` of an entry point. */
export function checkProvider<T extends CdkTypes>(provider: IConstruct, props: WhatsAppProviderProps, library: CdkLibrary<T>): void {
  provider.node.addValidation({ validate: () => providerPropProblems(props, library) });
  if (library.isLiteral(props.accessToken) && props.accessToken.trim() !== '') {
    library.warn(
      provider,
      'accessToken is a literal string, so it is written in plain text to cdk.tf.json: leave it unset and export WHATSAPP_ACCESS_TOKEN, or pass a sensitive TerraformVariable.',
    );
  }
}
