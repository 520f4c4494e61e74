/**
 * WhatsAppWabaStoragePolicy: the synth-time checks, what it synthesizes (a data
 * source and one for_each resource through a TerraformIterator), and an apply of
 * the synthesized stack under the real engines against the emulator, one number at a time.
 */
import { Testing, TerraformStack } from 'cdktf';
import { generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { WhatsAppLocalStorage, WhatsAppProvider, WhatsAppWabaStoragePolicy, type WhatsAppWabaStoragePolicyProps } from '../../src/cdktf';
import { availableEngines, EngineWorkspace } from '../e2e/harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(300_000);

const WABA = '300000000000001';
const TOKEN = 'policy-token';
const PIN = '246810';
const COUNT = 4;

function stackWith(build: (stack: TerraformStack) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'policy');
  new WhatsAppProvider(stack, 'whatsapp');
  build(stack);
  return stack;
}

function validationErrors(build: (stack: TerraformStack) => void): string {
  try {
    Testing.synth(stackWith(build), true);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The blocks of one type in cdk.tf.json, by their name. */
type Blocks<Type extends string> = Record<Type, Record<string, Record<string, unknown>>>;

const policy = (stack: TerraformStack, props: Partial<WhatsAppWabaStoragePolicyProps> = {}, id = 'Germany') =>
  new WhatsAppWabaStoragePolicy(stack, id, {
    wabaId: WABA,
    region: 'DE',
    pin: WhatsAppLocalStorage.pinVariable(stack).stringValue,
    oneAtATime: true,
    ...props,
  });

describe('synth', () => {
  test('a data source over the WABA and one whatsapp_local_storage iterating over its ids', () => {
    type Out = { data: Blocks<'whatsapp_phone_numbers'>; resource: Blocks<'whatsapp_local_storage'> };
    const out = JSON.parse(Testing.synth(stackWith((s) => policy(s, { registeredOnly: true })))) as Out;
    const [data] = Object.values(out.data.whatsapp_phone_numbers);
    expect(data).toMatchObject({ waba_id: WABA, registered_only: true });
    const [resource] = Object.values(out.resource.whatsapp_local_storage);
    expect(resource.for_each).toMatch(/^\$\{toset\(data\.whatsapp_phone_numbers\.[\w-]+\.ids\)\}$/);
    expect(resource).toMatchObject({
      phone_number_id: '${each.value}',
      data_localization_region: 'DE',
      one_at_a_time: true,
      pin: '${var.pin}',
      disable_on_destroy: false,
    });
  });

  test('checks the props at synth, naming each and the fix', () => {
    const errors = validationErrors((s) => policy(s, { wabaId: 'my-waba', region: 'uk' as never, pin: '12', oneAtATime: 'yes' as never }));
    expect(errors).toContain('wabaId "my-waba" is not a Graph id');
    expect(errors).toContain('did you mean GB (United Kingdom)?');
    expect(errors).toContain('pin must be the 6-digit two-step verification PIN');
    expect(errors).toContain('oneAtATime must be true or false, got string.');
    expect(validationErrors((s) => policy(s))).toBe('');
  });

  test('states a storage mode for every number: DEFAULT and NO_STORAGE synthesize, leaving the region out alone fails', () => {
    const synthOf = (props: Partial<WhatsAppWabaStoragePolicyProps>) => {
      const out = JSON.parse(Testing.synth(stackWith((s) => policy(s, props)))) as {
        resource: { whatsapp_local_storage: Record<string, Record<string, unknown>> };
      };
      return Object.values(out.resource.whatsapp_local_storage)[0];
    };
    expect(synthOf({ region: undefined, storageMode: 'DEFAULT' })).toMatchObject({ storage_mode: 'DEFAULT' });
    expect(synthOf({ region: undefined, storageMode: 'NO_STORAGE', retentionMinutes: 60 })).toMatchObject({
      storage_mode: 'NO_STORAGE',
      retention_minutes: 60,
    });
    expect(validationErrors((s) => policy(s, { region: undefined }))).toContain('Storage mode not stated');
    expect(validationErrors((s) => policy(s, { region: undefined, storageMode: 'NO_STORAGE', retentionMinutes: 5 }))).toContain(
      'retentionMinutes',
    );
    expect(validationErrors((s) => policy(s, { region: undefined, storageMode: 'DEFAULT' }))).toBe('');
  });

  test('two policies over one WABA are refused', () => {
    const errors = validationErrors((s) => {
      policy(s);
      policy(s, { region: 'IN' }, 'India');
    });
    expect(errors).toContain(`wabaId ${WABA} is also covered by policy/India`);
  });
});

describe.each(availableEngines().filter((e) => e.name === 'tofu' || e.version !== '1.5.7'))('applies under $name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    // Half the numbers already keep data in DE; the others have Local Storage off.
    const seed = generatedSeed(COUNT, {
      token: TOKEN,
      pin: PIN,
      wabaId: WABA,
      storage: (i) =>
        i % 2 ? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } : { status: 'IN_COUNTRY_STORAGE_DISABLED' },
    });
    emulator = await startEmulator({ port: 0, quiet: true, seed });
    ws = new EngineWorkspace(engine, { env: { WHATSAPP_BASE_URL: emulator.url, WHATSAPP_ACCESS_TOKEN: TOKEN, TF_VAR_pin: PIN } });
    ws.write('cdk.tf.json', Testing.synth(stackWith((s) => policy(s))));
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('every number of the WABA ends up in DE, changed one at a time, then an empty plan', async () => {
    await ws.expect(['init', '-input=false']);
    await emulator.admin.clearCalls();
    const apply = await ws.expect(['apply', '-auto-approve']);
    expect(apply.stdout).toMatch(new RegExp(`Apply complete! Resources: ${COUNT} added, 0 changed, 0 destroyed`));
    for (let i = 0; i < COUNT; i++) {
      const res = await fetch(`${emulator.url}/${FIRST_SETTINGS_VERSION}/${generatedPhoneNumberId(i)}/settings`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(((await res.json()) as { storage_configuration: unknown }).storage_configuration).toEqual({
        status: 'IN_COUNTRY_STORAGE_ENABLED',
        data_localization_region: 'DE',
      });
    }
    const calls = await emulator.admin.calls();
    const windows = [0, 2].map((i) => {
      const mine = calls.filter((c) => c.phoneNumberId === generatedPhoneNumberId(i) && c.method === 'POST');
      return {
        from: mine.find((c) => c.endpoint === 'deregister')!.startedAt,
        to: mine.find((c) => c.endpoint === 'register')!.finishedAt,
      };
    });
    expect(windows[0].to <= windows[1].from || windows[1].to <= windows[0].from).toBe(true);
    // The numbers already in DE were only read.
    expect(calls.filter((c) => c.method === 'POST' && [1, 3].map(generatedPhoneNumberId).includes(c.phoneNumberId ?? ''))).toEqual([]);
    await ws.expect(['plan', '-detailed-exitcode'], 0);
  });
});
