/**
 * Graph API versions: the one table of every version with its dates, parsing,
 * and the lifecycle rules built on it. Everything that needs a version's fate
 * (the engine's flow, plan warnings, the emulator, validators) asks here.
 *
 * Meta's rules (versioning page, changelog read 2026-11-25):
 *  - a version stays usable until its `availableUntil` date;
 *  - a call to a version that is no longer usable is answered as the oldest
 *    version that still is would answer it;
 *  - v21.0 and newer write the region with POST /settings; v20.0 and older passed
 *    it to POST /register (the "legacy" flow), which v21+ refuses as deprecated.
 */

import { CLIENT_INPUT_NAMES, type ClientInputNames } from './input-names';

/** The names a version's messages use: the input that holds the version, and how a setting is written. */
export type VersionNames = Pick<ClientInputNames, 'apiVersion' | 'assign'>;

/**
 * How a version writes storage: `register` passes the region (or No Storage retention) to
 * POST /register (v20.0 and older, Meta's "legacy" flow); `settings` writes it with
 * POST /settings before registering (v21.0 and newer).
 */
export type VersionFlow = 'register' | 'settings';

/** Each flow's name in plan notes and warnings. */
export const FLOW_NAMES: Readonly<Record<VersionFlow, string>> = { register: 'legacy /register flow', settings: 'Settings API flow' };

/** Parsed Graph API version, e.g. v21.0 -> { major: 21, minor: 0, flow: 'settings' }. */
export interface ApiVersion {
  raw: string;
  major: number;
  minor: number;
  /** The flow to use (the table's). Once Meta answers a stopped version as a newer one (answeredAs),
   *  this is the newer version's flow. */
  flow: VersionFlow;
  /** Set when Meta answers this version as another one (it has stopped), e.g. "v21.0" for v20.0. */
  answeredAs?: string;
}

export interface GraphVersionInfo {
  version: string;
  major: number;
  /** How this version writes storage. */
  flow: VersionFlow;
  /** ISO date (UTC) of release. */
  introduced: string;
  /** ISO date (UTC) from which calls are answered by a newer version; undefined while Meta has not set one. */
  availableUntil?: string;
}

/** Newest first. Source: Meta's Graph API changelog (versions page). */
export const GRAPH_VERSIONS: readonly GraphVersionInfo[] = Object.freeze([
  { version: 'v26.0', major: 26, flow: 'settings', introduced: '2026-07-29' },
  { version: 'v25.0', major: 25, flow: 'settings', introduced: '2026-02-18', availableUntil: '2028-07-29' },
  { version: 'v24.0', major: 24, flow: 'settings', introduced: '2025-10-08', availableUntil: '2028-02-18' },
  { version: 'v23.0', major: 23, flow: 'settings', introduced: '2025-05-29', availableUntil: '2027-10-08' },
  { version: 'v22.0', major: 22, flow: 'settings', introduced: '2025-01-21', availableUntil: '2027-05-20' },
  { version: 'v21.0', major: 21, flow: 'settings', introduced: '2024-10-02', availableUntil: '2027-01-21' },
  { version: 'v20.0', major: 20, flow: 'register', introduced: '2024-05-21', availableUntil: '2026-09-24' },
  { version: 'v19.0', major: 19, flow: 'register', introduced: '2024-01-23', availableUntil: '2026-05-21' },
  { version: 'v18.0', major: 18, flow: 'register', introduced: '2023-09-12', availableUntil: '2026-01-26' },
  { version: 'v17.0', major: 17, flow: 'register', introduced: '2023-05-23', availableUntil: '2025-09-12' },
  { version: 'v16.0', major: 16, flow: 'register', introduced: '2023-02-02', availableUntil: '2025-05-14' },
]);

/** The oldest version in the table with the Settings API flow. */
export const FIRST_SETTINGS_API_MAJOR = Math.min(...GRAPH_VERSIONS.filter((g) => g.flow === 'settings').map((g) => g.major));

/** The first version of the Settings API flow and the last of the register flow, as Meta's docs name them. */
export const FIRST_SETTINGS_VERSION = `v${FIRST_SETTINGS_API_MAJOR}.0`;
export const LAST_REGISTER_VERSION = GRAPH_VERSIONS.find((g) => g.flow === 'register')?.version ?? FIRST_SETTINGS_VERSION;

/** The flow of a major version: the table's row, else the nearest older row's (the oldest row's below the table). */
export function flowOfMajor(major: number): VersionFlow {
  const row = GRAPH_VERSIONS.find((g) => g.major <= major) ?? GRAPH_VERSIONS[GRAPH_VERSIONS.length - 1];
  return row.flow;
}

/** The newest version in the table: the default everywhere. */
export const DEFAULT_API_VERSION = GRAPH_VERSIONS[0].version;

/** How long before a version stops the plan starts warning. */
export const VERSION_WARNING_DAYS = 90;

const VERSION_PATTERN = /^v?(\d{1,3})\.(\d{1,3})$/;
const DAY_MS = 86_400_000;

/** True for "vMAJOR.MINOR" (with or without the v), the form every version parser here accepts. */
export function looksLikeApiVersion(raw: unknown): raw is string {
  return typeof raw === 'string' && VERSION_PATTERN.test(raw.trim());
}

