/**
 * WhatsAppLocalStorage, WhatsAppLocalStorageGroup and WhatsAppProvider: what they
 * synthesize, and the synth-time checks (cdktf's Testing helpers, no engine).
 */
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import {
  LOCAL_STORAGE_REGIONS,
  parseLocalStorage,
  parseLocalStorageRegion,
  WhatsAppLocalStorage,
  WhatsAppLocalStorageGroup,
  WhatsAppProvider,
  type LocalStorageRegion,
} from '../../src/cdktf';
import { SUPPORTED_REGIONS } from '../../src/engine/regions';
import { DEFAULT_API_VERSION, FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION, versionPattern } from '../graph-versions';

interface Synthesized {
  provider?: { whatsapp?: Array<Record<string, unknown>> };
  resource?: { whatsapp_local_storage?: Record<string, Record<string, unknown>> };
  variable?: Record<string, Record<string, unknown>>;
}

function synth(build: (stack: TerraformStack) => void): Synthesized {
  return JSON.parse(Testing.synthScope((scope) => build(scope as TerraformStack))) as Synthesized;
}

/** Synthesizes with validations on, as `cdktf synth` does; returns the error text ('' when valid). */
function validationErrors(build: (stack: TerraformStack) => void, withProvider = true): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  // cdktf itself requires a provider construct for the resources' provider.
  if (withProvider) new WhatsAppProvider(stack, 'default-provider');
  build(stack);
  try {
    Testing.synth(stack, true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

function resources(out: Synthesized): Array<Record<string, unknown>> {
  return Object.values(out.resource?.whatsapp_local_storage ?? {});
}

function messages(scope: Construct, type: string): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => String(m.data)));
}

const pinOf = (stack: Construct) => WhatsAppLocalStorage.pinVariable(stack).stringValue;

