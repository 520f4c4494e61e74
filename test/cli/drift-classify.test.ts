/**
 * Drift classification from a saved plan's JSON: each number against the code
 * (declared) and the last apply (applied), with what the refresh read (actual).
 */
import { readPlan } from '../../src/cli/drift/plan-json';
import { buildReport, closingLine, exitCodeOf, type DriftReport } from '../../src/cli/drift/report-model';
import { renderMarkdown } from '../../src/cli/drift/render-markdown';
import { renderTable } from '../../src/cli/drift/render-table';
import { planJson, stateValues, type FixtureNumber } from './drift-plan-fixture';

const meta = { directory: '/infra', engine: { name: 'tofu', version: '1.12.6' }, now: new Date('2026-11-25T03:00:00Z') };
const report = (numbers: FixtureNumber[], others: Parameters<typeof planJson>[1] = []): DriftReport =>
  buildReport(readPlan(planJson(numbers, others)), meta);

const BR = stateValues('1', { region: 'BR' });
const DE = stateValues('1', { region: 'DE' });
const CH = stateValues('1', { region: 'CH' });
const noSecrets = (r: DriftReport) => expect(JSON.stringify(r) + renderTable(r) + renderMarkdown(r)).not.toMatch(/123456/);

describe('drift classification', () => {
  test('in sync: the plan changes nothing and the refresh found what the last apply wrote', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: BR, applied: BR, actual: BR, actions: ['no-op'] }]);
    expect(r.status).toBe('in_sync');
    expect(exitCodeOf(r)).toBe(0);
    expect(r.numbers[0]).toMatchObject({
      phone_number_id: '1',
      status: 'in_sync',
      plan_action: 'no-op',
      registered: true,
      residency: null,
    });
    expect(r.numbers[0].declared).toMatchObject({ data_localization_region: 'BR', storage_mode: 'IN_COUNTRY', label: 'BR' });
    expect(closingLine(r)).toBe('In sync: all 1 phone number match the code and the last apply (exit 0).');
    noSecrets(r);
  });

  test('drift: changed outside the configuration, the code unchanged; moving residency is flagged', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: BR, applied: BR, actual: CH, actions: ['update'] }]);
    expect(r.status).toBe('differs');
    expect(exitCodeOf(r)).toBe(2);
    const [n] = r.numbers;
    expect(n).toMatchObject({ status: 'drift', drift_attributes: ['data_localization_region'], unapplied_attributes: [] });
    expect([n.declared?.label, n.applied?.label, n.actual?.label]).toEqual(['BR', 'BR', 'CH']);
    expect(n.residency).toEqual({
      outside: {
        kind: 'moves',
        from: 'local storage in BR',
        to: 'local storage in CH',
        previous: { mode: 'IN_COUNTRY', region: 'BR' },
        summary: 'Data residency of phone number 1 moves: local storage in BR -> local storage in CH (changed outside the configuration)',
      },
      pending: null,
    });
    expect(r.summary).toEqual({ total: 1, in_sync: 0, drift: 1, not_applied: 0, drift_and_not_applied: 0, residency_flags: 1 });
    expect(renderTable(r)).toMatch(/1\s+whatsapp_local_storage\.br\s+BR\s+BR\s+CH\s+registered\s+DRIFT\s+RESIDENCY MOVED outside/);
    noSecrets(r);
  });

  test('not applied: the code changed (BR -> DE) without an apply; the declared column shows the code', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: DE, applied: BR, actual: BR, actions: ['update'] }]);
    const [n] = r.numbers;
    expect(n).toMatchObject({ status: 'not_applied', drift_attributes: [], unapplied_attributes: ['data_localization_region'] });
    expect([n.declared?.label, n.applied?.label, n.actual?.label]).toEqual(['DE', 'BR', 'BR']);
    expect(n.residency?.pending?.summary).toBe(
      'Data residency of phone number 1 moves: local storage in BR -> local storage in DE (the next apply of the code)',
    );
    expect(n.residency?.outside).toBeNull();
    expect(closingLine(r)).toBe('Differences: 1 of 1 phone number (1 not applied yet; 1 residency flag) (exit 2).');
  });

  test('both: changed outside and in the code; both residency moves are flagged', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: DE, applied: BR, actual: CH, actions: ['update'] }]);
    const [n] = r.numbers;
    expect(n).toMatchObject({
      status: 'drift_and_not_applied',
      drift_attributes: ['data_localization_region'],
      unapplied_attributes: ['data_localization_region'],
    });
    expect(n.residency?.outside?.to).toBe('local storage in CH');
    expect(n.residency?.pending).toMatchObject({ kind: 'moves', from: 'local storage in CH', to: 'local storage in DE' });
    expect(renderTable(r)).toContain('DRIFT + NOT APPLIED');
  });

  test('the code already says what was changed outside: drift (the state is behind), nothing to apply', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: CH, applied: BR, actual: CH, actions: ['no-op'] }]);
    expect(r.numbers[0]).toMatchObject({ status: 'drift', unapplied_attributes: [] });
    expect(r.numbers[0].notes.join(' ')).toMatch(/already declares what the number has now/);
  });

  test('no state: every number is not applied yet, its actual storage not read', () => {
    const r = report([
      { address: 'whatsapp_local_storage.a', declared: BR, actions: ['create'] },
      { address: 'whatsapp_local_storage.b', declared: stateValues('2', { mode: 'NO_STORAGE', retention: 60 }), actions: ['create'] },
    ]);
    expect(r.status).toBe('differs');
    expect(r.numbers.map((n) => [n.status, n.applied, n.actual, n.registered])).toEqual([
      ['not_applied', null, null, null],
      ['not_applied', null, null, null],
    ]);
    expect(r.summary.not_applied).toBe(2);
    const table = renderTable(r);
    expect(table).toMatch(/2\s+whatsapp_local_storage\.b\s+no storage \(60 min\)\s+\(not applied\)\s+\(not read\)\s+-\s+NOT APPLIED/);
    expect(table).toContain('Differences: 2 of 2 phone numbers (2 not applied yet) (exit 2).');
    expect(renderMarkdown(r)).toContain('**NOT APPLIED**');
  });

  test('a declared value known only at apply counts as not applied and says so', () => {
    const declared = { ...BR, data_localization_region: null, storage_mode: null, storage_status: null };
    const r = report([
      {
        address: 'whatsapp_local_storage.br',
        declared,
        applied: BR,
        actual: BR,
        actions: ['update'],
        afterUnknown: { data_localization_region: true, storage_mode: true, storage_status: true },
      },
    ]);
    const [n] = r.numbers;
    expect(n.status).toBe('not_applied');
    expect(n.declared).toMatchObject({
      label: '(known after apply)',
      unknown: ['storage_mode', 'data_localization_region', 'storage_status'],
    });
    expect(n.unapplied_attributes).toEqual(['data_localization_region', 'storage_mode']);
    expect(n.notes.join(' ')).toMatch(/known only at apply/);
    expect(n.residency).toBeNull();
  });

  test('removed from the code: not applied; with disable_on_destroy the destroy weakens residency', () => {
    const kept = stateValues('1', { region: 'BR' });
    const disabling = stateValues('2', { region: 'DE' }, { disable_on_destroy: true });
    const r = report([
      {
        address: 'whatsapp_local_storage.kept',
        applied: kept,
        actual: kept,
        actions: ['delete'],
        actionReason: 'delete_because_no_resource_config',
      },
      {
        address: 'whatsapp_local_storage.off',
        applied: disabling,
        actual: disabling,
        actions: ['delete'],
        actionReason: 'delete_because_no_resource_config',
      },
    ]);
    expect(r.numbers.map((n) => [n.status, n.declared, n.plan_action])).toEqual([
      ['not_applied', null, 'delete'],
      ['not_applied', null, 'delete'],
    ]);
    expect(r.numbers[0].residency).toBeNull();
    expect(r.numbers[0].notes[0]).toMatch(/leaves its storage as it is/);
    expect(r.numbers[1].residency?.pending).toMatchObject({ kind: 'weakens', to: "local storage disabled (Meta's default storage)" });
    expect(renderTable(r)).toMatch(/2\s+whatsapp_local_storage\.off\s+\(removed from code\)\s+DE\s+DE/);
  });

  test('replaced (tainted by a failed apply): not applied, with the reason', () => {
    const r = report([
      {
        address: 'whatsapp_local_storage.br',
        declared: BR,
        applied: BR,
        actual: BR,
        actions: ['delete', 'create'],
        actionReason: 'replace_because_tainted',
      },
    ]);
    expect(r.numbers[0]).toMatchObject({ status: 'not_applied', plan_action: 'replace' });
    expect(r.numbers[0].notes.join(' ')).toMatch(/replaces it \(a previous apply failed half-way/);
  });

  test("replaced by another number: the old one is named, and the new one's storage is not compared with the old one's", () => {
    const old = stateValues('1', { mode: 'NO_STORAGE', retention: 60 });
    const r = report([
      {
        address: 'whatsapp_local_storage.x',
        declared: stateValues('2', { mode: 'DEFAULT' }),
        applied: old,
        actual: old,
        actions: ['create', 'delete'],
        actionReason: 'replace_because_cannot_update',
      },
    ]);
    expect(r.numbers[0]).toMatchObject({ phone_number_id: '2', status: 'not_applied', plan_action: 'replace', residency: null });
    expect(r.numbers[0].notes).toContain('The next apply replaces it: phone_number_id 1 -> 2; 1 is no longer managed.');
  });

  test('a number that can no longer be read is drift (gone)', () => {
    const r = report([{ address: 'whatsapp_local_storage.br', declared: BR, applied: BR, actions: ['create'] }]);
    expect(r.numbers[0]).toMatchObject({ status: 'drift', actual: null });
    expect(renderTable(r)).toMatch(/BR\s+BR\s+\(gone\)/);
  });

  test('a number deregistered outside: drift on registration', () => {
    const off = { ...BR, registered: false };
    const r = report([{ address: 'whatsapp_local_storage.br', declared: BR, applied: BR, actual: off, actions: ['update'] }]);
    expect(r.numbers[0]).toMatchObject({ status: 'drift', registered: false, drift_attributes: ['registered'] });
    expect(renderTable(r)).toMatch(/BR\s+BR\s+BR\s+NOT registered\s+DRIFT/);
  });

  test('a pin changed in the code is not applied, and its value is never shown', () => {
    const r = report([
      { address: 'whatsapp_local_storage.br', declared: { ...BR, pin: '654321' }, applied: BR, actual: BR, actions: ['update'] },
    ]);
    expect(r.numbers[0]).toMatchObject({ status: 'not_applied', unapplied_attributes: ['pin'] });
    expect(JSON.stringify(r) + renderTable(r) + renderMarkdown(r)).not.toMatch(/123456|654321/);
  });

  test('a region from a sensitive variable shows as (sensitive), never its value', () => {
    const r = report([
      {
        address: 'whatsapp_local_storage.br',
        declared: DE,
        applied: BR,
        actual: BR,
        actions: ['update'],
        afterSensitive: { data_localization_region: true },
      },
    ]);
    const [n] = r.numbers;
    expect(n.declared).toMatchObject({ label: '(sensitive)', data_localization_region: null, sensitive: ['data_localization_region'] });
    expect(n.status).toBe('not_applied');
    expect(JSON.stringify(n.declared) + renderTable(r)).not.toContain('DE');
  });

  test.each([
    [
      'No Storage -> default',
      stateValues('7', { mode: 'NO_STORAGE', retention: 60 }),
      stateValues('7', { mode: 'DEFAULT' }),
      'weakens',
      "No Storage (60 minutes in transit) -> local storage disabled (Meta's default storage)",
    ],
    [
      'No Storage -> in-country',
      stateValues('7', { mode: 'NO_STORAGE', retention: 60 }),
      stateValues('7', { region: 'BR' }),
      'weakens',
      'No Storage (60 minutes in transit) -> local storage in BR',
    ],
    [
      'in-country -> default',
      stateValues('7', { region: 'BR' }),
      stateValues('7', { mode: 'DEFAULT' }),
      'weakens',
      "local storage in BR -> local storage disabled (Meta's default storage)",
    ],
  ])('residency: %s outside the configuration is flagged', (_name, applied, actual, kind, text) => {
    const r = report([{ address: 'whatsapp_local_storage.x', declared: applied, applied, actual, actions: ['update'] }]);
    expect(r.numbers[0].residency?.outside).toMatchObject({
      kind,
      summary: `Data residency of phone number 7 ${kind}: ${text} (changed outside the configuration)`,
    });
    expect(renderTable(r)).toContain(`RESIDENCY: Data residency of phone number 7 ${kind}: ${text}`);
    expect(renderMarkdown(r)).toContain('### ⚠️ Data residency');
  });

  test('a storage status this engine does not know, set outside, is flagged as a possible weakening', () => {
    const newStatus = stateValues('1', { region: 'BR', status: 'REGIONAL_STORAGE_ENABLED' });
    const r = report([{ address: 'whatsapp_local_storage.x', declared: BR, applied: BR, actual: newStatus, actions: ['update'] }]);
    expect(r.numbers[0]).toMatchObject({ status: 'drift', drift_attributes: ['storage_status'] });
    expect(r.numbers[0].residency?.outside).toMatchObject({
      kind: 'weakens',
      summary:
        'Data residency of phone number 1 weakens: local storage in BR -> ' +
        'storage REGIONAL_STORAGE_ENABLED in BR (not one this engine knows) (changed outside the configuration)',
    });
    expect(renderTable(r)).toMatch(/BR\s+BR\s+REGIONAL_STORAGE_ENABLED\s+registered\s+DRIFT/);
  });

  test('strengthening residency is drift but no residency flag', () => {
    const r = report([
      {
        address: 'whatsapp_local_storage.x',
        declared: BR,
        applied: BR,
        actual: stateValues('1', { mode: 'NO_STORAGE', retention: 60 }),
        actions: ['update'],
      },
    ]);
    expect(r.numbers[0]).toMatchObject({ status: 'drift', residency: null });
  });

  test('child modules and for_each instances are numbers too; other resource changes are noted, not counted', () => {
    const r = report(
      [{ address: 'module.eu.whatsapp_local_storage.n["de"]', declared: DE, applied: DE, actual: DE, actions: ['no-op'] }],
      [{ address: 'null_resource.x', type: 'null_resource', actions: ['create'] }],
    );
    expect(r.status).toBe('in_sync');
    expect(r.other_changes).toEqual([{ address: 'null_resource.x', action: 'create' }]);
    expect(renderTable(r)).toContain('the plan also changes 1 other resource(s), not part of this check: null_resource.x (create)');
  });

  test('a configuration without numbers is an error, not a pass', () => {
    const r = report([]);
    expect(r.status).toBe('error');
    expect(exitCodeOf(r)).toBe(1);
    expect(r.error).toMatch(/no whatsapp_local_storage resources .* nothing to check/);
  });

  test('a document that is not a plan is refused', () => {
    expect(() => readPlan({ values: {} })).toThrow(/not a JSON plan/);
  });
});