/** Parses "v21.0" or "21.0"; throws an ApiVersionError naming the input `name` (as the caller's users spell it) for anything else. */
export function parseApiVersion(raw: string, name: string = CLIENT_INPUT_NAMES.apiVersion): ApiVersion {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match) {
    throw new ApiVersionError(
      `${name} "${String(raw)}" is not a Graph API version: write it as "vMAJOR.MINOR", for example "${DEFAULT_API_VERSION}" (the newest; v21.0 and newer use the Settings API flow).`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major < 1)
    throw new ApiVersionError(
      `${name} "${raw}" is not a Graph API version: the major version starts at 1 (e.g. "${DEFAULT_API_VERSION}").`,
    );
  return { raw: `v${major}.${minor}`, major, minor, flow: flowOfMajor(major) };
}

export class ApiVersionError extends Error {
  /** The input the error is about, by the client's own name for it. */
  readonly field = 'apiVersion';
  constructor(message: string) {
    super(message);
    this.name = 'ApiVersionError';
  }
}

export function versionInfo(raw: string): GraphVersionInfo | undefined {
  const v = VERSION_PATTERN.exec(raw.trim());
  if (!v) return undefined;
  return GRAPH_VERSIONS.find((g) => g.version === `v${Number(v[1])}.${Number(v[2])}`);
}

function untilMs(info: GraphVersionInfo): number {
  return info.availableUntil ? Date.parse(`${info.availableUntil}T00:00:00Z`) : Number.POSITIVE_INFINITY;
}

/** Whether Meta still answers calls to `version` itself at time `now` (epoch ms). Unknown versions count as usable. */
export function isUsable(version: string, now: number): boolean {
  const info = versionInfo(version);
  return !info || untilMs(info) > now;
}

/**
 * The version that answers a call made to `version` at `now`: itself while usable,
 * else the oldest version that still is (Meta's "next oldest, usable version").
 */
export function answeringVersion(version: string, now: number): string {
  const info = versionInfo(version);
  if (!info || untilMs(info) > now) return info?.version ?? parseApiVersion(version).raw;
  const usable = [...GRAPH_VERSIONS]
    .reverse()
    .find((g) => g.major > info.major && untilMs(g) > now && Date.parse(`${g.introduced}T00:00:00Z`) <= now);
  return (usable ?? GRAPH_VERSIONS[0]).version;
}

/** The version to move to: the newest one released by `now` (it has the longest life ahead). */
export function versionToMoveTo(now: number): string {
  const released = GRAPH_VERSIONS.find((g) => Date.parse(`${g.introduced}T00:00:00Z`) <= now && untilMs(g) > now);
  return (released ?? GRAPH_VERSIONS[0]).version;
}

export interface VersionLifecycle {
  /** As configured, e.g. "v20.0". */
  configured: string;
  /** The version Meta answers with, e.g. "v21.0" once v20.0 has stopped. */
  effective: string;
  /** The configured version's last day as a date (YYYY-MM-DD), when Meta has set one. */
  availableUntil?: string;
  /** The effective version's end date, when set. */
  effectiveAvailableUntil?: string;
  /** "expired": the configured version has stopped; "expiring": it stops within VERSION_WARNING_DAYS. */
  state: 'current' | 'expiring' | 'expired';
  /** For "expiring" and "expired": the version to configure instead. */
  moveTo?: string;
  /** One sentence for plan output; undefined when current. */
  notice?: string;
}

/**
 * Where `configured` stands at `now` (epoch ms). `answered`, when given, is the
 * version the API said it answered with (the facebook-api-version header): it wins
 * over the table, since Meta decides. The notice tells how to move in `names`.
 */
export function versionLifecycle(
  configured: string,
  now: number,
  answered?: string,
  names: VersionNames = CLIENT_INPUT_NAMES,
): VersionLifecycle {
  const raw = parseApiVersion(configured, names.apiVersion).raw;
  const info = versionInfo(raw);
  const tableEffective = answeringVersion(raw, now);
  const effective = answered && looksLikeApiVersion(answered) ? parseApiVersion(answered).raw : tableEffective;
  const until = info?.availableUntil;
  const effectiveUntil = versionInfo(effective)?.availableUntil;
  const base = { configured: raw, effective, availableUntil: until, effectiveAvailableUntil: effectiveUntil };
  if (effective !== raw || (info && untilMs(info) <= now)) {
    const moveTo = versionToMoveTo(now);
    return {
      ...base,
      state: 'expired',
      moveTo,
      notice:
        `Graph API ${raw} stopped${until ? ` on ${until}` : ''}: Meta answers calls to it as ${effective} does, so this plan uses the ${flowName(effective)} of ${effective}. ` +
        `Set ${names.assign(names.apiVersion, moveTo)} (or newer).`,
    };
  }
  if (info && untilMs(info) - now <= VERSION_WARNING_DAYS * DAY_MS) {
    const moveTo = versionToMoveTo(now);
    return {
      ...base,
      state: 'expiring',
      moveTo,
      notice: `Graph API ${raw} stops on ${until} (in ${Math.max(0, Math.ceil((untilMs(info) - now) / DAY_MS))} days); after that Meta answers it as a newer version. Move to ${names.assign(names.apiVersion, moveTo)} (or newer) before then.`,
    };
  }
  return { ...base, state: 'current' };
}

function flowName(version: string): string {
  return FLOW_NAMES[parseApiVersion(version).flow];
}

/** `configured` as the engine must treat it: its flow is the flow of the version that answers. */
export function effectiveApiVersion(configured: ApiVersion, lifecycle: VersionLifecycle): ApiVersion {
  if (lifecycle.effective === configured.raw) return configured;
  const effective = parseApiVersion(lifecycle.effective);
  return { ...configured, flow: effective.flow, answeredAs: effective.raw };
}
