/**
 * One number's verdict from its three snapshots (declared, applied, actual).
 * Pure. The states, as docs/drift.md explains them:
 *
 * - drift: the number (or the state's record of it) changed outside the
 *   configuration since the last apply: applied and actual differ, or the
 *   number can no longer be read.
 * - not_applied: the code is ahead of the number: the plan has a change that is
 *   not only the undoing of drift (a new number, a changed declaration, a
 *   number removed from the code, a replacement, a declared value known only
 *   at apply, an instance a failed apply left tainted).
 * - drift_and_not_applied: both.
 * - in_sync: neither, and the plan changes nothing.
 *
 * Residency (src/engine/residency.ts) is flagged for what happened outside the
 * configuration (applied -> actual) and for what the next apply of the code
 * would do (actual -> declared; a destroy with disable_on_destroy goes to default).
 */
import { residencyChange, residencyChangeToUnknown, residencySummary, type ResidencyChange } from '../../engine/residency';
import { localStorageResourceSchema } from '../../provider/schema/local-storage-resource';
import type { AttributeMap } from '../../plugin/schema/model';
import type { NumberInPlan, PlanAction, Snapshot } from './plan-json';
import { storageHidden, storageOf } from './storage-view';

export type NumberStatus = 'in_sync' | 'drift' | 'not_applied' | 'drift_and_not_applied';

export interface ResidencyFlag extends ResidencyChange {
  /** The plan-warning sentence, with where it comes from. */
  summary: string;
}

export interface Verdict {
  status: NumberStatus;
  /** Attributes changed outside the configuration (applied -> actual). */
  driftAttributes: string[];
  /** Declared attributes the last apply did not write (declared vs applied). */
  unappliedAttributes: string[];
  residency: { outside: ResidencyFlag | null; pending: ResidencyFlag | null } | null;
  /** Plain sentences for the cases a table cell cannot say. */
  notes: string[];
}

const schema: AttributeMap = localStorageResourceSchema.attributes;
/** Never persisted, so never compared. */
const WRITE_ONLY = new Set(
  Object.entries(schema)
    .filter(([, a]) => a.writeOnly)
    .map(([n]) => n),
);
/** What the code can set: an apply writes these from configuration. */
const DECLARABLE = Object.entries(schema)
  .filter(([, a]) => (a.required || a.optional) && !a.writeOnly)
  .map(([n]) => n)
  .sort();

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function differingAttributes(a: Snapshot, b: Snapshot, names: readonly string[]): string[] {
  return names.filter((n) => a.unknown.has(n) || b.unknown.has(n) || !same(a.values[n], b.values[n]));
}

function allAttributes(a: Snapshot, b: Snapshot): string[] {
  return [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])].filter((n) => !WRITE_ONLY.has(n)).sort();
}

function phoneNumberIdOf(n: NumberInPlan): string {
  for (const s of [n.declared, n.applied, n.actual]) {
    if (!s || s.sensitive.has('phone_number_id')) continue;
    if (typeof s.values.phone_number_id === 'string' && !s.unknown.has('phone_number_id')) return s.values.phone_number_id;
  }
  return n.declared?.unknown.has('phone_number_id') ? '(known after apply)' : '?';
}

function flag(phoneNumberId: string, change: ResidencyChange | undefined, where: string): ResidencyFlag | null {
  return change ? { ...change, summary: `${residencySummary(phoneNumberId, change)} (${where})` } : null;
}

/** How a storage the engine does not know is named: its status, with its region when it has one. */
function rawStorage(s: Snapshot): string {
  const status = typeof s.values.storage_status === 'string' ? s.values.storage_status : 'UNKNOWN';
  return typeof s.values.data_localization_region === 'string' ? `${status} in ${s.values.data_localization_region}` : status;
}

/** A change the engine plans as a difference even without drift. */
const CHANGES: ReadonlySet<PlanAction> = new Set(['create', 'update', 'replace', 'delete', 'forget']);

