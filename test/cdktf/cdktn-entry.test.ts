/**
 * The CDK Terrain entry point (src/cdktn) runs the same construct logic with cdktn's own
 * classes and tokens: what it synthesizes and the synth-time checks, under cdktn's Testing.
 * (construct.test.ts covers the logic in depth through the cdktf entry;
 * test/install/cdk-terrain.test.ts runs the packed package with the real cdktn-cli.)
 */
import { Testing, TerraformStack, TerraformVariable } from 'cdktn';
import {
  parseLocalStorage,
  parseLocalStorageRegion,
  WhatsAppLocalStorage,
  WhatsAppLocalStorageGroup,
  WhatsAppProvider,
  WhatsAppWabaStoragePolicy,
} from '../../src/cdktn';
import { WhatsAppLocalStorage as CdktfWhatsAppLocalStorage } from '../../src/cdktf';

interface Synthesized {
  provider?: { whatsapp?: Array<Record<string, unknown>> };
  resource?: { whatsapp_local_storage?: Record<string, Record<string, unknown>> };
  variable?: Record<string, Record<string, unknown>>;
}

function errorsOf(build: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  new WhatsAppProvider(stack);
  build(stack);
  try {
    Testing.synth(stack, true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

test('a number, a group changed one at a time and the provider synthesize with cdktn', () => {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      const stack = scope as TerraformStack;
      new WhatsAppProvider(stack);
      const pin = WhatsAppLocalStorage.pinVariable(stack);
      expect(WhatsAppLocalStorage.pinVariable(stack)).toBe(pin);
      expect(pin).toBeInstanceOf(TerraformVariable); // cdktn's class, not cdktf's
      new WhatsAppLocalStorage(stack, 'Sales', { phoneNumberId: '106540352242922', region: 'BR', pin: pin.stringValue });
      new WhatsAppLocalStorageGroup(stack, 'India', {
        phoneNumberIds: ['106540352242923', '106540352242924'],
        region: 'IN',
        pin: pin.stringValue,
        oneAtATime: true,
      });
    }),
  ) as Synthesized;
  const resources = Object.values(out.resource?.whatsapp_local_storage ?? {}).sort((a, b) =>
    String(a.phone_number_id).localeCompare(String(b.phone_number_id)),
  );
  expect(resources.map((r) => [r.phone_number_id, r.data_localization_region, r.pin, r.disable_on_destroy])).toEqual([
    ['106540352242922', 'BR', '${var.pin}', false],
    ['106540352242923', 'IN', '${var.pin}', false],
    ['106540352242924', 'IN', '${var.pin}', false],
  ]);
  expect(resources[2].depends_on).toEqual([expect.stringMatching(/^whatsapp_local_storage\.India_106540352242923_/)]);
  expect(out.variable?.pin).toMatchObject({ type: 'string', sensitive: true });
  expect(out.provider?.whatsapp).toEqual([{}]);
});

test('synth-time checks name the prop and the fix, and skip cdktn tokens', () => {
  expect(
    errorsOf((stack) => new WhatsAppLocalStorage(stack, 'Number', { phoneNumberId: '+55 11 5555 0100', region: 'uk' as never, pin: '12' })),
  ).toMatch(/looks like a phone number[\s\S]*did you mean GB \(United Kingdom\)[\s\S]*pin must be the 6-digit/);
  expect(
    errorsOf((stack) => {
      const id = new TerraformVariable(stack, 'number_id', { type: 'string' });
      const region = new TerraformVariable(stack, 'region', { type: 'string' });
      new WhatsAppLocalStorage(stack, 'FromVariables', {
        phoneNumberId: id.stringValue,
        region: parseLocalStorageRegion(region.stringValue),
      });
    }),
  ).toBe('');
  expect(errorsOf((stack) => new WhatsAppProvider(stack, 'other', { baseUrl: 'ftp://x', alias: 'other' }))).toMatch(/baseUrl/);
});

