/**
 * A number that cannot be read is an error for every engine error kind, titled by the kind (the
 * number always named), with the fix and what the failure means for the call.
 */
import { ENGINE_ERROR_KINDS, engineError } from '../../src/engine/engine-errors';
import { numberReadDiagnostic, type ReadOutcome } from '../../src/provider/number-read-diagnostic';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';

const ID = '106540352242922';
const mapping = { attributes: Object.keys(localStorageResourceSchema.attributes) };
const TITLES: Record<string, string> = {
  not_found: `Phone number ${ID} not found or not visible to this token`,
  auth: `Access token refused while reading phone number ${ID} (provider access_token)`,
  permission: `No permission to read phone number ${ID} (provider access_token)`,
  transient: `Graph API gave no answer for phone number ${ID}`,
  rate_limited: `Graph API gave no answer for phone number ${ID}`,
  unknown_outcome: `Graph API gave no answer for phone number ${ID}`,
};

test.each(ENGINE_ERROR_KINDS.map((k) => [k]))('%s: an error naming the number, with the fix', (kind) => {
  for (const outcome of ['nothing_planned', 'state_kept', 'nothing_read'] as ReadOutcome[]) {
    const d = numberReadDiagnostic(ID, engineError(kind, 'What happened and the fix.'), mapping, outcome);
    expect(d.severity).toBe('error');
    expect(d.summary).toBe(TITLES[kind] ?? `Could not read phone number ${ID}`);
    expect(d.detail).toMatch(/^What happened and the fix\. /);
  }
});

test('what the failure means for the call: nothing planned, the state kept (and why, for a lost number), no data', () => {
  const transient = engineError('transient', 'GET failed: cannot reach http://127.0.0.1:9 (ECONNREFUSED).', { retryable: true });
  expect(numberReadDiagnostic(ID, transient, mapping, 'nothing_planned').detail).toMatch(
    /running the same command again may succeed\. If it persists, check base_url and the network\. Nothing is planned for this number/,
  );
  const badToken = engineError('auth', 'Bad token.');
  expect(numberReadDiagnostic(ID, badToken, mapping, 'state_kept').detail).toBe('Bad token. The state is kept as it was.');
  expect(numberReadDiagnostic(ID, badToken, mapping, 'nothing_read').detail).toBe('Bad token. The data source has no values.');
  const lost = numberReadDiagnostic(ID, engineError('not_found', 'Not visible.'), mapping, 'state_kept');
  expect(lost.path).toEqual(['phone_number_id']);
  expect(lost.detail).toContain('The state is kept: Graph answers the same way for a deleted number and for a token that lost access');
  expect(lost.detail).toContain('`terraform state rm` / `tofu state rm`, or a `removed` block');
});
