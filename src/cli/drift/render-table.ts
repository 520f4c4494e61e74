/** Plain-text table for terminals and pipeline logs; ends with the closing line. */
import { actualCell, appliedCell, declaredCell, groupedNotes, registrationCell, residencyCell, residencyLines } from './cells';
import { closingLine, stateWords, type DriftReport } from './report-model';

/** `extra` lines (where the reports went) come just before the closing line. */
export function renderTable(report: DriftReport, extra: string[] = []): string {
  // The error itself goes to stderr (run-drift); stdout ends with the same closing line as the reports.
  if (report.status === 'error') return [...extra, closingLine(report)].join('\n');
  const header = ['phone number', 'resource', 'declared', 'applied', 'actual', 'registration', 'state', 'residency'];
  const rows = report.numbers.map((n) => [
    n.phone_number_id,
    n.address,
    declaredCell(n),
    appliedCell(n),
    actualCell(n),
    registrationCell(n),
    stateWords(n.status),
    residencyCell(n),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const residency = residencyLines(report.numbers).map((s) => `RESIDENCY: ${s}`);
  const notes = groupedNotes(report.numbers).map((g) => `note: ${g.addresses.join(', ')}: ${g.note}`);
  const others = report.other_changes.length
    ? [
        `note: the plan also changes ${report.other_changes.length} other resource(s), not part of this check: ` +
          report.other_changes.map((c) => `${c.address} (${c.action})`).join(', '),
      ]
    : [];
  const section = (lines: string[]) => (lines.length ? ['', ...lines] : []);
  return [
    fmt(header),
    fmt(widths.map((w) => '-'.repeat(w))),
    ...rows.map(fmt),
    ...section(residency),
    ...section([...notes, ...others]),
    '',
    ...extra,
    closingLine(report),
  ].join('\n');
}
