import { buildDriftReport, renderMarkdown, renderTable } from '../../src/cli/drift/report';

const now = new Date('2026-11-25T03:00:00Z');
const meta = { directory: '/infra', engine: 'tofu', now };

function resource(address: string, id: string, region: string | null, registered = true) {
  return { address, type: 'whatsapp_local_storage', values: { id, phone_number_id: id, data_localization_region: region, registered, storage_status: region ? 'IN_COUNTRY_STORAGE_ENABLED' : 'DEFAULT', pin: '123456' } };
}

describe('drift report', () => {
  const prior = { values: { root_module: { resources: [resource('whatsapp_local_storage.br', '1', 'BR'), resource('whatsapp_local_storage.in', '2', 'IN')] } } };

  test('in sync when the refresh changed nothing', () => {
    const report = buildDriftReport({ prior_state: prior }, meta);
    expect(report.inSync).toBe(true);
    expect(report.rows.map((r) => r.state)).toEqual(['in_sync', 'in_sync']);
    expect(renderTable(report)).toContain('All 2 phone numbers are in sync.');
    expect(renderMarkdown(report)).toContain('no drift');
  });

  // prior_state of a saved plan is the refreshed (live) state; drift.before is what was recorded.
  const refreshedWith = (index: number, values: Record<string, unknown>) => ({
    values: { root_module: { resources: prior.values.root_module.resources.map((r, i) => (i === index ? { ...r, values } : r)) } },
  });

  test('a region changed outside the engine is drift on that number only, secrets never named', () => {
    const after = { ...resource('whatsapp_local_storage.br', '1', 'DE').values, pin: '654321' };
    const report = buildDriftReport({ prior_state: refreshedWith(0, after), resource_drift: [{ address: 'whatsapp_local_storage.br', type: 'whatsapp_local_storage', change: { actions: ['update'], before: prior.values.root_module.resources[0].values, after } }] }, meta);
    expect(report.inSync).toBe(false);
    expect(report.rows[0]).toMatchObject({ phoneNumberId: '1', declaredRegion: 'BR', actualRegion: 'DE', state: 'drifted', changed: ['data_localization_region'] });
    expect(report.rows[1].state).toBe('in_sync');
    const md = renderMarkdown(report);
    expect(md).toContain('| `1` | `whatsapp_local_storage.br` | BR | DE | registered | **DRIFT** (data_localization_region) |');
    expect(md + renderTable(report) + JSON.stringify(report)).not.toMatch(/123456|654321|\bpin\b/);
  });

  test('a number that was deregistered and lost its storage shows both', () => {
    const after = resource('whatsapp_local_storage.in', '2', null, false).values;
    const report = buildDriftReport({ prior_state: refreshedWith(1, after), resource_drift: [{ address: 'whatsapp_local_storage.in', type: 'whatsapp_local_storage', change: { actions: ['update'], before: prior.values.root_module.resources[1].values, after } }] }, meta);
    expect(report.rows[1]).toMatchObject({ actualRegion: null, actualRegistered: false, state: 'drifted', changed: ['data_localization_region', 'registered', 'storage_status'] });
    expect(renderTable(report)).toMatch(/2\s+whatsapp_local_storage\.in\s+IN\s+disabled\s+NOT registered\s+DRIFT/);
  });

  test('a number removed from the refreshed state is reported as gone', () => {
    const gone = { values: { root_module: { resources: [prior.values.root_module.resources[1]] } } };
    const report = buildDriftReport({ prior_state: gone, resource_drift: [{ address: 'whatsapp_local_storage.br', type: 'whatsapp_local_storage', change: { actions: ['delete'], before: prior.values.root_module.resources[0].values, after: null } }] }, meta);
    expect(report.rows.map((r) => [r.address, r.state])).toEqual([['whatsapp_local_storage.in', 'in_sync'], ['whatsapp_local_storage.br', 'gone']]);
    expect(report.inSync).toBe(false);
  });

  test('resources in child modules are included; other types are ignored', () => {
    const report = buildDriftReport({ prior_state: { values: { root_module: { resources: [{ address: 'null_resource.x', type: 'null_resource', values: {} }], child_modules: [{ resources: [resource('module.eu.whatsapp_local_storage.de', '3', 'DE')] }] } } } }, meta);
    expect(report.rows.map((r) => r.address)).toEqual(['module.eu.whatsapp_local_storage.de']);
  });

  test('an empty state says so', () => {
    expect(renderTable(buildDriftReport({}, meta))).toContain('No whatsapp_local_storage resources');
  });
});

