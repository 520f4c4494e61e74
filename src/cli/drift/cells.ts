/** The words each rendering uses for a number's columns, so the table, Markdown and JUnit agree. */
import type { NumberReport } from './report-model';

export const declaredCell = (n: NumberReport): string => n.declared?.label ?? '(removed from code)';
export const appliedCell = (n: NumberReport): string => n.applied?.label ?? '(not applied)';
export function actualCell(n: NumberReport): string {
  if (n.actual) return n.actual.label;
  return n.applied ? '(gone)' : '(not read)';
}
export function registrationCell(n: NumberReport): string {
  if (n.registered === null) return '-';
  return n.registered ? 'registered' : 'NOT registered';
}
/** "WEAKENED outside", "apply MOVES", both joined. */
export function residencyCell(n: NumberReport): string {
  const r = n.residency;
  if (!r) return '';
  const word = (kind: 'weakens' | 'moves', past: boolean) =>
    kind === 'weakens' ? (past ? 'WEAKENED' : 'WEAKENS') : past ? 'MOVED' : 'MOVES';
  return [
    r.outside ? `RESIDENCY ${word(r.outside.kind, true)} outside` : '',
    r.pending ? `apply ${word(r.pending.kind, false)} RESIDENCY` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
/** The residency sentences of a report, outside changes first. */
export function residencyLines(numbers: NumberReport[]): string[] {
  return numbers.flatMap((n) => [n.residency?.outside?.summary, n.residency?.pending?.summary]).filter((s): s is string => Boolean(s));
}
/** What differs, in words: "changed outside: data_localization_region; not applied: storage_mode". */
export function differenceText(n: NumberReport): string {
  return [
    n.drift_attributes.length ? `changed outside: ${n.drift_attributes.join(', ')}` : '',
    n.unapplied_attributes.length ? `not applied: ${n.unapplied_attributes.join(', ')}` : '',
    n.plan_action !== 'no-op' && n.plan_action !== 'update' ? `plan: ${n.plan_action}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
/** Notes shared by several numbers are said once: "a, b: Not in the state yet...". */
export function groupedNotes(numbers: NumberReport[]): Array<{ addresses: string[]; note: string }> {
  const byNote = new Map<string, string[]>();
  for (const n of numbers) for (const note of n.notes) byNote.set(note, [...(byNote.get(note) ?? []), n.address]);
  return [...byNote].map(([note, addresses]) => ({ addresses, note }));
}
