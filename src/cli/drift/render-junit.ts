/**
 * JUnit XML (the format GitLab, Jenkins and Azure DevOps read): one test case
 * per number, a failure for any difference, one errored case when the check
 * could not run.
 */
import { actualCell, appliedCell, declaredCell, differenceText, registrationCell } from './cells';
import { closingLine, stateWords, type DriftReport, type NumberReport } from './report-model';

/** Text and attribute values; characters XML 1.0 cannot carry are dropped. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const SUITE = 'whatsapp-local-storage drift';

function failureOf(n: NumberReport): string {
  const residency = [n.residency?.outside?.summary, n.residency?.pending?.summary].filter(Boolean) as string[];
  const message = `${n.phone_number_id}: ${stateWords(n.status)}${residency.length ? `; ${residency.join('; ')}` : ''}`;
  const body = [
    `declared (code): ${declaredCell(n)}`,
    `applied (state): ${appliedCell(n)}`,
    `actual (number): ${actualCell(n)}`,
    `registration: ${registrationCell(n)}`,
    differenceText(n),
    ...residency,
    ...n.notes,
  ]
    .filter(Boolean)
    .join('\n');
  return `      <failure type="${n.status}" message="${xml(message)}">${xml(body)}</failure>\n`;
}

export function renderJunit(report: DriftReport, seconds: number): string {
  const time = seconds.toFixed(3);
  const props = [
    ['directory', report.directory],
    ['engine', [report.engine.name, report.engine.version].filter(Boolean).join(' ')],
    ['status', report.status],
    ['schema_version', String(report.schema_version)],
  ]
    .map(([k, v]) => `      <property name="${k}" value="${xml(v)}"/>\n`)
    .join('');
  let cases: string;
  let tests: number;
  let failures = 0;
  let errors = 0;
  if (report.status === 'error') {
    tests = 1;
    errors = 1;
    const message = xml((report.error ?? '').split('\n')[0]);
    cases =
      `    <testcase classname="whatsapp_local_storage" name="drift check" time="${time}">\n` +
      `      <error type="error" message="${message}">${xml(`${report.error}\n${closingLine(report)}`)}</error>\n` +
      '    </testcase>\n';
  } else {
    tests = report.numbers.length;
    cases = report.numbers
      .map((n) => {
        const failing = n.status !== 'in_sync';
        if (failing) failures += 1;
        const open = `    <testcase classname="whatsapp_local_storage" name="${xml(`${n.address} (${n.phone_number_id})`)}" time="0">`;
        return failing ? `${open}\n${failureOf(n)}    </testcase>\n` : `${open}</testcase>\n`;
      })
      .join('');
  }
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${SUITE}" ${counts} time="${time}">\n` +
    `  <testsuite name="${SUITE}" ${counts} skipped="0" timestamp="${report.checked_at}" time="${time}">\n` +
    `    <properties>\n${props}    </properties>\n` +
    cases +
    `    <system-out>${xml(closingLine(report))}</system-out>\n` +
    '  </testsuite>\n</testsuites>\n'
  );
}
