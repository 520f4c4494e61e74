/**
 * Graph versions as tests name them: each one derived from the version table
 * (src/cloud-api/api-version.ts) by what it stands for, so a new row there moves the tests with it.
 */
import {
  DEFAULT_API_VERSION,
  FIRST_SETTINGS_VERSION,
  GRAPH_VERSIONS,
  LAST_REGISTER_VERSION,
  parseApiVersion,
} from '../src/cloud-api/api-version';
import { DEFAULT_OPTIONS } from '../src/emulator/seed';

export { DEFAULT_API_VERSION, FIRST_SETTINGS_VERSION, GRAPH_VERSIONS, LAST_REGISTER_VERSION };

function row(version: string): number {
  const index = GRAPH_VERSIONS.findIndex((g) => g.version === parseApiVersion(version).raw);
  if (index < 0) throw new Error(`${version} is not a row of the version table`);
  return index;
}

/** The table's next newer version than `version` (the one Meta moves a stopped version's calls to). */
export function versionAfter(version: string): string {
  const index = row(version);
  if (index === 0) throw new Error(`${version} is the newest version in the table`);
  return GRAPH_VERSIONS[index - 1].version;
}

/** The table's next older version than `version`. */
export function versionBefore(version: string): string {
  const index = row(version);
  if (index === GRAPH_VERSIONS.length - 1) throw new Error(`${version} is the oldest version in the table`);
  return GRAPH_VERSIONS[index + 1].version;
}

/** The oldest version the emulator serves by default: long stopped, so Meta answers it as a newer one. */
export const OLDEST_SERVED_VERSION = DEFAULT_OPTIONS.min_api_version;

/** A version newer than any in the table (one Meta has not released): the emulator does not serve it. */
export const NEWER_THAN_TABLE = `v${GRAPH_VERSIONS[0].major + 1}.0`;

/** A version older than any in the table: the emulator does not serve it. */
export const OLDER_THAN_TABLE = `v${GRAPH_VERSIONS[GRAPH_VERSIONS.length - 1].major - 1}.0`;

/** `version` as regular-expression source (its dot matches only a dot). */
export function versionPattern(version: string): string {
  return version.replace(/\./g, '\\.');
}
