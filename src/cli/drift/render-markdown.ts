/** Markdown for a pipeline summary, an issue or a pull-request comment; ends with the closing line. */
import {
  actualCell,
  appliedCell,
  declaredCell,
  differenceText,
  groupedNotes,
  registrationCell,
  residencyCell,
  residencyLines,
} from './cells';
import { closingLine, stateWords, type DriftReport } from './report-model';

/** Table cells may not break the table. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function checkedLine(report: DriftReport): string {
  const engine = report.engine.name ? ` with ${report.engine.name}${report.engine.version ? ` ${report.engine.version}` : ''}` : '';
  return `${code(report.directory)}${engine} at ${report.checked_at}`;
}

export function renderMarkdown(report: DriftReport): string {
  if (report.status === 'error') {
    // A fence longer than any backtick run in the message keeps it one block.
    const fence = '`'.repeat(Math.max(3, ...[...(report.error ?? '').matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return (
      '## ❌ Local Storage drift check: error\n\n' +
      `The check could not run in ${checkedLine(report)}, so nothing is known about the numbers.\n\n` +
      `${fence}text\n${report.error}\n${fence}\n\n${closingLine(report)}\n`
    );
  }
  const inSync = report.status === 'in_sync';
  const title = inSync ? '## ✅ Local Storage drift check: in sync' : '## ⚠️ Local Storage drift check: differences';
  const rows = report.numbers.map((n) => {
    const state = n.status === 'in_sync' ? 'in sync' : `**${stateWords(n.status)}**${differenceText(n) ? ` (${differenceText(n)})` : ''}`;
    const residency = residencyCell(n);
    const cells = [code(n.phone_number_id), code(n.address), cell(declaredCell(n)), cell(appliedCell(n)), cell(actualCell(n))];
    return `| ${[...cells, registrationCell(n), cell(state), residency ? `**${residency}**` : ''].join(' | ')} |`;
  });
  const header = [
    'phone number',
    'resource',
    'declared (code)',
    'applied (state)',
    'actual (number)',
    'registration',
    'state',
    'residency',
  ];
  const table = `| ${header.join(' | ')} |\n|${header.map(() => '---|').join('')}\n${rows.join('\n')}\n`;
  const residency = residencyLines(report.numbers);
  const residencySection = residency.length ? `\n### ⚠️ Data residency\n\n${residency.map((s) => `- **${s}**`).join('\n')}\n` : '';
  const notes = groupedNotes(report.numbers).map((g) => `- ${g.addresses.map(code).join(', ')}: ${g.note}`);
  if (report.other_changes.length) {
    notes.push(
      `- The plan also changes ${report.other_changes.length} other resource(s), not part of this check: ` +
        `${report.other_changes.map((c) => `${code(c.address)} (${c.action})`).join(', ')}.`,
    );
  }
  const notesSection = notes.length ? `\n### Notes\n\n${notes.join('\n')}\n` : '';
  const s = report.summary;
  const advice: string[] = [];
  if (s.drift + s.drift_and_not_applied > 0) {
    advice.push(
      '- **DRIFT**: the number changed outside the configuration since the last apply. Apply the code to restore the declared storage ' +
        '(a region change takes the number offline briefly), or change the code if the change was intended.',
    );
  }
  if (s.not_applied + s.drift_and_not_applied > 0) {
    advice.push('- **NOT APPLIED**: the code declares something the last apply did not write. Review and apply it.');
  }
  const adviceSection = advice.length ? `\n### What to do\n\n${advice.join('\n')}\n` : '';
  const sections = `${table}${residencySection}${notesSection}${adviceSection}`;
  return `${title}\n\nChecked ${s.total} phone number(s) in ${checkedLine(report)}.\n\n${sections}\n${closingLine(report)}\n`;
}
