/**
 * GitHub Actions output: workflow-command annotations and the job summary.
 *
 * Severity: a residency weakening or move that happened outside the
 * configuration is an `::error` (message data is already kept where the code
 * does not say); every other difference, including a residency change the
 * code has not applied yet (a reviewed change), is a `::warning`. A check that
 * could not run is an `::error`.
 */
import { differenceText } from './cells';
import { closingLine, stateWords, type DriftReport } from './report-model';

/** Workflow-command escaping: data and property values differ (GitHub's toolkit does the same). */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(level: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${level} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** One annotation per differing number (an error for the check that failed), then a notice with the closing line. */
export function annotations(report: DriftReport): string[] {
  if (report.status === 'error')
    return [command('error', 'Local Storage drift check failed', `${report.error ?? ''}\n${closingLine(report)}`)];
  const lines = report.numbers
    .filter((n) => n.status !== 'in_sync')
    .map((n) => {
      const outside = n.residency?.outside;
      const level = outside ? 'error' : 'warning';
      const title = outside
        ? `Residency ${outside.kind === 'weakens' ? 'weakened' : 'moved'} outside the configuration: ${n.phone_number_id}`
        : `Local Storage ${stateWords(n.status)}: ${n.phone_number_id}`;
      const residency = [outside?.summary, n.residency?.pending?.summary].filter(Boolean);
      const message = [`${n.address}: ${stateWords(n.status)}`, differenceText(n), ...residency, ...n.notes].filter(Boolean).join('\n');
      return command(level, title, message);
    });
  return [...lines, command('notice', 'Local Storage drift check', closingLine(report))];
}
