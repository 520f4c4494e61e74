import axios from 'axios';
import { defaultSeed, generatedPhoneNumberId, generatedSeed, startEmulator, validateSeed } from '../../src/emulator';

describe('generatedSeed', () => {
  test('makes valid, verified, registered Cloud API numbers the token may touch', async () => {
    const seed = generatedSeed(3, { token: 'gen-token', pin: '246810', label: 'Gen', storage: (i) => (i === 1 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' }) });
    expect(() => validateSeed(seed)).not.toThrow();
    expect(seed.phone_numbers.map((p) => p.id)).toEqual([0, 1, 2].map(generatedPhoneNumberId));
    const emulator = await startEmulator({ port: 0, quiet: true, seed });
    try {
      const headers = { Authorization: 'Bearer gen-token' };
      const node = await axios.get(`${emulator.url}/v21.0/${generatedPhoneNumberId(1)}?fields=verified_name,status,platform_type,code_verification_status`, { headers });
      expect(node.data).toMatchObject({ verified_name: 'Gen 1', status: 'CONNECTED', platform_type: 'CLOUD_API', code_verification_status: 'VERIFIED' });
      const settings = await axios.get(`${emulator.url}/v21.0/${generatedPhoneNumberId(1)}/settings`, { headers });
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
});
