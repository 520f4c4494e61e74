/**
 * `whatsapp-local-storage drift` end to end, under OpenTofu 1.12.6 and
 * Terraform 1.5.7: the built CLI, the built provider, the emulator. Four
 * numbers go through no state, in sync, a failed run, and then one each of
 * in sync / changed outside / not applied / both. In every run the exit code,
 * drift-report.json, drift-report.md, drift-report.xml and the terminal agree.
 */
import axios from 'axios';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftReport, NumberReport } from '../../src/cli/drift/report-model';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, requiredEngines } from '../e2e/harness';
import { expectAgreement, readReports, REPORT_FILES, runCli, type CliResult } from './drift-reports';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(600_000);

const IN_SYNC = '106540352242923';
const OUTSIDE = '106540352242924';
const CODE = '106540352242925';
const BOTH = '106540352242926';
const SECRETS = /123456|demo-token|bad-token/;

interface Storage {
  region?: string;
  noStorage?: boolean;
}
const declare = (name: string, id: string, s: Storage): string => `
resource "whatsapp_local_storage" "${name}" {
  phone_number_id = "${id}"
${s.noStorage ? '  storage_mode      = "NO_STORAGE"\n  retention_minutes = 60' : `  data_localization_region = "${s.region}"`}
  pin = var.pin
}
`;

function configuration(baseUrl: string, token: string, storage: Record<string, Storage>): string {
  return `${providerBlock({ baseUrl, token })}
variable "pin" {
  type      = string
  sensitive = true
}
${declare('in_sync', IN_SYNC, storage.in_sync)}${declare('outside', OUTSIDE, storage.outside)}
${declare('code', CODE, storage.code)}${declare('both', BOTH, storage.both)}`;
}

const APPLIED = { in_sync: { region: 'BR' }, outside: { region: 'DE' }, code: { region: 'BR' }, both: { noStorage: true } };

