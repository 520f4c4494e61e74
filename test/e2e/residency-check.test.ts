/**
 * examples/residency-check, unchanged, under OpenTofu 1.12 and Terraform 1.5.7 against the
 * emulator: its check block states "every number of the WABA keeps its data in DE or has No
 * Storage". `plan` of a WABA that breaks the rule reports each offending number in a warning
 * (and the saved plan's JSON marks the check failed); a compliant WABA plans clean. Neither
 * writes anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeed, generatedPhoneNumberId, generatedSeed, startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, repoRoot, requiredEngines } from './harness';

jest.setTimeout(300_000);

const TOKEN = 'residency-token';

/** The checks of `show -json` on a saved plan. */
type PlanChecks = { checks?: unknown[] };
const COMPLIANT_WABA = '400000000000001';
const MIXED_WABA = '400000000000002';
const EXAMPLE = readFileSync(join(repoRoot, 'examples', 'residency-check', 'main.tf'), 'utf8');

const DE = { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' };
const NO_STORAGE = { status: 'NO_STORAGE_ENABLED', retention_minutes: 60 };
/** Compliant: DE or No Storage, one of them unregistered (the rule is about storage, not registration). */
const COMPLIANT = [DE, NO_STORAGE, DE];
/** Mixed: DE and No Storage pass; BR and Meta's default storage break the rule. */
const MIXED = [
  DE,
  { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' },
  NO_STORAGE,
  { status: 'IN_COUNTRY_STORAGE_DISABLED' },
];
const mixedId = (i: number) => generatedPhoneNumberId(COMPLIANT.length + i);

function seed() {
  const compliant = generatedSeed(COMPLIANT.length, {
    token: TOKEN,
    pin: '123456',
    wabaId: COMPLIANT_WABA,
    label: 'Compliant',
    base: defaultSeed(),
    storage: (i) => COMPLIANT[i],
    number: (i) => ({ registered: i !== 2 }),
  });
  const both = generatedSeed(MIXED.length, {
    token: TOKEN,
    pin: '123456',
    wabaId: MIXED_WABA,
    label: 'Mixed',
    base: compliant,
    firstIndex: COMPLIANT.length,
    storage: (i) => MIXED[i - COMPLIANT.length],
  });
  both.tokens = { [TOKEN]: { wabas: [COMPLIANT_WABA, MIXED_WABA] } };
  return both;
}

describe.each(requiredEngines())('examples/residency-check under $name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, seed: seed() });
    ws = new EngineWorkspace(engine, { env: { WHATSAPP_BASE_URL: emulator.url, WHATSAPP_ACCESS_TOKEN: TOKEN } });
    ws.write('main.tf', EXAMPLE);
    await ws.expect(['init']);
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  afterEach(async () => {
    const posts = (await emulator.admin.calls()).filter((c) => c.method !== 'GET');
    expect(posts).toEqual([]);
  });

  test('plan reports every number outside DE and No Storage, and only those', async () => {
    const plan = await ws.expect(['plan', '-out=mixed.tfplan'], 0, { TF_VAR_waba_id: MIXED_WABA });
    const text = `${plan.stdout}\n${plan.stderr}`.replace(/\s+/g, ' ');
    expect(text).toContain('Warning: Check block assertion failed');
    expect(text).toContain(
      `Numbers of WABA ${MIXED_WABA} outside DE and No Storage: ${mixedId(1)} (IN_COUNTRY BR), ${mixedId(3)} (DEFAULT).`,
    );
    for (const ok of [mixedId(0), mixedId(2)]) expect(text).not.toContain(ok);
    const json = JSON.parse((await ws.expect(['show', '-json', 'mixed.tfplan'], 0, { TF_VAR_waba_id: MIXED_WABA })).stdout) as PlanChecks;
    expect(json.checks).toEqual([
      expect.objectContaining<Record<string, unknown>>({
        address: expect.objectContaining({ to_display: 'check.residency' }),
        status: 'fail',
      }),
    ]);
  });

  test('a compliant WABA plans clean', async () => {
    const plan = await ws.expect(['plan', '-out=compliant.tfplan'], 0, { TF_VAR_waba_id: COMPLIANT_WABA });
    const text = `${plan.stdout}\n${plan.stderr}`;
    expect(text).toContain('No changes.');
    expect(text).not.toMatch(/Warning|Error/);
    const shown = await ws.expect(['show', '-json', 'compliant.tfplan'], 0, { TF_VAR_waba_id: COMPLIANT_WABA });
    const json = JSON.parse(shown.stdout) as PlanChecks;
    expect(json.checks).toEqual([expect.objectContaining({ status: 'pass' })]);
  });
});

test('docs/residency-check.md quotes the example as it is', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'residency-check.md'), 'utf8');
  const quoted = /```terraform\n([\s\S]*?)```/.exec(doc)![1].trim();
  expect(EXAMPLE).toContain(quoted);
});
