/** The Graph version table and its lifecycle rules (pure). */
import {
  answeringVersion,
  DEFAULT_API_VERSION,
  GRAPH_VERSIONS,
  parseApiVersion,
  versionLifecycle,
  VERSION_WARNING_DAYS,
} from '../../src/cloud-api/api-version';

const at = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

describe('the version table', () => {
  test('newest first, each end date after its release, and the default is the newest', () => {
    for (let i = 1; i < GRAPH_VERSIONS.length; i++) expect(GRAPH_VERSIONS[i - 1].major).toBeGreaterThan(GRAPH_VERSIONS[i].major);
    for (const g of GRAPH_VERSIONS) if (g.availableUntil) expect(g.availableUntil > g.introduced).toBe(true);
    expect(DEFAULT_API_VERSION).toBe(GRAPH_VERSIONS[0].version);
    expect(DEFAULT_API_VERSION).toBe('v26.0');
    expect(VERSION_WARNING_DAYS).toBe(90);
  });

  test('a stopped version is answered by the oldest usable one', () => {
    expect(answeringVersion('v20.0', at('2026-09-23'))).toBe('v20.0');
    expect(answeringVersion('v20.0', at('2026-09-24'))).toBe('v21.0');
    expect(answeringVersion('v17.0', at('2026-11-25'))).toBe('v21.0');
    expect(answeringVersion('v21.0', at('2027-01-21'))).toBe('v22.0');
    expect(answeringVersion('v26.0', at('2030-01-01'))).toBe('v26.0');
    expect(answeringVersion('v27.0', at('2026-11-25'))).toBe('v27.0');
  });

  test('lifecycle: current, expiring within 90 days (date and version to move to), expired (the answering version)', () => {
    expect(versionLifecycle('v25.0', at('2026-11-25'))).toMatchObject({
      state: 'current',
      effective: 'v25.0',
      availableUntil: '2028-07-29',
    });
    expect(versionLifecycle('v21.0', at('2026-10-20')).state).toBe('current');
    const soon = versionLifecycle('v21.0', at('2026-11-25'));
    expect(soon).toMatchObject({ state: 'expiring', availableUntil: '2027-01-21', moveTo: 'v26.0' });
    expect(soon.notice).toContain('stops on 2027-01-21');
    const gone = versionLifecycle('20.0', at('2026-11-25'));
    expect(gone).toMatchObject({
      configured: 'v20.0',
      state: 'expired',
      effective: 'v21.0',
      effectiveAvailableUntil: '2027-01-21',
      moveTo: 'v26.0',
    });
    expect(gone.notice).toMatch(/stopped on 2026-09-24.*Settings API flow of v21\.0/);
    // The version Meta says answered wins over the table.
    expect(versionLifecycle('v20.0', at('2026-09-01'), 'v21.0')).toMatchObject({ state: 'expired', effective: 'v21.0' });
  });

  test('parsing names the input (apiVersion unless the caller names it) and the newest version', () => {
    expect(parseApiVersion('21.0')).toEqual({ raw: 'v21.0', major: 21, minor: 0, flow: 'settings' });
    expect(() => parseApiVersion('latest')).toThrow(/^apiVersion "latest".*"v26\.0"/);
    expect(() => parseApiVersion('v0.1', 'api_version')).toThrow(/^api_version "v0\.1".*major version starts at 1/);
  });

  test('the lifecycle notice says how to move in the names it is given', () => {
    const hcl = { apiVersion: 'api_version', assign: (name: string, value: string | number | boolean) => `${name} = "${String(value)}"` };
    expect(versionLifecycle('v21.0', at('2026-11-25')).notice).toContain(`Move to apiVersion: 'v26.0' (or newer) before then.`);
    expect(versionLifecycle('v21.0', at('2026-11-25'), undefined, hcl).notice).toContain(
      'Move to api_version = "v26.0" (or newer) before then.',
    );
    expect(versionLifecycle('v20.0', at('2026-11-25')).notice).toMatch(/Set apiVersion: 'v26\.0' \(or newer\)\.$/);
    expect(versionLifecycle('v20.0', at('2026-11-25'), undefined, hcl).notice).toMatch(/Set api_version = "v26\.0" \(or newer\)\.$/);
  });
});