describe('WhatsAppLocalStorage synthesizes one whatsapp_local_storage resource', () => {
  test('region, PIN from the sensitive variable, disable_on_destroy defaulting to false', () => {
    const out = synth((stack) => {
      new WhatsAppProvider(stack);
      new WhatsAppLocalStorage(stack, 'SaoPaulo', { phoneNumberId: '106540352242922', region: 'BR', pin: pinOf(stack) });
    });
    expect(resources(out)).toEqual([
      expect.objectContaining({
        phone_number_id: '106540352242922',
        data_localization_region: 'BR',
        pin: '${var.pin}',
        disable_on_destroy: false,
      }),
    ]);
    expect(out.variable?.pin).toMatchObject({ type: 'string', sensitive: true });
    expect(JSON.stringify(out.variable?.pin)).toContain('^[0-9]{6}$');
    expect(out.provider?.whatsapp).toEqual([{}]);
  });

  test('setPinBeforeDeregister and a 6-digit verificationCode pass through; setPinBeforeDeregister defaults to false', () => {
    const out = synth((stack) => {
      new WhatsAppLocalStorage(stack, 'Pin', {
        phoneNumberId: '106540352242922',
        region: 'BR',
        setPinBeforeDeregister: true,
        verificationCode: '123830',
      });
      new WhatsAppLocalStorage(stack, 'Default', { phoneNumberId: '179776755229976', region: 'BR' });
    });
    expect(resources(out)).toEqual([
      expect.objectContaining({ phone_number_id: '106540352242922', set_pin_before_deregister: true, verification_code: '123830' }),
      expect.objectContaining({ phone_number_id: '179776755229976', set_pin_before_deregister: false }),
    ]);
  });

  test("storageMode DEFAULT declares Meta's default storage (no region attribute)", () => {
    const out = synth((stack) => {
      new WhatsAppLocalStorage(stack, 'Off', { phoneNumberId: '106540352242926', storageMode: 'DEFAULT', disableOnDestroy: true });
    });
    const [r] = resources(out);
    expect(r).not.toHaveProperty('data_localization_region');
    expect(r).toMatchObject({ phone_number_id: '106540352242926', storage_mode: 'DEFAULT', disable_on_destroy: true });
  });

  test('storageMode NO_STORAGE with retentionMinutes 60 declares No Storage', () => {
    const out = synth((stack) => {
      new WhatsAppLocalStorage(stack, 'Payments', {
        phoneNumberId: '106540352242925',
        storageMode: 'NO_STORAGE',
        retentionMinutes: 60,
        pin: pinOf(stack),
      });
    });
    const [r] = resources(out);
    expect(r).not.toHaveProperty('data_localization_region');
    expect(r).toMatchObject({ phone_number_id: '106540352242925', storage_mode: 'NO_STORAGE', retention_minutes: 60 });
    expect(
      validationErrors((stack) => {
        new WhatsAppLocalStorage(stack, 'Payments', { phoneNumberId: '106540352242925', storageMode: 'NO_STORAGE', retentionMinutes: 60 });
      }),
    ).toBe('');
  });

  test('a region alone implies in-country (no storage_mode attribute written)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ls = new WhatsAppLocalStorage(stack, 'Br', { phoneNumberId: '106540352242922', region: 'BR' });
    expect(ls.storageMode).toBe('IN_COUNTRY');
    const [r] = resources(JSON.parse(Testing.synth(stack)) as Synthesized);
    expect(r).not.toHaveProperty('storage_mode');
  });

  test('every supported region code synthesizes without a validation error', () => {
    expect(LOCAL_STORAGE_REGIONS).toEqual(SUPPORTED_REGIONS.map((r) => r.code));
    const errors = validationErrors((stack) => {
      LOCAL_STORAGE_REGIONS.forEach(
        (region, i) => new WhatsAppLocalStorage(stack, region, { phoneNumberId: `10654035224${1000 + i}`, region, pin: pinOf(stack) }),
      );
    });
    expect(errors).toBe('');
  });

  test('exposes the computed attributes as tokens and the L1 resource as an escape hatch', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const ls = new WhatsAppLocalStorage(stack, 'Ls', { phoneNumberId: '106540352242922', region: 'IN' });
    expect(ls.storageStatus).toMatch(/\$\{TfToken\[/);
    expect(ls.displayPhoneNumber).toMatch(/\$\{TfToken\[/);
    expect(ls.resource.phoneNumberIdInput).toBe('106540352242922');
    expect(WhatsAppLocalStorage.isWhatsAppLocalStorage(ls)).toBe(true);
    expect(WhatsAppLocalStorage.isWhatsAppLocalStorage(stack)).toBe(false);
  });
});

describe('synth-time validation names the prop and the fix', () => {
  const one = (props: Record<string, unknown>) =>
    validationErrors((stack) => {
      new WhatsAppLocalStorage(stack, 'Number', { phoneNumberId: '106540352242922', region: 'BR', ...props } as never);
    });

  test.each([
    [{ region: 'uk' }, /region: "uk" is not an ISO 3166-1 alpha-2 code: did you mean GB \(United Kingdom\)\?/],
    [{ region: 'br' }, /region: "br" must be an upper-case .* did you mean BR/],
    [{ region: 'Brazil' }, /region: "Brazil" is a country name: use its code BR/],
    [{ region: 'US' }, /region: "US" is not a Local Storage region\. Supported codes: AU, IN/],
    [{ phoneNumberId: '+55 11 5555 0100' }, /phoneNumberId "\+55 11 5555 0100" looks like a phone number: use the "Phone number ID"/],
    [{ phoneNumberId: 'abc' }, /phoneNumberId "abc" is not a Graph id: it must be 1 to 20 digits/],
    [{ phoneNumberId: '' }, /phoneNumberId is missing/],
    [{ phoneNumberId: 106540352242922 }, /phoneNumberId must be a string of digits, got number/],
    [{ pin: '1234' }, /pin must be the 6-digit two-step verification PIN: pass a sensitive TerraformVariable/],
    [
      { region: undefined },
      /Storage mode not stated: .*region: '<country code>' \(in-country storage\), storageMode: 'DEFAULT' \(Meta's default storage\), or storageMode: 'NO_STORAGE' with retentionMinutes: 60/,
    ],
    [
      { region: undefined, storageMode: 'NO_STORAGE', retentionMinutes: 1440 },
      /retentionMinutes must be one of the retentions Meta accepts for No Storage: 60 \(minutes\); got 1440/,
    ],
    [{ region: undefined, storageMode: 'NO_STORAGE' }, /storageMode NO_STORAGE needs retentionMinutes: .*Meta accepts: 60/],
    [{ storageMode: 'DEFAULT' }, /region: 'BR' declares in-country storage but storageMode is "DEFAULT"/],
    [{ retentionMinutes: 60 }, /retentionMinutes only applies to storageMode: 'NO_STORAGE'/],
    [{ region: undefined, storageMode: 'IN_COUNTRY' }, /storageMode IN_COUNTRY needs region/],
    [{ region: undefined, storageMode: 'no storage' }, /storageMode must be one of "IN_COUNTRY", "DEFAULT", "NO_STORAGE"/],
    [{ verificationCode: '12383' }, /verificationCode must be the 6-digit code Meta sent/],
    [{ verificationCode: '1238300' }, /verificationCode must be the 6-digit code Meta sent/],
  ])('%j', (props, message) => {
    const errors = one(props);
    expect(errors).toMatch(message);
    expect(errors).toContain('[test/Number]');
  });

  test('a bad PIN is reported without echoing it', () => {
    expect(one({ pin: '98765' })).not.toContain('98765');
  });

  test('all problems of a construct are reported at once', () => {
    const errors = one({ phoneNumberId: 'x1', region: 'EU', pin: '12' });
    expect(errors).toMatch(/phoneNumberId "x1"/);
    expect(errors).toMatch(/did you mean DE \(Germany\)/);
    expect(errors).toMatch(/pin must be/);
  });

  test('a number declared twice in one stack is an error on both', () => {
    const errors = validationErrors((stack) => {
      new WhatsAppLocalStorage(stack, 'A', { phoneNumberId: '106540352242922', region: 'BR' });
      new WhatsAppLocalStorage(stack, 'B', { phoneNumberId: '106540352242922', region: 'IN' });
    });
    expect(errors).toMatch(/\[test\/A\] phoneNumberId 106540352242922 is also managed by test\/B: declare each number once/);
    expect(errors).toMatch(/\[test\/B\] phoneNumberId 106540352242922 is also managed by test\/A/);
  });

  test('unresolved tokens skip the static checks (the engine checks them at plan time)', () => {
    const errors = validationErrors((stack) => {
      const id = new TerraformVariable(stack, 'number_id', { type: 'string' });
      const region = new TerraformVariable(stack, 'region', { type: 'string' });
      new WhatsAppLocalStorage(stack, 'FromVariables', {
        phoneNumberId: id.stringValue,
        region: region.stringValue as LocalStorageRegion,
        pin: pinOf(stack),
      });
      new WhatsAppProvider(stack, 'whatsapp', {
        baseUrl: region.stringValue,
        apiVersion: region.stringValue,
        maxRetries: region.numberValue,
      });
    }, false);
    expect(errors).toBe('');
  });

  test('a literal PIN is allowed but warned about (it lands in cdk.tf.json); no PIN is noted', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new WhatsAppLocalStorage(stack, 'Literal', { phoneNumberId: '106540352242922', region: 'BR', pin: '123456' });
    new WhatsAppLocalStorage(stack, 'NoPin', { phoneNumberId: '106540352242923', region: 'BR' });
    const warnings = messages(stack, '@cdktf/warn');
    expect(warnings).toEqual([expect.stringMatching(/pin is a literal string, so it is written in plain text to cdk\.tf\.json/)]);
    expect(warnings.join()).not.toContain('123456');
    expect(messages(stack, '@cdktf/info')).toEqual([expect.stringMatching(/106540352242923: no pin given/)]);
  });
});

describe('WhatsAppLocalStorageGroup applies one region to many numbers', () => {
  test('one resource per number, same region and PIN', () => {
    const out = synth((stack) => {
      new WhatsAppLocalStorageGroup(stack, 'India', {
        phoneNumberIds: ['106540352242923', '106540352242924', '106540352242925'],
        region: 'IN',
        pin: pinOf(stack),
      });
    });
    const rs = resources(out);
    expect(rs.map((r) => r.phone_number_id)).toEqual(['106540352242923', '106540352242924', '106540352242925']);
    expect(rs.every((r) => r.data_localization_region === 'IN' && r.pin === '${var.pin}' && !('depends_on' in r))).toBe(true);
  });

  test('oneAtATime chains the numbers so at most one is offline at a time', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const group = new WhatsAppLocalStorageGroup(stack, 'India', {
      phoneNumberIds: ['106540352242923', '106540352242924', '106540352242925'],
      region: 'IN',
      oneAtATime: true,
    });
    const out = JSON.parse(Testing.synth(stack)) as Synthesized;
    const byId = new Map(
      Object.entries(out.resource!.whatsapp_local_storage!).map(([name, r]) => [r.phone_number_id as string, { name, r }]),
    );
    expect(byId.get('106540352242923')!.r).not.toHaveProperty('depends_on');
    expect(byId.get('106540352242924')!.r.depends_on).toEqual([`whatsapp_local_storage.${byId.get('106540352242923')!.name}`]);
    expect(byId.get('106540352242925')!.r.depends_on).toEqual([`whatsapp_local_storage.${byId.get('106540352242924')!.name}`]);
    expect([...group.numbers.keys()]).toEqual(['106540352242923', '106540352242924', '106540352242925']);
  });

  test('duplicates and an empty list are errors naming phoneNumberIds', () => {
    expect(
      validationErrors((stack) => {
        new WhatsAppLocalStorageGroup(stack, 'G', { phoneNumberIds: ['106540352242923', '106540352242923'], region: 'IN' });
      }),
    ).toMatch(/\[test\/G\] phoneNumberIds lists 106540352242923 more than once/);
    expect(
      validationErrors((stack) => {
        new WhatsAppLocalStorageGroup(stack, 'G', { phoneNumberIds: [], region: 'IN' });
      }),
    ).toMatch(/phoneNumberIds is empty/);
  });

  test('a bad region is reported for each number', () => {
    const errors = validationErrors((stack) => {
      new WhatsAppLocalStorageGroup(stack, 'G', {
        phoneNumberIds: ['106540352242923', '106540352242924'],
        region: 'UAE' as LocalStorageRegion,
      });
    });
    expect(errors.match(/did you mean AE/g)).toHaveLength(2);
  });
});

describe('WhatsAppProvider', () => {
  test('settings from props; nothing configured means environment variables', () => {
    const out = synth((stack) => {
      const token = new TerraformVariable(stack, 'whatsapp_token', { type: 'string', sensitive: true });
      new WhatsAppProvider(stack, 'whatsapp', {
        baseUrl: 'http://127.0.0.1:8787',
        apiVersion: LAST_REGISTER_VERSION,
        accessToken: token.stringValue,
      });
      new WhatsAppProvider(stack, 'other', { alias: 'other' });
    });
    expect(out.provider?.whatsapp).toEqual([
      { access_token: '${var.whatsapp_token}', api_version: LAST_REGISTER_VERSION, base_url: 'http://127.0.0.1:8787' },
      { alias: 'other' },
    ]);
  });

  test.each([
    [{ baseUrl: 'graph.facebook.com' }, /baseUrl "graph\.facebook\.com" is not an http\(s\) URL/],
    [
      { baseUrl: `https://graph.facebook.com/${FIRST_SETTINGS_VERSION}` },
      /ends with an API version: drop the version from baseUrl and set apiVersion/,
    ],
    [
      { apiVersion: 'v21' },
      new RegExp(String.raw`apiVersion "v21" is not a Graph API version: write it like ${versionPattern(DEFAULT_API_VERSION)}`),
    ],
    [{ requestTimeoutSeconds: 0 }, /requestTimeoutSeconds 0 is out of range/],
    [{ maxRetries: 1.5 }, /maxRetries 1\.5 is out of range/],
    [{ maxNumbersOffline: 0 }, /maxNumbersOffline 0 is out of range: use a whole number from 1/],
    [{ accessToken: ' ' }, /accessToken is empty/],
  ])('%j is an error', (props, message) => {
    expect(
      validationErrors((stack) => {
        new WhatsAppProvider(stack, 'whatsapp', props);
      }, false),
    ).toMatch(message);
  });

  test('maxNumbersOffline is synthesized as max_numbers_offline', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new WhatsAppProvider(stack, 'whatsapp', { maxNumbersOffline: 3 });
    expect((JSON.parse(Testing.synth(stack)) as Synthesized).provider?.whatsapp).toEqual([{ max_numbers_offline: 3 }]);
  });

  test('a literal access token is warned about without being echoed', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new WhatsAppProvider(stack, 'whatsapp', { accessToken: 'EAAsecret' });
    const warnings = messages(stack, '@cdktf/warn');
    expect(warnings).toEqual([expect.stringMatching(/accessToken is a literal string.*WHATSAPP_ACCESS_TOKEN/)]);
    expect(warnings.join()).not.toContain('EAAsecret');
  });
});

