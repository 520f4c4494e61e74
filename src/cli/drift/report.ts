/**
 * Turns an engine's refresh-only plan (the JSON of `show -json`) into a drift
 * report per phone number. Pure: no I/O, so every case is a unit test.
 * Drift that weakens data residency (or moves it to another country) is
 * flagged on its own, in the same words a plan warns with.
 */
import { secretAttributeNames } from '../../plugin/schema/model';
import { LOCAL_STORAGE_TYPE, localStorageResourceSchema } from '../../provider/schema/local-storage-resource';
import { residencyChange, residencySummary, type ResidencyChange } from '../../engine/residency';
import { STATUS_DEFAULT, STATUS_ENABLED, targetOfStorage } from '../../engine/storage-state';
import type { StorageTarget } from '../../engine/storage-modes';

export interface DriftRow {
  address: string;
  phoneNumberId: string;
  declaredRegion: string | null;
  actualRegion: string | null;
  declaredRegistered: boolean | null;
  actualRegistered: boolean | null;
  actualStatus: string | null;
  /** IN_COUNTRY, DEFAULT or NO_STORAGE; null when unknown. */
  declaredMode: string | null;
  actualMode: string | null;
  /** No Storage retention, minutes. */
  declaredRetentionMinutes: number | null;
  actualRetentionMinutes: number | null;
  /** Set when the drift weakens residency (or moves it to another country), in a plan warning's words. */
  residency: (ResidencyChange & { summary: string }) | null;
  /** Removed: the number could not be read any more (deleted or no access). */
  state: 'in_sync' | 'drifted' | 'gone';
  /** Attribute names whose value changed outside the engine. */
  changed: string[];
}

export interface DriftReport {
  generatedAt: string;
  directory: string;
  engine: string;
  inSync: boolean;
  /** Rows whose drift weakened or moved data residency. */
  residencyAlerts: number;
  rows: DriftRow[];
}

interface ResourceValues {
  address: string;
  type: string;
  values?: Record<string, unknown> | null;
}

interface ModuleValues {
  resources?: ResourceValues[];
  child_modules?: ModuleValues[];
}

interface PlanJson {
  prior_state?: { values?: { root_module?: ModuleValues } };
  resource_drift?: Array<{ address: string; type: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }>;
}

function flatten(module: ModuleValues | undefined): ResourceValues[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(flatten)];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The storage a state's values record (states from before storage_mode existed included). */
function storageOf(values: Record<string, unknown>): StorageTarget | undefined {
  const region = str(values.data_localization_region) ?? undefined;
  const status = str(values.storage_status) ?? (region ? STATUS_ENABLED : STATUS_DEFAULT);
  const retention = num(values.retention_minutes) ?? undefined;
  return targetOfStorage({ status, ...(region ? { region } : {}), ...(retention !== undefined ? { retentionMinutes: retention } : {}) });
}
// Secrets (the schema's sensitive and write-only attributes) are compared by the engine but never named or shown in a report.
const SECRET = new Set(secretAttributeNames(localStorageResourceSchema));

function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !SECRET.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/**
 * In a saved refresh-only plan, `prior_state` is the state AFTER the refresh
 * (the live truth) and `resource_drift[].change.before` holds what the state
 * recorded before it (what was declared and applied).
 */
export function buildDriftReport(plan: PlanJson, meta: { directory: string; engine: string; now: Date }): DriftReport {
  const drift = new Map((plan.resource_drift ?? []).filter((d) => d.type === LOCAL_STORAGE_TYPE).map((d) => [d.address, d.change]));
  const refreshed = flatten(plan.prior_state?.values?.root_module).filter((r) => r.type === LOCAL_STORAGE_TYPE);
  const row = (address: string, declared: Record<string, unknown>, actual: Record<string, unknown> | null): DriftRow => {
    const changed = actual ? changedAttributes(declared, actual) : [];
    const from = storageOf(declared);
    const to = actual ? storageOf(actual) : undefined;
    const change = from && to && changed.length > 0 ? residencyChange(from, to) : undefined;
    const phoneNumberId = str(declared.phone_number_id) ?? str(declared.id) ?? '?';
    return {
      address,
      phoneNumberId,
      declaredRegion: str(declared.data_localization_region),
      actualRegion: actual ? str(actual.data_localization_region) : null,
      declaredRegistered: bool(declared.registered),
      actualRegistered: actual ? bool(actual.registered) : null,
      actualStatus: actual ? str(actual.storage_status) : null,
      declaredMode: from?.mode ?? str(declared.storage_mode),
      actualMode: actual ? (to?.mode ?? str(actual.storage_mode)) : null,
      declaredRetentionMinutes: num(declared.retention_minutes),
      actualRetentionMinutes: actual ? num(actual.retention_minutes) : null,
      residency: change ? { ...change, summary: residencySummary(phoneNumberId, change) } : null,
      state: actual === null ? 'gone' : changed.length ? 'drifted' : 'in_sync',
      changed,
    };
  };
  const rows = refreshed.map((r) => {
    const actual = r.values ?? {};
    return row(r.address, drift.get(r.address)?.before ?? actual, actual);
  });
  // A resource the refresh removed is absent from prior_state: only its drift entry remains.
  for (const [address, change] of drift) {
    if (!refreshed.some((r) => r.address === address) && change.before) rows.push(row(address, change.before, null));
  }
  return {
    generatedAt: meta.now.toISOString(),
    directory: meta.directory,
    engine: meta.engine,
    inSync: rows.every((r) => r.state === 'in_sync'),
    residencyAlerts: rows.filter((r) => r.residency).length,
    rows,
  };
}

