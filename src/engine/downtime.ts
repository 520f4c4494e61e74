/**
 * The one wording of a storage change's downtime. The long form is the docs' (the resource
 * schema, so the registry docs generated from it, the README and docs/cdktf.md carry
 * REGION_CHANGE_DOWNTIME; test/docs/downtime-wording.test.ts keeps them equal); a plan carries
 * the short form once per number and points to the docs, so a plan of many numbers stays readable.
 */
export const REGION_CHANGE_DOWNTIME =
  'Changing Local Storage on a registered number takes it offline for a few seconds: the API accepts the setting only while the number is unregistered, so the provider deregisters it, writes the setting and registers it again with the two-step PIN.';

/** Where a plan warning sends the reader for the whole explanation (the quota, what a wrong PIN costs). */
export const DOWNTIME_DOCS = '"Downtime" in the whatsapp_local_storage docs';

/**
 * Title of the plan warning for a storage change that takes a number offline and does not weaken or
 * move residency (that warning's title is the residency one). The number is in the detail, not the
 * title: engines fold warnings with one title into one ("and N more similar warnings"), so a change
 * of many numbers to the same storage reads as one warning.
 */
export function offlineChangeTitle(from: string, to: string): string {
  return `Storage change takes numbers offline: ${from} -> ${to}`;
}

/**
 * The detail of a plan warning for one number's storage change, at most three lines as engines wrap
 * it: the number, whether and how long it goes offline (`offlineFor`, at the latency measured while
 * planning) and in what order (`order`: the rolling limit), what it costs of Meta's quota (`quota`),
 * and where the rest is. The steps are named only when the note has room (no quota line).
 * `pinChecked`: the steps set the PIN while the number is still registered, so a wrong PIN cannot
 * leave it offline (the docs' PIN risk does not apply). The title carries from, to and the residency effect.
 */
export function storageChangeNote(
  phoneNumberId: string,
  change: { offline: boolean; steps: string; pinChecked?: boolean; offlineFor?: string; order?: string; quota?: string },
): string {
  const what = `Phone number ${phoneNumberId}:`;
  const steps = change.quota ? '' : ` (${change.steps})`;
  const quota = change.quota ? ` ${change.quota}.` : '';
  if (!change.offline) return `${what} not registered, so not taken offline${steps}.${quota} More: ${DOWNTIME_DOCS}.`;
  const order = change.order ? `, ${change.order}` : '';
  return `${what} offline ${change.offlineFor ?? 'for a few seconds'}${steps}${order}.${quota} ${change.pinChecked ? 'Why' : 'Why, PIN risk'}: ${DOWNTIME_DOCS}.`;
}