describe('parseLocalStorage (storage props from env vars or context)', () => {
  test.each([
    ['BR', { region: 'BR' }],
    ['default', { storageMode: 'DEFAULT' }],
    ['none', { storageMode: 'DEFAULT' }],
    ['no_storage', { storageMode: 'NO_STORAGE', retentionMinutes: 60 }],
    ['NO-STORAGE', { storageMode: 'NO_STORAGE', retentionMinutes: 60 }],
  ])('%j -> %j', (input, want) => {
    expect(parseLocalStorage(input, 'env X')).toEqual(want);
  });

  test('empty or bad text throws naming the source and the three ways', () => {
    expect(() => parseLocalStorage('', 'env X')).toThrow(
      /^env X: is empty: the storage mode must be stated\. Write a region code, "default" .* or "no_storage"/,
    );
    expect(() => parseLocalStorage('uk', 'env X')).toThrow(/^env X: "uk" .*did you mean GB/);
  });
});

describe('parseLocalStorageRegion (for regions from env vars or context)', () => {
  test.each([
    ['BR', 'BR'],
    [' IN ', 'IN'],
    ['', undefined],
    ['none', undefined],
    ['Disabled', undefined],
    [undefined, undefined],
  ])('%j -> %j', (input, want) => {
    expect(parseLocalStorageRegion(input, 'env X')).toBe(want);
  });

  test('bad text throws naming the source and the fix', () => {
    expect(() => parseLocalStorageRegion('in', 'env WLS_EXAMPLE_SALES_REGION')).toThrow(
      /^env WLS_EXAMPLE_SALES_REGION: "in" must be an upper-case .* did you mean IN .* "none" to disable/,
    );
  });
});
