/**
 * Which flow the engine speaks: the configured Graph version as Meta answers it
 * now. The answer headers (facebook-api-version, Date) of the last call decide
 * when there was one, the version table and our clock otherwise.
 */
import type { GraphApiClient } from '../cloud-api/client';
import { effectiveApiVersion, versionLifecycle, type VersionLifecycle, type VersionNames } from '../cloud-api/api-version';
import { FIRST_SETTINGS_API_MAJOR } from '../cloud-api/api-version';
import type { ApiVersion } from './types';

/** Where the configured version stands; its notice is worded in `names` (the caller's). */
export function currentLifecycle(client: GraphApiClient, configured: ApiVersion, names?: VersionNames): VersionLifecycle {
  return versionLifecycle(configured.raw, client.serverNow(), client.serverView().answeredVersion, names);
}

/** The configured version with the flow of the version that answers it. */
export function flowVersion(client: GraphApiClient, configured: ApiVersion): ApiVersion {
  return effectiveApiVersion(configured, currentLifecycle(client, configured));
}

/** After Meta refused a legacy register parameter as deprecated: the Settings API flow from here on. */
export function settingsFlow(version: ApiVersion): ApiVersion {
  return { ...version, flow: 'settings', answeredAs: version.answeredAs ?? `v${FIRST_SETTINGS_API_MAJOR}.0` };
}
