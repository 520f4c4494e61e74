/**
 * One sentence describes a region change's downtime everywhere it is described; plan warnings carry a
 * short form and point to the docs, which hold the whole explanation (the PIN risk included).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOWNTIME_DOCS, offlineChangeTitle, REGION_CHANGE_DOWNTIME, storageChangeNote } from '../../src/engine/downtime';
import { residencyTitle } from '../../src/engine/residency';
import { localStorageResourceSchema, WRONG_PIN_RISK } from '../../src/provider/schema/local-storage-resource';
import { repoRoot } from '../e2e/harness';

const flat = (text: string) => text.replace(/\n\s*(\* )?/g, ' ').replace(/\s+/g, ' ');

test.each(['README.md', 'docs/cdktf.md', 'docs/resources/local_storage.md', 'src/cdk/local-storage.ts'])(
  '%s carries the downtime sentence',
  (file) => {
    expect(flat(readFileSync(join(repoRoot, file), 'utf8'))).toContain(REGION_CHANGE_DOWNTIME);
  },
);

test("the resource schema (and so the plan warning's source) carries it", () => {
  expect(localStorageResourceSchema.description).toContain(REGION_CHANGE_DOWNTIME);
});

test('no other wording of the downtime is left in the docs', () => {
  for (const file of ['README.md', 'docs/cdktf.md']) {
    expect(flat(readFileSync(join(repoRoot, file), 'utf8'))).not.toMatch(
      /messaging stops for the few seconds|offline for a few seconds\*\*/,
    );
  }
});

test('the docs page the plan warning points to has the "Downtime" section, with the PIN risk', () => {
  const page = flat(readFileSync(join(repoRoot, 'docs/resources/local_storage.md'), 'utf8'));
  expect(DOWNTIME_DOCS).toBe('"Downtime" in the resource docs');
  expect(page).toContain(`**Downtime.** ${REGION_CHANGE_DOWNTIME}`);
  expect(page).toContain(WRONG_PIN_RISK);
});

test('the plan warning is short and names the number, the rollout, the steps when they fit, the quota and the docs', () => {
  const change = {
    offline: true,
    steps: 'deregister -> write_settings(DE) -> register',
    offlineFor: '~0.4 s',
    order: 'one number at a time',
    quota: { uses: '1 deregister + 1 register', left: '9 + 9 of 10 left in 72 h' },
  };
  expect(storageChangeNote('106540352242922', change)).toBe(
    'Phone number 106540352242922: offline ~0.4 s, one number at a time (deregister -> write_settings(DE) -> register). ' +
      `Quota: 9 + 9 of 10 left in 72 h. Why, PIN risk: ${DOWNTIME_DOCS}.`,
  );
  // With the time the oldest call leaves the window there is no room for the steps: the quota names the calls.
  const later = {
    ...change,
    quota: { uses: '1 deregister + 1 register', left: '0 + 0 of 10 left in 72 h, oldest out 2026-12-04 00:00 UTC' },
  };
  expect(storageChangeNote('106540352242922', later)).toBe(
    'Phone number 106540352242922: offline ~0.4 s, one number at a time. ' +
      'Quota: 1 deregister + 1 register; 0 + 0 of 10 left in 72 h, oldest out 2026-12-04 00:00 UTC. ' +
      `Why, PIN risk: ${DOWNTIME_DOCS}.`,
  );
  // Engines wrap details at 78 columns (76 in a box): three lines at most, under a one-line title.
  for (const c of [
    change,
    later,
    { ...change, offlineFor: undefined },
    { ...later, offlineFor: undefined, order: '10 numbers at a time' },
  ]) {
    const words = storageChangeNote('106540352242922', c).split(' ');
    let lines = 1;
    let used = 0;
    for (const w of words) {
      if (used > 0 && used + 1 + w.length > 76) {
        lines += 1;
        used = w.length;
      } else used = used === 0 ? w.length : used + 1 + w.length;
    }
    expect(lines).toBeLessThanOrEqual(3);
  }
  // Without a quota (no register or deregister) the note names the steps.
  expect(storageChangeNote('106540352242922', { offline: false, steps: 'write_settings(DE)' })).toBe(
    `Phone number 106540352242922: not registered, so not taken offline (write_settings(DE)). More: ${DOWNTIME_DOCS}.`,
  );
});

test('README and docs/cdktf.md name the warnings as the plan titles them', () => {
  const readme = flat(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
  expect(readme).toContain(offlineChangeTitle('<from>', '<to>'));
  const weakens = residencyTitle({ kind: 'weakens', from: '<from>', to: '<to>' });
  expect(readme).toContain(weakens);
  expect(flat(readFileSync(join(repoRoot, 'docs/cdktf.md'), 'utf8'))).toContain(weakens);
});
