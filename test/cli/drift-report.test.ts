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