export function classify(n: NumberInPlan): Verdict & { phoneNumberId: string } {
  const phoneNumberId = phoneNumberIdOf(n);
  const notes: string[] = [];
  const { declared, applied, actual, action } = n;

  // Drift: what the refresh found differs from what the last apply recorded.
  const gone = applied !== null && actual === null;
  const driftAttributes = applied && actual ? allAttributes(applied, actual).filter((a) => !same(applied.values[a], actual.values[a])) : [];
  const drift = gone || driftAttributes.length > 0;
  if (gone) notes.push('The number could no longer be read: it was removed from the state at refresh (deleted, or the token lost access).');

  // Not applied: the plan changes something that is more than putting drift back.
  let unappliedAttributes: string[] = [];
  if (declared && applied) unappliedAttributes = differingAttributes(declared, applied, DECLARABLE);
  const declaredUnknown = declared ? DECLARABLE.filter((a) => declared.unknown.has(a)) : [];
  let notApplied = false;
  if (CHANGES.has(action)) {
    notApplied =
      !drift || unappliedAttributes.length > 0 || applied === null || action === 'replace' || action === 'delete' || action === 'forget';
  }
  if (action === 'create' && applied === null)
    notes.push(
      'Not in the state yet: the next apply creates it. Its actual storage is not read by a plan of a new resource; ' +
        "the apply's plan warns if it weakens residency.",
    );
  if (action === 'delete')
    notes.push(
      `Removed from the code: the next apply stops managing it${
        applied?.values.disable_on_destroy === true
          ? " and, as disable_on_destroy is true, moves it to Meta's default storage"
          : ' and leaves its storage as it is'
      }.`,
    );
  if (action === 'forget')
    notes.push('Removed from the code with a removed block: the next apply forgets it and leaves the number as it is.');
  const appliedId = applied?.values.phone_number_id;
  const otherNumber = action === 'replace' && typeof appliedId === 'string' && appliedId !== phoneNumberId;
  if (action === 'replace') {
    const reason =
      n.actionReason === 'replace_because_tainted'
        ? ' (a previous apply failed half-way and left it tainted)'
        : otherNumber
          ? `: phone_number_id ${appliedId} -> ${phoneNumberId}; ${appliedId} is no longer managed`
          : '';
    notes.push(`The next apply replaces it${reason}.`);
  }
  if (declaredUnknown.length > 0)
    notes.push(
      `Declared ${declaredUnknown.join(', ')} known only at apply: the plan cannot say whether it differs, so it counts as not applied.`,
    );
  if (drift && !notApplied && declared && applied && differingAttributes(declared, applied, DECLARABLE).length > 0 && action === 'no-op') {
    notes.push('The code already declares what the number has now: the next apply only records it in the state.');
  }
  if (!declared && action === 'no-op') notes.push('Not in the code any more and not readable: the state keeps nothing to apply.');

  // Residency: outside the configuration, and what the next apply would do.
  let outside: ResidencyFlag | null = null;
  if (applied && actual && drift) {
    const from = storageOf(applied);
    const to = storageOf(actual);
    const change = to ? residencyChange(from, to, rawStorage(applied)) : residencyChangeToUnknown(from, rawStorage(actual));
    if (!storageHidden(applied) && !storageHidden(actual)) outside = flag(phoneNumberId, change, 'changed outside the configuration');
  }
  let pending: ResidencyFlag | null = null;
  if (notApplied) {
    const now = actual;
    const from = now ? storageOf(now) : undefined;
    const rawStatus = now ? rawStorage(now) : undefined;
    const destroying = (action === 'delete' || action === 'replace') && applied?.values.disable_on_destroy === true;
    // Another number's declared storage says nothing about this one's: only its destroy counts.
    const to = destroying
      ? { mode: 'DEFAULT' as const }
      : declared && !otherNumber && action !== 'forget' && action !== 'delete'
        ? storageOf(declared)
        : undefined;
    // A number not in the state was not read: nothing to compare with.
    if (now && to && !storageHidden(now)) pending = flag(phoneNumberId, residencyChange(from, to, rawStatus), 'the next apply of the code');
  }

  const status: NumberStatus = drift && notApplied ? 'drift_and_not_applied' : drift ? 'drift' : notApplied ? 'not_applied' : 'in_sync';
  return {
    phoneNumberId,
    status,
    driftAttributes,
    unappliedAttributes: notApplied ? (unappliedAttributes.length ? unappliedAttributes : declaredUnknown) : [],
    residency: outside || pending ? { outside, pending } : null,
    notes,
  };
}
