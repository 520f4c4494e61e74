/**
 * Pure rules: which storage changes weaken or move data residency, the planner's
 * No Storage steps on both flows, and the one rule for stating a storage mode.
 */
import { parseApiVersion } from '../../src/cloud-api/api-version';
import { planConvergence, stepLabel } from '../../src/engine/planner';
import { residencyChange, residencyChangeToUnknown } from '../../src/engine/residency';
import { declaredStorage, type StorageTarget } from '../../src/engine/storage-modes';
import type { ObservedState } from '../../src/engine/types';
import { FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../graph-versions';

const NS: StorageTarget = { mode: 'NO_STORAGE', retentionMinutes: 60 };
const BR: StorageTarget = { mode: 'IN_COUNTRY', region: 'BR' };
const DE: StorageTarget = { mode: 'IN_COUNTRY', region: 'DE' };
const DEF: StorageTarget = { mode: 'DEFAULT' };

describe('residencyChange', () => {
  test.each([
    [NS, BR, 'weakens'],
    [NS, DEF, 'weakens'],
    [BR, DEF, 'weakens'],
    [BR, DE, 'moves'],
    [DEF, BR, undefined],
    [DEF, NS, undefined],
    [BR, NS, undefined],
    [BR, BR, undefined],
    [NS, NS, undefined],
  ] as const)('%j -> %j: %s', (from, to, kind) => {
    expect(residencyChange(from, to)?.kind).toBe(kind);
  });

  test('from a status the engine does not know, anything but No Storage may weaken', () => {
    expect(residencyChange(undefined, DEF, 'SOMETHING_NEW')).toEqual({
      kind: 'weakens',
      from: 'storage status SOMETHING_NEW (not one this engine knows)',
      to: "local storage disabled (Meta's default storage)",
    });
    expect(residencyChange(undefined, NS, 'SOMETHING_NEW')).toBeUndefined();
  });

  test('to a storage the engine does not know, anything but default storage may weaken', () => {
    expect(residencyChangeToUnknown(NS, 'SOMETHING_NEW')).toEqual({
      kind: 'weakens',
      from: 'No Storage (60 minutes in transit)',
      to: 'storage SOMETHING_NEW (not one this engine knows)',
      previous: NS,
    });
    expect(residencyChangeToUnknown(BR, 'SOMETHING_NEW')?.kind).toBe('weakens');
    expect(residencyChangeToUnknown(undefined, 'SOMETHING_NEW')?.from).toBe('a storage this engine does not know');
    expect(residencyChangeToUnknown(DEF, 'SOMETHING_NEW')).toBeUndefined();
  });
});

describe('planner: No Storage', () => {
  const observed = (registered: boolean, storage: ObservedState['storage']): ObservedState => ({
    phoneNumberId: '106540352242922',
    registered,
    platformType: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
    codeVerificationStatus: 'VERIFIED',
    storage,
  });
  const v21 = parseApiVersion(FIRST_SETTINGS_VERSION);
  const v20 = parseApiVersion(LAST_REGISTER_VERSION);
  const labels = (o: ObservedState, to: StorageTarget, v = v21) => planConvergence(o, { storage: to }, v).steps.map(stepLabel);

  test('to No Storage: settings on v21+, meta_store_retention_minutes on the legacy register', () => {
    expect(labels(observed(true, { status: 'DEFAULT' }), NS)).toEqual(['deregister', 'write_settings(no storage 60m)', 'register']);
    expect(labels(observed(false, { status: 'DEFAULT' }), NS)).toEqual(['write_settings(no storage 60m)', 'register']);
    expect(labels(observed(true, { status: 'DEFAULT' }), NS, v20)).toEqual(['deregister', 'register(no storage 60m)']);
    const [, register] = planConvergence(observed(true, { status: 'DEFAULT' }), { storage: NS }, v20).steps;
    expect(register).toMatchObject({ storage: NS });
    expect(register).not.toHaveProperty('region');
    expect(register.reason).toMatch(/meta_store_retention_minutes 60/);
  });

  test('No Storage read with retention 60 is converged; leaving it is the same back-to-back discipline', () => {
    const ns = { status: 'NO_STORAGE_ENABLED', retentionMinutes: 60 };
    expect(labels(observed(true, ns), NS)).toEqual([]);
    expect(labels(observed(false, ns), NS)).toEqual(['register']);
    expect(labels(observed(true, ns), BR)).toEqual(['deregister', 'write_settings(BR)', 'register']);
    expect(labels(observed(true, ns), DEF, v20)).toEqual(['deregister', 'register(no region)']);
    const plan = planConvergence(observed(true, ns), { storage: DEF }, v21);
    expect(plan.residency).toEqual({
      kind: 'weakens',
      from: 'No Storage (60 minutes in transit)',
      to: "local storage disabled (Meta's default storage)",
      previous: NS,
    });
    expect(plan.explanation).toContain(
      "Data residency weakens: from No Storage (60 minutes in transit) to local storage disabled (Meta's default storage).",
    );
  });
});

describe('declaredStorage: the one rule for stating a mode', () => {
  test('each of the three ways gives its target', () => {
    expect(declaredStorage({ region: 'BR', mode: null, retentionMinutes: null })).toEqual({ target: BR, problems: [] });
    expect(declaredStorage({ region: null, mode: 'DEFAULT', retentionMinutes: null })).toEqual({ target: DEF, problems: [] });
    expect(declaredStorage({ region: null, mode: 'NO_STORAGE', retentionMinutes: 60 })).toEqual({ target: NS, problems: [] });
  });

  test('nothing stated is a problem naming the three ways; unknown values wait', () => {
    const { target, problems } = declaredStorage({ region: null, mode: null, retentionMinutes: null });
    expect(target).toBeUndefined();
    expect(problems.map((p) => p.summary)).toEqual(['Storage mode not stated']);
    expect(declaredStorage({ region: undefined, mode: null, retentionMinutes: null })).toEqual({ problems: [] });
  });
});
