import {
  backoffDelay,
  graphSecretMask,
  parseApiVersion,
  parseBusinessUseCaseWait,
  parseRetryAfter,
  isRetryableApiError,
} from '../../src/cloud-api';
import { SECRET_MASK } from '../../src/shared/secret-mask';
import {
  DEFAULT_API_VERSION,
  FIRST_SETTINGS_VERSION,
  LAST_REGISTER_VERSION,
  OLDEST_SERVED_VERSION,
  versionBefore,
} from '../graph-versions';

describe('parseApiVersion', () => {
  test.each([
    [FIRST_SETTINGS_VERSION, { raw: FIRST_SETTINGS_VERSION, major: 21, minor: 0, flow: 'settings' }],
    ['21.0', { raw: FIRST_SETTINGS_VERSION, major: 21, minor: 0, flow: 'settings' }],
    [` ${versionBefore(DEFAULT_API_VERSION)} `, { raw: versionBefore(DEFAULT_API_VERSION), major: 25, minor: 0, flow: 'settings' }],
    [LAST_REGISTER_VERSION, { raw: LAST_REGISTER_VERSION, major: 20, minor: 0, flow: 'register' }],
    [OLDEST_SERVED_VERSION, { raw: OLDEST_SERVED_VERSION, major: 17, minor: 0, flow: 'register' }],
  ])('%s', (raw, expected) => expect(parseApiVersion(raw)).toEqual(expected));

  test.each(['', 'v21', 'latest', `${FIRST_SETTINGS_VERSION}.1`, 'V21.0x', '21'])(
    'rejects %p naming apiVersion (or the name it is given)',
    (raw) => {
      expect(() => parseApiVersion(raw)).toThrow(/^apiVersion "/);
      expect(() => parseApiVersion(raw, 'api_version')).toThrow(/^api_version "/);
    },
  );
});

describe('retry timing', () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRateLimitWaitMs: 5000 };
  test('full jitter stays under min(cap, base * 2^n)', () => {
    expect(backoffDelay(0, { ...policy, random: () => 0.999 })).toBe(99);
    expect(backoffDelay(3, { ...policy, random: () => 0.5 })).toBe(400);
    expect(backoffDelay(10, { ...policy, random: () => 0.999 })).toBe(999);
    expect(backoffDelay(2, { ...policy, random: () => 0 })).toBe(0);
  });
  test('Retry-After: seconds or HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
  test('X-Business-Use-Case-Usage: longest estimated_time_to_regain_access, in minutes', () => {
    const header = JSON.stringify({
      a: [{ estimated_time_to_regain_access: 2 }, { estimated_time_to_regain_access: 0 }],
      b: [{ estimated_time_to_regain_access: 5 }],
    });
    expect(parseBusinessUseCaseWait(header)).toBe(5 * 60_000);
    expect(parseBusinessUseCaseWait('not json')).toBeUndefined();
    expect(parseBusinessUseCaseWait(JSON.stringify({ a: [{ call_count: 10 }] }))).toBeUndefined();
  });
  test('classification: codes first, then is_transient, then HTTP status', () => {
    expect(isRetryableApiError(400, 4, undefined)).toBe(true);
    expect(isRetryableApiError(500, 100, true)).toBe(false);
    expect(isRetryableApiError(400, 999999, true)).toBe(true);
    expect(isRetryableApiError(503, undefined, undefined)).toBe(true);
    expect(isRetryableApiError(404, undefined, undefined)).toBe(false);
  });
});

describe('graphSecretMask', () => {
  test('removes known secrets and secret-shaped text', () => {
    const r = graphSecretMask(['EAAsecretTOKEN']).with('739184');
    const text = 'Authorization: Bearer EAAsecretTOKEN pin=739184 {"pin":"555555"} access_token=abc&x=1 raw EAAsecretTOKEN';
    const out = r.redact(text);
    for (const s of ['EAAsecretTOKEN', '739184', '555555', 'abc&']) expect(out).not.toContain(s);
    expect(out).toContain(SECRET_MASK);
    expect(out).toContain('x=1');
  });
  test('leaves ordinary messages intact', () => {
    expect(graphSecretMask(['EAAsecretTOKEN']).redact('Graph error 133005 (HTTP 400): PIN mismatch')).toBe(
      'Graph error 133005 (HTTP 400): PIN mismatch',
    );
  });
});
