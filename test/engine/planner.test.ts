/**
 * Table-driven planner tests: every starting state x desired state x API version,
 * each row asserting the exact ordered step list.
 * Columns: api version, registered, storage read, desired region (null = disabled),
 * code_verification_status, expected steps.
 * Storage read: DEFAULT, BR (= enabled in BR), IN (= enabled in another region),
 * NO_STORAGE (= a status the engine does not know, NO_STORAGE_ENABLED).
 */
import { expect } from '@jest/globals';
import { REGION_CHANGE_DOWNTIME } from '../../src/engine/downtime';
import { planConvergence } from '../../src/engine/planner';
import { parseApiVersion } from '../../src/cloud-api/api-version';
import type { ObservedState, PlanStep } from '../../src/engine/types';
import type { RegionCode } from '../../src/engine/regions';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

type Row = [string, boolean, 'DEFAULT' | 'BR' | 'IN' | 'NO_STORAGE', RegionCode | null, string, string];

const TABLE: Row[] = [
  [FIRST_SETTINGS_VERSION, true, 'DEFAULT', 'BR', 'VERIFIED', 'deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'DEFAULT', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'DEFAULT', null, 'VERIFIED', ''],
  [FIRST_SETTINGS_VERSION, true, 'DEFAULT', null, 'NOT_VERIFIED', ''],
  [FIRST_SETTINGS_VERSION, true, 'BR', 'BR', 'VERIFIED', ''],
  [FIRST_SETTINGS_VERSION, true, 'BR', 'BR', 'NOT_VERIFIED', ''],
  [FIRST_SETTINGS_VERSION, true, 'BR', null, 'VERIFIED', 'deregister write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, true, 'BR', null, 'NOT_VERIFIED', 'request_code verify_code deregister write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, true, 'IN', 'BR', 'VERIFIED', 'deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'IN', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'IN', null, 'VERIFIED', 'deregister write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, true, 'IN', null, 'NOT_VERIFIED', 'request_code verify_code deregister write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, true, 'NO_STORAGE', 'BR', 'VERIFIED', 'deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'NO_STORAGE', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, true, 'NO_STORAGE', null, 'VERIFIED', 'deregister write_settings(disabled) register'],
  [
    FIRST_SETTINGS_VERSION,
    true,
    'NO_STORAGE',
    null,
    'NOT_VERIFIED',
    'request_code verify_code deregister write_settings(disabled) register',
  ],
  [FIRST_SETTINGS_VERSION, false, 'DEFAULT', 'BR', 'VERIFIED', 'write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'DEFAULT', 'BR', 'NOT_VERIFIED', 'request_code verify_code write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'DEFAULT', null, 'VERIFIED', 'register'],
  [FIRST_SETTINGS_VERSION, false, 'DEFAULT', null, 'NOT_VERIFIED', 'request_code verify_code register'],
  [FIRST_SETTINGS_VERSION, false, 'BR', 'BR', 'VERIFIED', 'register'],
  [FIRST_SETTINGS_VERSION, false, 'BR', 'BR', 'NOT_VERIFIED', 'request_code verify_code register'],
  [FIRST_SETTINGS_VERSION, false, 'BR', null, 'VERIFIED', 'write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, false, 'BR', null, 'NOT_VERIFIED', 'request_code verify_code write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, false, 'IN', 'BR', 'VERIFIED', 'write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'IN', 'BR', 'NOT_VERIFIED', 'request_code verify_code write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'IN', null, 'VERIFIED', 'write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, false, 'IN', null, 'NOT_VERIFIED', 'request_code verify_code write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, false, 'NO_STORAGE', 'BR', 'VERIFIED', 'write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'NO_STORAGE', 'BR', 'NOT_VERIFIED', 'request_code verify_code write_settings(BR) register'],
  [FIRST_SETTINGS_VERSION, false, 'NO_STORAGE', null, 'VERIFIED', 'write_settings(disabled) register'],
  [FIRST_SETTINGS_VERSION, false, 'NO_STORAGE', null, 'NOT_VERIFIED', 'request_code verify_code write_settings(disabled) register'],
  [LAST_REGISTER_VERSION, true, 'DEFAULT', 'BR', 'VERIFIED', 'deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'DEFAULT', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'DEFAULT', null, 'VERIFIED', ''],
  [LAST_REGISTER_VERSION, true, 'DEFAULT', null, 'NOT_VERIFIED', ''],
  [LAST_REGISTER_VERSION, true, 'BR', 'BR', 'VERIFIED', ''],
  [LAST_REGISTER_VERSION, true, 'BR', 'BR', 'NOT_VERIFIED', ''],
  [LAST_REGISTER_VERSION, true, 'BR', null, 'VERIFIED', 'deregister register(none)'],
  [LAST_REGISTER_VERSION, true, 'BR', null, 'NOT_VERIFIED', 'request_code verify_code deregister register(none)'],
  [LAST_REGISTER_VERSION, true, 'IN', 'BR', 'VERIFIED', 'deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'IN', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'IN', null, 'VERIFIED', 'deregister register(none)'],
  [LAST_REGISTER_VERSION, true, 'IN', null, 'NOT_VERIFIED', 'request_code verify_code deregister register(none)'],
  [LAST_REGISTER_VERSION, true, 'NO_STORAGE', 'BR', 'VERIFIED', 'deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'NO_STORAGE', 'BR', 'NOT_VERIFIED', 'request_code verify_code deregister register(BR)'],
  [LAST_REGISTER_VERSION, true, 'NO_STORAGE', null, 'VERIFIED', 'deregister register(none)'],
  [LAST_REGISTER_VERSION, true, 'NO_STORAGE', null, 'NOT_VERIFIED', 'request_code verify_code deregister register(none)'],
  [LAST_REGISTER_VERSION, false, 'DEFAULT', 'BR', 'VERIFIED', 'register(BR)'],
  [LAST_REGISTER_VERSION, false, 'DEFAULT', 'BR', 'NOT_VERIFIED', 'request_code verify_code register(BR)'],
  [LAST_REGISTER_VERSION, false, 'DEFAULT', null, 'VERIFIED', 'register(none)'],
  [LAST_REGISTER_VERSION, false, 'DEFAULT', null, 'NOT_VERIFIED', 'request_code verify_code register(none)'],
  [LAST_REGISTER_VERSION, false, 'BR', 'BR', 'VERIFIED', 'register(BR)'],
  [LAST_REGISTER_VERSION, false, 'BR', 'BR', 'NOT_VERIFIED', 'request_code verify_code register(BR)'],
  [LAST_REGISTER_VERSION, false, 'BR', null, 'VERIFIED', 'register(none)'],
  [LAST_REGISTER_VERSION, false, 'BR', null, 'NOT_VERIFIED', 'request_code verify_code register(none)'],
  [LAST_REGISTER_VERSION, false, 'IN', 'BR', 'VERIFIED', 'register(BR)'],
  [LAST_REGISTER_VERSION, false, 'IN', 'BR', 'NOT_VERIFIED', 'request_code verify_code register(BR)'],
  [LAST_REGISTER_VERSION, false, 'IN', null, 'VERIFIED', 'register(none)'],
  [LAST_REGISTER_VERSION, false, 'IN', null, 'NOT_VERIFIED', 'request_code verify_code register(none)'],
  [LAST_REGISTER_VERSION, false, 'NO_STORAGE', 'BR', 'VERIFIED', 'register(BR)'],
  [LAST_REGISTER_VERSION, false, 'NO_STORAGE', 'BR', 'NOT_VERIFIED', 'request_code verify_code register(BR)'],
  [LAST_REGISTER_VERSION, false, 'NO_STORAGE', null, 'VERIFIED', 'register(none)'],
  [LAST_REGISTER_VERSION, false, 'NO_STORAGE', null, 'NOT_VERIFIED', 'request_code verify_code register(none)'],
];

function observed(registered: boolean, storage: Row[2], verification: string, extra: Partial<ObservedState> = {}): ObservedState {
  const storageState: ObservedState['storage'] =
    storage === 'DEFAULT'
      ? { status: 'DEFAULT' }
      : storage === 'NO_STORAGE'
        ? { status: 'NO_STORAGE_ENABLED', extra: { retention_minutes: 1440 } }
        : { status: 'IN_COUNTRY_STORAGE_ENABLED', region: storage };
  return {
    phoneNumberId: '106540352242922',
    registered,
    platformType: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
    codeVerificationStatus: verification,
    storage: storageState,
    ...extra,
  };
}

/** "write_settings(BR)" -> {kind, region: 'BR'}; "register(none)" -> {kind, region: null}; "register" -> {kind}. */
function parseSteps(text: string): Array<Pick<PlanStep, 'kind' | 'region'>> {
  if (text === '') return [];
  return text.split(' ').map((token) => {
    const m = /^(\w+)(?:\((.+)\))?$/.exec(token)!;
    const kind = m[1] as PlanStep['kind'];
    if (m[2] === undefined) return { kind };
    return { kind, region: m[2] === 'disabled' || m[2] === 'none' ? null : (m[2] as RegionCode) };
  });
}

describe('planConvergence: every starting state x desired state x API version', () => {
  test('the table covers all 64 combinations exactly once', () => {
    const keys = new Set(TABLE.map((r) => r.slice(0, 5).join('|')));
    expect(TABLE).toHaveLength(64);
    expect(keys.size).toBe(64);
  });

  test.each(TABLE)('%s registered=%s storage=%s desired=%s %s -> [%s]', (version, registered, storage, desired, verification, expected) => {
    const plan = planConvergence(observed(registered, storage, verification), { region: desired }, parseApiVersion(version));
    expect(plan.steps.map(({ kind, region }) => (region === undefined ? { kind } : { kind, region }))).toEqual(parseSteps(expected));
    expect(plan.impossible).toBeUndefined();
    // Offline exactly when a registered number is deregistered.
    expect(plan.takesNumberOffline).toBe(plan.steps.some((s) => s.kind === 'deregister'));
    expect(plan.takesNumberOffline).toBe(registered && expected !== '');
    // A verification requirement exactly when the plan verifies.
    expect(plan.requirement !== undefined).toBe(plan.steps.some((s) => s.kind === 'verify_code'));
    // Every step explains itself; the plan explains itself.
    for (const step of plan.steps) expect(step.reason.length).toBeGreaterThan(10);
    expect(plan.explanation).toContain('106540352242922');
    if (expected === '') expect(plan.explanation).toMatch(/nothing to do/);
  });
});

describe('planConvergence: ordering and safety rules', () => {
  const v21 = parseApiVersion(FIRST_SETTINGS_VERSION);
  const v20 = parseApiVersion(LAST_REGISTER_VERSION);

  test('v21+: a region change on a live number is deregister -> settings -> register', () => {
    const plan = planConvergence(observed(true, 'IN', 'VERIFIED'), { region: 'BR' }, v21);
    expect(plan.steps.map((s) => s.kind)).toEqual(['deregister', 'write_settings', 'register']);
    expect(plan.takesNumberOffline).toBe(true);
    expect(plan.explanation).toContain(REGION_CHANGE_DOWNTIME);
    expect(plan.explanation).toMatch(/10 register/);
  });

  test('v21+: settings are written after a deregister even when they already read as desired (registered, storage unknown)', () => {
    const plan = planConvergence(observed(true, 'NO_STORAGE', 'VERIFIED'), { region: 'BR' }, v21);
    expect(plan.steps.map((s) => s.kind)).toEqual(['deregister', 'write_settings', 'register']);
  });

  test('legacy unverified: the code is requested and verified BEFORE the number is taken offline', () => {
    const plan = planConvergence(observed(true, 'DEFAULT', 'EXPIRED'), { region: 'IN' }, v20);
    expect(plan.steps.map((s) => s.kind)).toEqual(['request_code', 'verify_code', 'deregister', 'register']);
    expect(plan.requirement?.kind).toBe('verification_code');
    expect(plan.requirement?.message).toMatch(/EXPIRED/);
    expect(plan.requirement?.message).toMatch(/as verificationCode\./);
  });

  test('unknown storage status is not converged, never a crash, and its raw value is explained', () => {
    for (const desired of ['BR', null] as const) {
      const plan = planConvergence(observed(true, 'NO_STORAGE', 'VERIFIED'), { region: desired }, v21);
      expect(plan.steps.length).toBeGreaterThan(0);
      expect(plan.explanation).toContain('NO_STORAGE_ENABLED');
    }
  });

  test('lower-case statuses (as in Meta reference docs) are read case-insensitively', () => {
    const lower = observed(true, 'BR', 'VERIFIED', { storage: { status: 'in_country_storage_enabled', region: 'br' } });
    expect(planConvergence(lower, { region: 'BR' }, v21).steps).toEqual([]);
    const off = observed(true, 'DEFAULT', 'VERIFIED', { storage: { status: 'default' } });
    expect(planConvergence(off, { region: null }, v21).steps).toEqual([]);
  });

  test('an On-Premises number is impossible, with no steps and a reason', () => {
    const plan = planConvergence(observed(true, 'DEFAULT', 'VERIFIED', { platformType: 'ON_PREMISE' }), { region: 'BR' }, v21);
    expect(plan.steps).toEqual([]);
    expect(plan.impossible).toMatch(/ON_PREMISE/);
    expect(plan.takesNumberOffline).toBe(false);
  });

  test('a platform the engine does not know is impossible, naming the raw value', () => {
    const plan = planConvergence(observed(true, 'DEFAULT', 'VERIFIED', { platformType: 'SOMETHING_NEW' }), { region: 'BR' }, v21);
    expect(plan.impossible).toContain('SOMETHING_NEW');
  });

  test('a converged number is a no-op whatever its platform or verification', () => {
    const plan = planConvergence(observed(true, 'BR', 'EXPIRED'), { region: 'BR' }, v20);
    expect(plan).toEqual({ steps: [], takesNumberOffline: false, explanation: expect.stringMatching(/nothing to do/) });
  });

  test('pure: same input, same output; the input is not mutated', () => {
    const input = observed(true, 'IN', 'NOT_VERIFIED');
    const frozen = JSON.stringify(input);
    const a = planConvergence(input, { region: 'BR' }, v20);
    const b = planConvergence(input, { region: 'BR' }, v20);
    expect(a).toEqual(b);
    expect(JSON.stringify(input)).toBe(frozen);
  });
});
