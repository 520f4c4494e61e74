/**
 * The drift report as every writer sees it: drift-report.json is this object
 * verbatim (schema_version 1, docs/drift.md), the table, Markdown, JUnit and
 * GitHub annotations are renderings of it. Pure.
 */
import { classify, type NumberStatus, type ResidencyFlag } from './classify';
import type { PlanAction, PlanReading } from './plan-json';
import { registeredOf, storageJson, type StorageJson } from './storage-view';

export const REPORT_SCHEMA_VERSION = 1;

export type ReportStatus = 'in_sync' | 'differs' | 'error';

export interface NumberReport {
  address: string;
  phone_number_id: string;
  /** What the code declares (planned); null when the code no longer has it. */
  declared: StorageJson | null;
  /** What the last apply recorded in the state; null when it is not in the state. */
  applied: StorageJson | null;
  /** What the number has now (the refresh); null when not read (new) or no longer readable. */
  actual: StorageJson | null;
  /** Registration now (actual); null when not read. */
  registered: boolean | null;
  status: NumberStatus;
  /** What the next apply of the code does to it. */
  plan_action: PlanAction;
  /** Attributes changed outside the configuration since the last apply. */
  drift_attributes: string[];
  /** Declared attributes the last apply did not write. */
  unapplied_attributes: string[];
  residency: { outside: ResidencyFlag | null; pending: ResidencyFlag | null } | null;
  notes: string[];
}

export interface DriftReport {
  schema_version: typeof REPORT_SCHEMA_VERSION;
  status: ReportStatus;
  error: string | null;
  engine: { name: string | null; version: string | null };
  checked_at: string;
  directory: string;
  summary: { total: number; in_sync: number; drift: number; not_applied: number; drift_and_not_applied: number; residency_flags: number };
  numbers: NumberReport[];
  /** Other managed resources the plan would change (not checked, said so). */
  other_changes: Array<{ address: string; action: PlanAction }>;
}

export interface ReportMeta {
  directory: string;
  engine: { name: string | null; version: string | null };
  now: Date;
}

function summaryOf(numbers: NumberReport[]): DriftReport['summary'] {
  const count = (s: NumberStatus) => numbers.filter((n) => n.status === s).length;
  return {
    total: numbers.length,
    in_sync: count('in_sync'),
    drift: count('drift'),
    not_applied: count('not_applied'),
    drift_and_not_applied: count('drift_and_not_applied'),
    residency_flags: numbers.reduce((sum, n) => sum + (n.residency?.outside ? 1 : 0) + (n.residency?.pending ? 1 : 0), 0),
  };
}

/** The report of a plan that ran; a configuration with no number to check is an error (a wrong --dir must not pass). */
export function buildReport(plan: PlanReading, meta: ReportMeta): DriftReport {
  const numbers = plan.numbers.map((n): NumberReport => {
    const verdict = classify(n);
    return {
      address: n.address,
      phone_number_id: verdict.phoneNumberId,
      declared: n.declared ? storageJson(n.declared) : null,
      applied: n.applied ? storageJson(n.applied) : null,
      actual: n.actual ? storageJson(n.actual) : null,
      registered: registeredOf(n.actual),
      status: verdict.status,
      plan_action: n.action,
      drift_attributes: verdict.driftAttributes,
      unapplied_attributes: verdict.unappliedAttributes,
      residency: verdict.residency,
      notes: verdict.notes,
    };
  });
  const engine = { name: meta.engine.name, version: plan.engineVersion ?? meta.engine.version };
  if (numbers.length === 0) {
    return errorReport(
      `no whatsapp_local_storage resources in the configuration or state of ${meta.directory}: ` +
        'nothing to check (is --dir the right directory?)',
      { ...meta, engine },
      plan.otherChanges,
    );
  }
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    status: numbers.every((n) => n.status === 'in_sync') ? 'in_sync' : 'differs',
    error: null,
    engine,
    checked_at: meta.now.toISOString(),
    directory: meta.directory,
    summary: summaryOf(numbers),
    numbers,
    other_changes: plan.otherChanges,
  };
}

/** The report of a check that could not run: nothing is known about any number. */
export function errorReport(message: string, meta: ReportMeta, otherChanges: DriftReport['other_changes'] = []): DriftReport {
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    status: 'error',
    error: message,
    engine: meta.engine,
    checked_at: meta.now.toISOString(),
    directory: meta.directory,
    summary: summaryOf([]),
    numbers: [],
    other_changes: otherChanges,
  };
}

/** The exit code a report stands for: 0 in sync, 2 any difference, 1 the check could not run. */
export function exitCodeOf(report: DriftReport): 0 | 1 | 2 {
  return report.status === 'in_sync' ? 0 : report.status === 'differs' ? 2 : 1;
}

const STATE_WORDS: Record<NumberStatus, string> = {
  in_sync: 'in sync',
  drift: 'DRIFT',
  not_applied: 'NOT APPLIED',
  drift_and_not_applied: 'DRIFT + NOT APPLIED',
};

export const stateWords = (s: NumberStatus): string => STATE_WORDS[s];

/** The one closing sentence every rendering ends with; it names the exit code. */
export function closingLine(report: DriftReport): string {
  const code = exitCodeOf(report);
  if (report.status === 'error') {
    const reason = (report.error ?? '').split('\n')[0].replace(/[.:]\s*$/, '');
    return `Drift check failed, nothing is known about the numbers: ${reason} (exit ${code}).`;
  }
  const s = report.summary;
  if (report.status === 'in_sync') {
    return `In sync: all ${s.total} phone number${s.total === 1 ? '' : 's'} match the code and the last apply (exit ${code}).`;
  }
  const parts = [
    s.drift ? `${s.drift} changed outside the configuration` : '',
    s.not_applied ? `${s.not_applied} not applied yet` : '',
    s.drift_and_not_applied ? `${s.drift_and_not_applied} both` : '',
  ].filter(Boolean);
  const residency = s.residency_flags ? `; ${s.residency_flags} residency flag${s.residency_flags === 1 ? '' : 's'}` : '';
  const numbers = `${s.total - s.in_sync} of ${s.total} phone number${s.total === 1 ? '' : 's'}`;
  return `Differences: ${numbers} (${parts.join(', ')}${residency}) (exit ${code}).`;
}
