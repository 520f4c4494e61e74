/** One sentence describes a region change's downtime everywhere it is described. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGION_CHANGE_DOWNTIME } from '../../src/engine/downtime';
import { localStorageResourceSchema } from '../../src/provider/schema/local-storage-resource';
import { repoRoot } from '../e2e/harness';

const flat = (text: string) => text.replace(/\n\s*(\* )?/g, ' ').replace(/\s+/g, ' ');

test.each(['README.md', 'docs/cdktf.md', 'docs/resources/local_storage.md', 'src/cdktf/local-storage.ts'])('%s carries the downtime sentence', (file) => {
  expect(flat(readFileSync(join(repoRoot, file), 'utf8'))).toContain(REGION_CHANGE_DOWNTIME);
});

test('the resource schema (and so the plan warning\'s source) carries it', () => {
  expect(localStorageResourceSchema.description).toContain(REGION_CHANGE_DOWNTIME);
});

test('no other wording of the downtime is left in the docs', () => {
  for (const file of ['README.md', 'docs/cdktf.md']) {
    expect(flat(readFileSync(join(repoRoot, file), 'utf8'))).not.toMatch(/messaging stops for the few seconds|offline for a few seconds\*\*/);
  }
});
