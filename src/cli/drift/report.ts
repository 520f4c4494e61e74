/**
 * Turns an engine's refresh-only plan (the JSON of `show -json`) into a drift
 * report per phone number. Pure: no I/O, so every case is a unit test.
 */
import { secretAttributeNames } from '../../plugin/schema/model';
import { LOCAL_STORAGE_TYPE, localStorageResourceSchema } from '../../provider/schema/local-storage-resource';

export interface DriftRow {
  address: string;
  phoneNumberId: string;
  declaredRegion: string | null;
  actualRegion: string | null;
  declaredRegistered: boolean | null;
  actualRegistered: boolean | null;
  actualStatus: string | null;
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
    return {
      address,
      phoneNumberId: str(declared.phone_number_id) ?? str(declared.id) ?? '?',
      declaredRegion: str(declared.data_localization_region),
      actualRegion: actual ? str(actual.data_localization_region) : null,
      declaredRegistered: bool(declared.registered),
      actualRegistered: actual ? bool(actual.registered) : null,
      actualStatus: actual ? str(actual.storage_status) : null,
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
  return { generatedAt: meta.now.toISOString(), directory: meta.directory, engine: meta.engine, inSync: rows.every((r) => r.state === 'in_sync'), rows };
}

const region = (r: string | null): string => r ?? 'disabled';
const reg = (r: boolean | null): string => (r === null ? '?' : r ? 'registered' : 'NOT registered');
const verdict = (row: DriftRow): string => ({ in_sync: 'in sync', drifted: 'DRIFT', gone: 'GONE' })[row.state];

/** Plain-text table for terminals and pipeline logs. */
export function renderTable(report: DriftReport): string {
  const header = ['phone number', 'resource', 'declared', 'actual', 'registration', 'result'];
  const lines = report.rows.map((r) => [r.phoneNumberId, r.address, region(r.declaredRegion), region(r.actualRegion), reg(r.actualRegistered), verdict(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const summary = report.rows.length === 0
    ? `No ${LOCAL_STORAGE_TYPE} resources in this state.`
    : report.inSync
      ? `All ${report.rows.length} phone numbers are in sync.`
      : `${report.rows.filter((r) => r.state !== 'in_sync').length} of ${report.rows.length} phone numbers drifted.`;
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt), '', summary].join('\n');
}

/** Markdown for a pipeline summary or a pull-request comment. */
export function renderMarkdown(report: DriftReport): string {
  const icon = report.inSync ? '✅' : '⚠️';
  const title = report.inSync ? 'Local Storage: no drift' : 'Local Storage: drift detected';
  const rows = report.rows.map((r) => `| \`${r.phoneNumberId}\` | \`${r.address}\` | ${region(r.declaredRegion)} | ${region(r.actualRegion)} | ${reg(r.actualRegistered)} | ${r.state === 'in_sync' ? 'in sync' : `**${verdict(r)}**${r.changed.length ? ` (${r.changed.join(', ')})` : ''}`} |`);
  const advice = report.inSync
    ? ''
    : '\nThe live numbers no longer match the declared configuration. Review the change: re-apply to restore the declared region (the number goes offline briefly while it is re-registered), or update the configuration if the change was intended.\n';
  return `## ${icon} ${title}\n\nChecked ${report.rows.length} phone number(s) in \`${report.directory}\` with ${report.engine} at ${report.generatedAt}.\n\n| phone number | resource | declared region | actual region | registration | result |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n${advice}`;
}