describe('drift report: residency', () => {
  const values = (id: string, storage: { region?: string; mode: string; retention?: number }) => ({
    id,
    phone_number_id: id,
    data_localization_region: storage.region ?? null,
    storage_mode: storage.mode,
    retention_minutes: storage.retention ?? null,
    storage_status: storage.mode === 'NO_STORAGE' ? 'NO_STORAGE_ENABLED' : storage.mode === 'DEFAULT' ? 'DEFAULT' : 'IN_COUNTRY_STORAGE_ENABLED',
    registered: true,
  });
  const driftOf = (declared: Record<string, unknown>, actual: Record<string, unknown>) =>
    buildDriftReport(
      {
        prior_state: { values: { root_module: { resources: [{ address: 'whatsapp_local_storage.x', type: 'whatsapp_local_storage', values: actual }] } } },
        resource_drift: [{ address: 'whatsapp_local_storage.x', type: 'whatsapp_local_storage', change: { actions: ['update'], before: declared, after: actual } }],
      },
      meta,
    );
  const NS = { mode: 'NO_STORAGE', retention: 60 };

  test.each([
    ['No Storage -> default', NS, { mode: 'DEFAULT' }, 'weakens', 'No Storage (60 minutes in transit) -> local storage disabled (Meta\'s default storage)'],
    ['No Storage -> in-country', NS, { mode: 'IN_COUNTRY', region: 'BR' }, 'weakens', 'No Storage (60 minutes in transit) -> local storage in BR'],
    ['in-country -> default', { mode: 'IN_COUNTRY', region: 'BR' }, { mode: 'DEFAULT' }, 'weakens', 'local storage in BR -> local storage disabled (Meta\'s default storage)'],
    ['in-country -> another country', { mode: 'IN_COUNTRY', region: 'BR' }, { mode: 'IN_COUNTRY', region: 'DE' }, 'moves', 'local storage in BR -> local storage in DE'],
  ])('%s is flagged in JSON, the table and Markdown', (_name, from, to, kind, text) => {
    const report = driftOf(values('7', from), values('7', to));
    expect(report.residencyAlerts).toBe(1);
    const [row] = report.rows;
    expect(row).toMatchObject({ state: 'drifted', declaredMode: from.mode, actualMode: to.mode, residency: { kind } });
    const summary = `Data residency of phone number 7 ${kind}: ${text}`;
    expect(row.residency!.summary).toBe(summary);
    expect(renderTable(report)).toContain(`WARNING: ${summary}`);
    expect(renderTable(report)).toContain(kind === 'weakens' ? 'RESIDENCY WEAKENED' : 'RESIDENCY MOVED');
    const md = renderMarkdown(report);
    expect(md).toContain('### ⚠️ Data residency');
    expect(md).toContain(`- ⚠️ **${summary}**`);
  });

  test.each([
    ['default -> No Storage', { mode: 'DEFAULT' }, NS],
    ['in-country -> No Storage', { mode: 'IN_COUNTRY', region: 'BR' }, NS],
    ['default -> in-country', { mode: 'DEFAULT' }, { mode: 'IN_COUNTRY', region: 'BR' }],
  ])('%s is drift but not a residency alert', (_name, from, to) => {
    const report = driftOf(values('7', from), values('7', to));
    expect(report.rows[0]).toMatchObject({ state: 'drifted', residency: null });
    expect(report.residencyAlerts).toBe(0);
    expect(renderMarkdown(report)).not.toContain('Data residency');
  });

  test('the table shows No Storage with its retention', () => {
    const report = driftOf(values('7', NS), values('7', { mode: 'DEFAULT' }));
    expect(renderTable(report)).toMatch(/7\s+whatsapp_local_storage\.x\s+no storage \(60 min\)\s+disabled\s+registered\s+DRIFT\s+RESIDENCY WEAKENED/);
  });
});
