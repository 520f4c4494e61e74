/**
 * Graph API version parsing. The version decides the Local Storage flow:
 * v21.0 and newer write the region with POST /settings, v20.0 and older pass it
 * to POST /register (the "legacy" flow).
 */

/** Parsed Graph API version, e.g. v21.0 -> { major: 21, minor: 0, legacy: false }. */
export interface ApiVersion {
  raw: string;
  major: number;
  minor: number;
  /** v20.0 and older: the region travels on /register, not /settings. */
  legacy: boolean;
}

/** First version with the Settings API storage_configuration flow. */
export const FIRST_SETTINGS_API_MAJOR = 21;

export const DEFAULT_API_VERSION = 'v21.0';

const VERSION_PATTERN = /^v?(\d{1,3})\.(\d{1,3})$/;

/** Parses "v21.0" or "21.0"; throws an error naming `api_version` for anything else. */
export function parseApiVersion(raw: string): ApiVersion {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match) {
    throw new ApiVersionError(
      `api_version "${String(raw)}" is not a Graph API version: write it as "vMAJOR.MINOR", for example "v21.0" (v20.0 and older use the legacy /register flow).`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major < 1) throw new ApiVersionError(`api_version "${raw}" is not a Graph API version: the major version starts at 1 (e.g. "v21.0").`);
  return { raw: `v${major}.${minor}`, major, minor, legacy: major < FIRST_SETTINGS_API_MAJOR };
}

export class ApiVersionError extends Error {
  readonly attribute = 'api_version';
  constructor(message: string) {
    super(message);
    this.name = 'ApiVersionError';
  }
}
