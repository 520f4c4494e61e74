import axios from 'axios';
import type { StorageConfiguration } from '../../src/emulator/types';
import { defaultSeed, generatedPhoneNumberId, generatedSeed, startEmulator, validateSeed } from '../../src/emulator';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

describe('generatedSeed', () => {
  test('makes valid, verified, registered Cloud API numbers the token may touch', async () => {
    const seed = generatedSeed(3, {
      token: 'gen-token',
      pin: '246810',
      label: 'Gen',
      storage: (i) =>
        i === 1 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
    });
    expect(() => validateSeed(seed)).not.toThrow();
    expect(seed.phone_numbers.map((p) => p.id)).toEqual([0, 1, 2].map(generatedPhoneNumberId));
    const emulator = await startEmulator({ port: 0, quiet: true, seed });
    try {
      const headers = { Authorization: 'Bearer gen-token' };
      const node = await axios.get(
        `${emulator.url}/${FIRST_SETTINGS_VERSION}/${generatedPhoneNumberId(1)}?fields=verified_name,status,platform_type,code_verification_status`,
        { headers },
      );
      expect(node.data).toMatchObject({
        verified_name: 'Gen 1',
        status: 'CONNECTED',
        platform_type: 'CLOUD_API',
        code_verification_status: 'VERIFIED',
      });
      const settingsUrl = `${emulator.url}/${FIRST_SETTINGS_VERSION}/${generatedPhoneNumberId(1)}/settings`;
      const settings = await axios.get<{ storage_configuration: StorageConfiguration }>(settingsUrl, { headers });
      expect(settings.data.storage_configuration).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' });
    } finally {
      await emulator.close();
    }
  });

  test('adds to a base seed without clashing with its ids, replacing its tokens', () => {
    const base = defaultSeed();
    const seed = generatedSeed(5, { token: 'gen-token', pin: '246810', base, wabaId: '102290129340398' });
    const ids = seed.phone_numbers.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seed.phone_numbers).toHaveLength(base.phone_numbers.length + 5);
    expect(Object.keys(seed.tokens)).toEqual(['gen-token']);
    expect(() => validateSeed(seed)).not.toThrow();
  });

  test('pages a WABA of more than 100 numbers like Meta: cursors, a `next` link until the last page, at most 100 a page', async () => {
    const seed = generatedSeed(250, { token: 'gen-token', pin: '246810' });
    const emulator = await startEmulator({ port: 0, quiet: true, seed });
    try {
      const headers = { Authorization: 'Bearer gen-token' };
      type Page = {
        data: Array<{ id: string }>;
        next?: string;
        paging: { cursors: { before: string; after: string }; next?: string; previous?: string };
      };
      const pages: Page[] = [];
      let url: string | undefined =
        `${emulator.url}/${FIRST_SETTINGS_VERSION}/300000000000001/phone_numbers?limit=500&fields=id,verified_name`;
      while (url) {
        const page: Page = (await axios.get<Page>(url, { headers })).data;
        pages.push(page);
        expect(page.next).toBeUndefined(); // the link lives under paging
        url = page.paging.next;
        if (url) expect(url).not.toContain('gen-token');
      }
      expect(pages.map((p) => p.data.length)).toEqual([100, 100, 50]);
      expect(pages.flatMap((p) => p.data.map((n) => n.id))).toEqual(Array.from({ length: 250 }, (_, i) => generatedPhoneNumberId(i)));
      expect(pages[0].paging.previous).toBeUndefined();
      expect(pages[1].paging.previous).toContain('before=');
      expect(pages.every((p) => p.paging.cursors.before && p.paging.cursors.after)).toBe(true);
      const resumeUrl = `${emulator.url}/${FIRST_SETTINGS_VERSION}/300000000000001/phone_numbers?limit=100&after=${pages[1].paging.cursors.after}`;
      const resumed = (await axios.get<Page>(resumeUrl, { headers })).data;
      expect(resumed.data[0].id).toBe(generatedPhoneNumberId(200));
    } finally {
      await emulator.close();
    }
  });
});
