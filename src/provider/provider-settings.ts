/**
 * ConfigureProvider's input rules: each setting comes from configuration,
 * else its environment variable, else a default. Unknown configuration values
 * (a token produced by another resource, during plan) are not an error:
 * Terraform configures the provider again with known values before apply, so
 * the provider records that it cannot talk to the API yet.
 */
import { ApiVersionError, DEFAULT_API_VERSION, parseApiVersion } from '../cloud-api/api-version';
import type { Diagnostic } from '../plugin/diagnostics';
import { errorDiag } from '../plugin/diagnostics';
import type { EngineSettings } from './engine-port';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../cloud-api/base-url';
import { HCL_INPUT_NAMES } from './engine-input-paths';
import { ENV_ACCESS_TOKEN, ENV_API_VERSION, ENV_BASE_URL, providerConfigSchema, type ProviderConfigView } from './schema/provider-config';
import { validateConfig } from '../plugin/validators/run-validators';
import { attributeNames } from '../plugin/schema/model';
import { baseUrl as baseUrlValidator } from './validators/whatsapp-validators';

export type SettingsResolution =
  | { kind: 'ready'; settings: EngineSettings; sources: Record<string, 'config' | 'env' | 'default'> }
  | { kind: 'unknown'; unknownAttributes: string[] }
  | { kind: 'invalid'; diagnostics: Diagnostic[] };

export function resolveProviderSettings(config: ProviderConfigView, env: NodeJS.ProcessEnv): SettingsResolution {
  const diagnostics = validateConfig(providerConfigSchema, config);
  if (diagnostics.some((d) => d.severity === 'error')) return { kind: 'invalid', diagnostics };

  const unknownAttributes = attributeNames(providerConfigSchema).filter((n) => config.isUnknown(n));
  if (unknownAttributes.length > 0) return { kind: 'unknown', unknownAttributes };

  const sources: Record<string, 'config' | 'env' | 'default'> = {};
  // The fallback variable is the schema's envVar, so the schema, its docs and this lookup agree.
  const pick = (name: 'access_token' | 'api_version' | 'base_url', fallback?: string): string | undefined => {
    const envVar = providerConfigSchema.attributes[name].envVar;
    const configured = config.knownString(name);
    if (configured !== undefined && configured.trim() !== '') {
      sources[name] = 'config';
      return configured.trim();
    }
    const fromEnv = envVar === undefined ? undefined : env[envVar];
    if (fromEnv !== undefined && fromEnv.trim() !== '') {
      sources[name] = 'env';
      return fromEnv.trim();
    }
    sources[name] = 'default';
    return fallback;
  };

  const accessToken = pick('access_token');
  if (accessToken === undefined) {
    diagnostics.push(
      errorDiag(
        'Missing access token',
        `The provider needs a Graph API access token: set access_token in the provider "whatsapp" block (from a sensitive variable) or the ${ENV_ACCESS_TOKEN} environment variable.`,
        ['access_token'],
      ),
    );
  }

  const rawVersion = pick('api_version', DEFAULT_API_VERSION)!;
  let apiVersion;
  try {
    apiVersion = parseApiVersion(rawVersion, HCL_INPUT_NAMES.apiVersion);
  } catch (err) {
    const message = err instanceof ApiVersionError ? err.message : String(err);
    diagnostics.push(
      errorDiag('Invalid api_version', sources.api_version === 'env' ? `${message} (from ${ENV_API_VERSION})` : message, ['api_version']),
    );
  }

  const baseUrl = pick('base_url', DEFAULT_BASE_URL)!;
  if (sources.base_url === 'env') {
    for (const d of baseUrlValidator().validate(baseUrl, ['base_url']))
      diagnostics.push({ ...d, detail: `${d.detail} (from ${ENV_BASE_URL})` });
  }

  if (diagnostics.some((d) => d.severity === 'error') || !apiVersion || accessToken === undefined) return { kind: 'invalid', diagnostics };

  const settings: EngineSettings = { accessToken, apiVersion, baseUrl: normalizeBaseUrl(baseUrl, HCL_INPUT_NAMES) };
  const timeout = config.knownNumber('request_timeout_seconds');
  if (timeout !== undefined) settings.timeoutMs = Math.round(timeout * 1000);
  const offline = config.knownNumber('max_numbers_offline');
  if (offline !== undefined) settings.maxNumbersOffline = offline;
  const retries = config.knownNumber('max_retries');
  if (retries !== undefined) settings.maxRetries = retries;
  return { kind: 'ready', settings, sources };
}