/** "BR", "disabled" (default storage), "no storage (60 min)", or the raw status. */
function storageLabel(mode: string | null, region: string | null, retention: number | null, status: string | null): string {
  if (mode === 'NO_STORAGE') return `no storage (${retention ?? '?'} min)`;
  if (mode === 'DEFAULT') return 'disabled';
  if (region) return region;
  return mode === null && status && status !== STATUS_DEFAULT ? status : 'disabled';
}
const declaredLabel = (r: DriftRow) => storageLabel(r.declaredMode, r.declaredRegion, r.declaredRetentionMinutes, null);
const actualLabel = (r: DriftRow) => storageLabel(r.actualMode, r.actualRegion, r.actualRetentionMinutes, r.actualStatus);
const residencyCell = (r: DriftRow) => (r.residency ? (r.residency.kind === 'weakens' ? 'RESIDENCY WEAKENED' : 'RESIDENCY MOVED') : '');
const reg = (r: boolean | null): string => (r === null ? '?' : r ? 'registered' : 'NOT registered');
const verdict = (row: DriftRow): string => ({ in_sync: 'in sync', drifted: 'DRIFT', gone: 'GONE' })[row.state];

/** Plain-text table for terminals and pipeline logs. */
export function renderTable(report: DriftReport): string {
  const header = ['phone number', 'resource', 'declared', 'actual', 'registration', 'result', 'residency'];
  const lines = report.rows.map((r) => [r.phoneNumberId, r.address, declaredLabel(r), actualLabel(r), reg(r.actualRegistered), verdict(r), residencyCell(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const summary = report.rows.length === 0
    ? `No ${LOCAL_STORAGE_TYPE} resources in this state.`
    : report.inSync
      ? `All ${report.rows.length} phone numbers are in sync.`
      : `${report.rows.filter((r) => r.state !== 'in_sync').length} of ${report.rows.length} phone numbers drifted.`;
  const alerts = report.rows.filter((r) => r.residency).map((r) => `WARNING: ${r.residency!.summary} (changed outside this configuration)`);
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt), '', summary, ...(alerts.length ? ['', ...alerts] : [])].join('\n');
}

/** Markdown for a pipeline summary or a pull-request comment. */
export function renderMarkdown(report: DriftReport): string {
  const icon = report.inSync ? '✅' : '⚠️';
  const title = report.inSync ? 'Local Storage: no drift' : 'Local Storage: drift detected';
  const rows = report.rows.map((r) => `| \`${r.phoneNumberId}\` | \`${r.address}\` | ${declaredLabel(r)} | ${actualLabel(r)} | ${reg(r.actualRegistered)} | ${r.state === 'in_sync' ? 'in sync' : `**${verdict(r)}**${r.changed.length ? ` (${r.changed.join(', ')})` : ''}`} | ${r.residency ? `**${residencyCell(r)}**` : ''} |`);
  const alerts = report.rows.filter((r) => r.residency).map((r) => `- ⚠️ **${r.residency!.summary}** (changed outside this configuration)`);
  const residency = alerts.length
    ? `\n### ⚠️ Data residency\n\n${alerts.join('\n')}\n\nMessage data of ${alerts.length === 1 ? 'this number is' : 'these numbers is'} now kept under weaker residency than declared, or in another country. Re-apply to restore the declared storage, or declare the new storage mode if the change was intended.\n`
    : '';
  const advice = report.inSync
    ? ''
    : '\nThe live numbers no longer match the declared configuration. Review the change: re-apply to restore the declared region (the number goes offline briefly while it is re-registered), or update the configuration if the change was intended.\n';
  return `## ${icon} ${title}\n\nChecked ${report.rows.length} phone number(s) in \`${report.directory}\` with ${report.engine} at ${report.generatedAt}.\n\n| phone number | resource | declared storage | actual storage | registration | result | residency |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n${residency}${advice}`;
}
