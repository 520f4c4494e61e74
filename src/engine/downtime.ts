/**
 * The one wording of a storage change's downtime. The long form is the docs' (the resource
 * schema, so the registry docs generated from it, the README and docs/cdktf.md carry
 * REGION_CHANGE_DOWNTIME; test/docs/downtime-wording.test.ts keeps them equal); a plan carries
 * the short form once per number and points to the docs, so a plan of many numbers stays readable.
 */
export const REGION_CHANGE_DOWNTIME =
  'Changing Local Storage on a registered number takes it offline for a few seconds: the API accepts the setting only while the number is unregistered, so the provider deregisters it, writes the setting and registers it again with the two-step PIN.';

/** Where a plan warning sends the reader for the whole explanation (the quota, what a wrong PIN costs). */
export const DOWNTIME_DOCS = '"Downtime" in the resource docs';

/**
 * Title of the plan warning for a storage change that takes a number offline and does not weaken or
 * move residency (that warning's title is the residency one). The number is in the detail, not the
 * title: engines fold warnings with one title into one ("and N more similar warnings"), so a change
 * of many numbers to the same storage reads as one warning.
 */
export function offlineChangeTitle(from: string, to: string): string {
  return `Storage change takes numbers offline: ${from} -> ${to}`;
}

import type { QuotaNote } from './quota';

/** A number's storage change as its plan note tells it. */
export interface StorageChange {
  offline: boolean;
  steps: string;
  pinChecked?: boolean;
  offlineFor?: string;
  order?: string;
  quota?: QuotaNote;
}

/** Engines wrap a diagnostic's detail to the terminal, 78 columns when there is none; a box takes two. */
const NOTE_COLUMNS = 76;
/** Lines of detail under the one-line title: a warning stays within four lines. */
const NOTE_LINES = 3;

/**
 * The detail of a plan warning for one number's storage change, at most three lines as engines wrap
 * it: the number, whether and how long it goes offline (`offlineFor`, at the latency measured while
 * planning), in what order (`order`: the rolling limit), the steps when they fit, what the change
 * costs of Meta's quota (`quota`), and where the rest is. `pinChecked`: the steps set the PIN while
 * the number is still registered, so a wrong PIN cannot leave it offline (the docs' PIN risk does
 * not apply). The title carries from, to and the residency effect.
 */
export function storageChangeNote(phoneNumberId: string, change: StorageChange): string {
  const withSteps = noteText(phoneNumberId, change, true);
  return wrappedLines(withSteps, NOTE_COLUMNS) <= NOTE_LINES ? withSteps : noteText(phoneNumberId, change, false);
}

function noteText(id: string, change: StorageChange, withSteps: boolean): string {
  const steps = withSteps ? ` (${change.steps})` : '';
  // The steps name the calls, so with them the quota says only what stays.
  const quota = change.quota ? ` Quota: ${withSteps ? '' : `${change.quota.uses}; `}${change.quota.left}.` : '';
  if (!change.offline) return `Phone number ${id}: not registered, so not taken offline${steps}.${quota} More: ${DOWNTIME_DOCS}.`;
  const order = change.order ? `, ${change.order}` : '';
  const why = change.pinChecked ? 'Why' : 'Why, PIN risk';
  return `Phone number ${id}: offline ${change.offlineFor ?? 'a few seconds'}${order}${steps}.${quota} ${why}: ${DOWNTIME_DOCS}.`;
}

/** Lines `text` takes when wrapped at word boundaries to `columns`. */
function wrappedLines(text: string, columns: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed > columns && used > 0) {
      lines += 1;
      used = word.length;
    } else used = needed;
  }
  return lines;
}