test('storage modes, setPinBeforeDeregister and verificationCode synthesize with cdktn; the storage, PIN, code and version rules hold', () => {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      const stack = scope as TerraformStack;
      new WhatsAppProvider(stack);
      const marketing = new TerraformVariable(stack, 'marketing', { type: 'string' });
      new WhatsAppLocalStorage(stack, 'Default', { phoneNumberId: '106540352242926', storageMode: 'DEFAULT' });
      new WhatsAppLocalStorage(stack, 'Payments', {
        phoneNumberId: '106540352242925',
        ...parseLocalStorage('no_storage', 'env X'),
        setPinBeforeDeregister: true,
        verificationCode: '123830',
      });
      new WhatsAppLocalStorageGroup(stack, 'Quiet', {
        phoneNumberIds: ['106540352242927'],
        storageMode: 'NO_STORAGE',
        retentionMinutes: 60,
      });
      new WhatsAppLocalStorage(stack, 'FromVariable', {
        phoneNumberId: '106540352242928',
        ...parseLocalStorage(marketing.stringValue, 'var marketing'),
      });
    }),
  ) as Synthesized;
  const byId = new Map(Object.values(out.resource?.whatsapp_local_storage ?? {}).map((r) => [r.phone_number_id, r]));
  expect(byId.get('106540352242926')).toMatchObject({ storage_mode: 'DEFAULT', set_pin_before_deregister: false });
  expect(byId.get('106540352242926')).not.toHaveProperty('data_localization_region');
  expect(byId.get('106540352242925')).toMatchObject({
    storage_mode: 'NO_STORAGE',
    retention_minutes: 60,
    set_pin_before_deregister: true,
    verification_code: '123830',
  });
  expect(byId.get('106540352242927')).toMatchObject({ storage_mode: 'NO_STORAGE', retention_minutes: 60 });
  expect(byId.get('106540352242928')).toMatchObject({ data_localization_region: '${var.marketing}' });
  expect(byId.get('106540352242928')).not.toHaveProperty('storage_mode');

  expect(errorsOf((stack) => new WhatsAppLocalStorage(stack, 'Unstated', { phoneNumberId: '106540352242922' }))).toMatch(
    /Storage mode not stated: .*storageMode: 'DEFAULT'/,
  );
  expect(
    errorsOf(
      (stack) =>
        new WhatsAppLocalStorage(stack, 'Retention', {
          phoneNumberId: '106540352242922',
          storageMode: 'NO_STORAGE',
          retentionMinutes: 1440,
          verificationCode: '12383',
        }),
    ),
  ).toMatch(
    /retentionMinutes must be one of the retentions Meta accepts for No Storage: 60[\s\S]*verificationCode must be the 6-digit code/,
  );
  expect(errorsOf((stack) => new WhatsAppProvider(stack, 'old', { apiVersion: 'v21', alias: 'old' }))).toMatch(
    /apiVersion "v21" is not a Graph API version: write it like v\d+\.0/,
  );
  expect(() => parseLocalStorage('', 'env X')).toThrow(/^env X: is empty: the storage mode must be stated/);
});

test('a number declared twice is an error; isWhatsAppLocalStorage recognizes constructs of either entry point', () => {
  expect(
    errorsOf((stack) => {
      new WhatsAppLocalStorage(stack, 'A', { phoneNumberId: '106540352242922', region: 'BR' });
      new WhatsAppLocalStorage(stack, 'B', { phoneNumberId: '106540352242922', region: 'IN' });
    }),
  ).toMatch(/\[test\/A\] phoneNumberId 106540352242922 is also managed by test\/B/);
  expect(
    CdktfWhatsAppLocalStorage.isWhatsAppLocalStorage(
      new WhatsAppLocalStorage(new TerraformStack(Testing.app(), 's'), 'N', { phoneNumberId: '106540352242922', region: 'BR' }),
    ),
  ).toBe(true);
});

test('the WABA policy synthesizes the phone-numbers data source and one for_each resource with cdktn', () => {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      new WhatsAppProvider(scope);
      new WhatsAppWabaStoragePolicy(scope, 'Germany', { wabaId: '102290129340398', region: 'DE', oneAtATime: true });
    }),
  ) as Synthesized & { data?: { whatsapp_phone_numbers?: Record<string, Record<string, unknown>> } };
  expect(Object.values(out.data?.whatsapp_phone_numbers ?? {})).toEqual([
    expect.objectContaining({ waba_id: '102290129340398', registered_only: false }),
  ]);
  const [storage] = Object.values(out.resource?.whatsapp_local_storage ?? {});
  expect(storage).toMatchObject({ data_localization_region: 'DE', one_at_a_time: true, phone_number_id: '${each.value}' });
  expect(String(storage.for_each)).toMatch(/data\.whatsapp_phone_numbers\..*\.ids/);
  expect(errorsOf((stack) => new WhatsAppWabaStoragePolicy(stack, 'Bad', { wabaId: 'x', region: 'EU' as never }))).toMatch(
    /wabaId "x" is not a Graph id[\s\S]*did you mean DE/,
  );
});