describe.each(requiredEngines().map((e) => [`${e.name} ${e.version}`, e] as const))('drift command under %s', (_label, engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  let scratch: string;

  const drift = async (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> => {
    const result = await runCli(['drift', '--engine', engine.path, ...args], {
      TF_CLI_CONFIG_FILE: join(ws.dir, 'cli.tfrc'),
      TF_VAR_pin: '123456',
      GITHUB_ACTIONS: undefined,
      GITHUB_STEP_SUMMARY: undefined,
      WHATSAPP_ACCESS_TOKEN: undefined,
      ...env,
    });
    expect(result.stdout + result.stderr).not.toMatch(SECRETS);
    return result;
  };
  // The numbers of the JSON report by their resource name.
  const byAddress = (json: DriftReport): Record<string, NumberReport> =>
    Object.fromEntries(json.numbers.map((n) => [n.address.replace('whatsapp_local_storage.', ''), n]));

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(engine);
    scratch = mkdtempSync(join(tmpdir(), 'wls-drift-out-'));
    ws.write('main.tf', configuration(emulator.url, 'demo-token', APPLIED));
  });

  afterAll(async () => {
    ws?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await emulator?.close();
  });

  test('no state: --init, then every number is not applied yet (exit 2), in every report in --dir', async () => {
    const result = await drift(['--dir', ws.dir, '--init']);
    expect(result.code).toBe(2);
    const reports = readReports(ws.dir);
    expectAgreement(result, reports);
    expect(reports.json.summary).toEqual({ total: 4, in_sync: 0, drift: 0, not_applied: 4, drift_and_not_applied: 0, residency_flags: 0 });
    for (const n of reports.json.numbers)
      expect(n).toMatchObject({ status: 'not_applied', plan_action: 'create', applied: null, actual: null });
    expect(reports.json.engine).toEqual({ name: engine.name, version: engine.version });
    expect(reports.markdown).toContain('**NOT APPLIED**');
    expect(reports.junit.cases.map((c) => c.failure?.['@_type'])).toEqual(['not_applied', 'not_applied', 'not_applied', 'not_applied']);
    expect(result.stdout).toMatch(
      new RegExp(`${CODE}\\s+whatsapp_local_storage\\.code\\s+BR\\s+\\(not applied\\)\\s+\\(not read\\)\\s+-\\s+NOT APPLIED`),
    );
    expect(result.stdout).toContain('Differences: 4 of 4 phone numbers (4 not applied yet) (exit 2).');
    expect(reports.xml + JSON.stringify(reports.json) + reports.markdown).not.toMatch(SECRETS);
  });

  test('after apply: in sync (exit 0)', async () => {
    await ws.expect(['apply', '-auto-approve'], 0, { TF_VAR_pin: '123456' });
    const result = await drift(['--dir', ws.dir]);
    expect(result.code).toBe(0);
    const reports = readReports(ws.dir);
    expectAgreement(result, reports);
    expect(reports.json.summary.in_sync).toBe(4);
    expect(result.stdout).toMatch(
      new RegExp(`${BOTH}\\s+whatsapp_local_storage\\.both\\s+` + 'no storage \\(60 min\\)\\s+'.repeat(3) + 'registered\\s+in sync'),
    );
    expect(result.stdout).toContain('In sync: all 4 phone numbers match the code and the last apply (exit 0).');
    expect(reports.junit).toMatchObject({ tests: 4, failures: 0, errors: 0 });
  });

  test('a failed run (bad token) after a good one leaves no "in sync" behind: every report says error (exit 1)', async () => {
    expect(readReports(ws.dir).json.status).toBe('in_sync');
    ws.write('main.tf', configuration(emulator.url, 'bad-token', APPLIED));
    try {
      const result = await drift(['--dir', ws.dir]);
      expect(result.code).toBe(1);
      const reports = readReports(ws.dir);
      expectAgreement(result, reports);
      expect(reports.json.error).toMatch(
        /^the engine's plan failed: Access token refused while reading phone number 10654035224292[3-6] \(provider access_token\)\n/,
      );
      expect(reports.json.error).toMatch(/The access token is invalid or expired/);
      expect(reports.json.error).toContain('(plan exited 1)');
      expect(result.stderr).toMatch(/drift check failed: the engine's plan failed/);
      expect(reports.xml + JSON.stringify(reports.json) + reports.markdown).not.toMatch(SECRETS);
    } finally {
      ws.write('main.tf', configuration(emulator.url, 'demo-token', APPLIED));
    }
  });

  test('one number each: in sync, changed outside, not applied, both; GitHub annotations and job summary; --out', async () => {
    // Outside the configuration, through Graph: OUTSIDE moves from DE to CH.
    const headers = { Authorization: 'Bearer demo-token' };
    const base = `${emulator.url}/${FIRST_SETTINGS_VERSION}/${OUTSIDE}`;
    await axios.post(`${base}/deregister`, {}, { headers });
    await axios.post(
      `${base}/settings`,
      { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'CH' } },
      { headers },
    );
    await axios.post(`${base}/register`, { messaging_product: 'whatsapp', pin: '123456' }, { headers });
    // Outside, through the admin API: BOTH loses No Storage (Meta's default storage).
    await emulator.admin.patchPhoneNumber(BOTH, { storage_configuration: { status: 'DEFAULT' } });
    // In the code, not applied: CODE to DE; BOTH to in-country GB.
    ws.write('main.tf', configuration(emulator.url, 'demo-token', { ...APPLIED, code: { region: 'DE' }, both: { region: 'GB' } }));

    const summaryFile = join(scratch, 'step-summary.md');
    writeFileSync(summaryFile, '# earlier step\n');
    const out = join(scratch, 'reports');
    const result = await drift(['--dir', ws.dir, '--out', out], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile });
    expect(result.code).toBe(2);
    const reports = readReports(out);
    expectAgreement(result, reports);
    const n = byAddress(reports.json);
    expect(n.in_sync).toMatchObject({ status: 'in_sync', residency: null });
    expect(n.outside).toMatchObject({
      status: 'drift',
      declared: { label: 'DE' },
      applied: { label: 'DE' },
      actual: { label: 'CH', registered: true },
      drift_attributes: ['data_localization_region'],
      residency: { outside: { kind: 'moves', from: 'local storage in DE', to: 'local storage in CH' }, pending: null },
    });
    expect(n.code).toMatchObject({
      status: 'not_applied',
      declared: { label: 'DE', data_localization_region: 'DE' },
      applied: { label: 'BR' },
      actual: { label: 'BR' },
      unapplied_attributes: ['data_localization_region'],
      residency: { outside: null, pending: { kind: 'moves', from: 'local storage in BR', to: 'local storage in DE' } },
    });
    expect(n.both).toMatchObject({
      status: 'drift_and_not_applied',
      declared: { label: 'GB' },
      applied: { label: 'no storage (60 min)' },
      actual: { label: 'default', storage_status: 'DEFAULT' },
      residency: { outside: { kind: 'weakens' }, pending: null },
    });
    expect(reports.json.summary).toEqual({ total: 4, in_sync: 1, drift: 1, not_applied: 1, drift_and_not_applied: 1, residency_flags: 3 });

    // The terminal: declared | applied | actual | registration | state per number, residency lines, one closing line.
    expect(result.stdout).toMatch(new RegExp(`${IN_SYNC}\\s+whatsapp_local_storage\\.in_sync\\s+BR\\s+BR\\s+BR\\s+registered\\s+in sync`));
    expect(result.stdout).toMatch(
      new RegExp(`${OUTSIDE}\\s+whatsapp_local_storage\\.outside\\s+DE\\s+DE\\s+CH\\s+registered\\s+DRIFT\\s+RESIDENCY MOVED outside`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`${CODE}\\s+whatsapp_local_storage\\.code\\s+DE\\s+BR\\s+BR\\s+registered\\s+NOT APPLIED\\s+apply MOVES RESIDENCY`),
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `${BOTH}\\s+whatsapp_local_storage\\.both\\s+GB\\s+no storage \\(60 min\\)\\s+default\\s+registered\\s+` +
          'DRIFT \\+ NOT APPLIED\\s+RESIDENCY WEAKENED outside',
      ),
    );
    expect(result.stdout).toContain(
      `RESIDENCY: Data residency of phone number ${BOTH} weakens: No Storage (60 minutes in transit) -> ` +
        "local storage disabled (Meta's default storage) (changed outside the configuration)",
    );
    expect(result.stdout.trim().split('\n').pop()).toBe(
      'Differences: 3 of 4 phone numbers (1 changed outside the configuration, 1 not applied yet, 1 both; 3 residency flags) (exit 2).',
    );

    // Markdown and JUnit name the same states.
    expect(reports.markdown).toContain(
      `| \`${OUTSIDE}\` | \`whatsapp_local_storage.outside\` | DE | DE | CH | registered | ` +
        '**DRIFT** (changed outside: data_localization_region) | **RESIDENCY MOVED outside** |',
    );
    expect(reports.markdown).toContain('### ⚠️ Data residency');
    expect(reports.junit.cases.map((c) => [c['@_name'], c.failure?.['@_type'] ?? 'pass'])).toEqual([
      [`whatsapp_local_storage.both (${BOTH})`, 'drift_and_not_applied'],
      [`whatsapp_local_storage.code (${CODE})`, 'not_applied'],
      [`whatsapp_local_storage.in_sync (${IN_SYNC})`, 'pass'],
      [`whatsapp_local_storage.outside (${OUTSIDE})`, 'drift'],
    ]);
    expect(reports.junit.cases[0].failure!['@_message']).toContain('weakens');

    // GitHub: one annotation per differing number; residency changed outside is an error, the rest warnings.
    const annotations = result.stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
    expect(annotations).toHaveLength(4);
    expect(annotations[0]).toMatch(
      new RegExp(
        `^::error title=Residency weakened outside the configuration%3A ${BOTH}::whatsapp_local_storage.both: DRIFT \\+ NOT APPLIED%0A`,
      ),
    );
    expect(annotations[1]).toMatch(new RegExp(`^::warning title=Local Storage NOT APPLIED%3A ${CODE}::`));
    expect(annotations[2]).toMatch(new RegExp(`^::error title=Residency moved outside the configuration%3A ${OUTSIDE}::`));
    expect(annotations[3]).toBe(
      '::notice title=Local Storage drift check::' +
        'Differences: 3 of 4 phone numbers (1 changed outside the configuration, 1 not applied yet, 1 both; 3 residency flags) (exit 2).',
    );
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## ⚠️ Local Storage drift check: differences')).toBe(true);
    expect(summary).toContain(reports.markdown);
    expect(reports.xml + JSON.stringify(reports.json) + reports.markdown + summary).not.toMatch(SECRETS);
  });

  test('removed from the code, a value known only at apply, a replacement: each not applied, with its plan action', async () => {
    // in_sync leaves the code; code takes its region from a resource created in the same apply;
    // outside (drifted to CH) now names another number, which replaces it.
    ws.write(
      'main.tf',
      `${providerBlock({ baseUrl: emulator.url })}
variable "pin" {
  type      = string
  sensitive = true
}
resource "terraform_data" "region" {
  input = "DE"
}
resource "whatsapp_local_storage" "code" {
  phone_number_id          = "${CODE}"
  data_localization_region = terraform_data.region.output
  pin                      = var.pin
}
${declare('outside', '106540352242922', { region: 'DE' })}${declare('both', BOTH, { region: 'GB' })}`,
    );
    const result = await drift(['--dir', ws.dir]);
    expect(result.code).toBe(2);
    const reports = readReports(ws.dir);
    expectAgreement(result, reports);
    const n = byAddress(reports.json);
    expect(n.in_sync).toMatchObject({
      status: 'not_applied',
      plan_action: 'delete',
      declared: null,
      applied: { label: 'BR' },
      actual: { label: 'BR' },
    });
    expect(n.in_sync.notes.join(' ')).toMatch(/Removed from the code: the next apply stops managing it and leaves its storage as it is/);
    expect(n.code).toMatchObject({
      status: 'not_applied',
      plan_action: 'update',
      declared: { label: '(known after apply)' },
      applied: { label: 'BR' },
    });
    expect(n.code.declared?.unknown).toContain('data_localization_region');
    expect(n.outside).toMatchObject({
      status: 'drift_and_not_applied',
      plan_action: 'replace',
      phone_number_id: '106540352242922',
      applied: { label: 'DE' },
      actual: { label: 'CH' },
    });
    expect(reports.json.other_changes).toEqual([{ address: 'terraform_data.region', action: 'create' }]);
    expect(result.stdout).toMatch(
      new RegExp(`${CODE}\\s+whatsapp_local_storage\\.code\\s+\\(known after apply\\)\\s+BR\\s+BR\\s+registered\\s+NOT APPLIED`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`${IN_SYNC}\\s+whatsapp_local_storage\\.in_sync\\s+\\(removed from code\\)\\s+BR\\s+BR\\s+registered\\s+NOT APPLIED`),
    );
    expect(result.stdout).toContain('not part of this check: terraform_data.region (create)');
  });

  test('a --dir that does not exist: exit 1, the reports in --out say why; without --out nothing is created', async () => {
    const missing = join(ws.dir, 'missing');
    const out = join(scratch, 'missing-out');
    const result = await drift(['--dir', missing, '--out', out]);
    expect(result.code).toBe(1);
    const reports = readReports(out);
    expectAgreement(result, reports);
    expect(reports.json.error).toBe(
      `--dir ${missing} does not exist: pass the directory that holds the Terraform/OpenTofu configuration (its .tf files)`,
    );
    expect(result.stderr).not.toMatch(/ENOENT|spawn/);

    const bare = await drift(['--dir', missing]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(`--dir ${missing} does not exist`);
    expect(bare.stdout).toContain('No reports written');
    expect(bare.stdout.trim().split('\n').pop()).toMatch(/^Drift check failed, .*\(exit 1\)\.$/);
    expect(existsSync(missing)).toBe(false);

    // One report placed elsewhere: that one is written, the others would need the missing directory.
    const json = join(scratch, 'only.json');
    const one = await drift(['--dir', missing, '--json-report', json]);
    expect(one.code).toBe(1);
    const written = JSON.parse(readFileSync(json, 'utf8')) as DriftReport;
    expect(written).toMatchObject<Record<string, unknown>>({ status: 'error', error: expect.stringContaining('does not exist') });
    expect(one.stdout).toContain('Some reports not written');
    expect(existsSync(missing)).toBe(false);
  });

  test('a directory with no configuration: exit 1, and an older in-sync report there is replaced by the error', async () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    writeFileSync(join(empty, 'drift-report.json'), JSON.stringify({ schema_version: 1, status: 'in_sync' }));
    writeFileSync(join(empty, 'notes.txt'), 'not a configuration');
    const result = await drift(['--dir', empty]);
    expect(result.code).toBe(1);
    const reports = readReports(empty);
    expectAgreement(result, reports);
    expect(reports.json.error).toMatch(/holds no Terraform\/OpenTofu configuration \(no \.tf, \.tf\.json, \.tofu or \.tofu\.json files\)/);
    expect(REPORT_FILES.every((f) => existsSync(join(empty, f)))).toBe(true);
  });
});
