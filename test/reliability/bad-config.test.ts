/**
 * Invalid configurations under OpenTofu: each is refused by `validate` (or by
 * `plan` for values from variables, before any API call) with a diagnostic naming the field; secrets in bad values are
 * never echoed; the emulator sees no request at all.
 */
import type { RunningEmulator } from '../../src/emulator';
import { REQUIRED_PROVIDERS_HCL, type EngineWorkspace } from '../e2e/harness';
import { NUMBER, startReliabilityEmulator, tofu, TOKEN, workspace } from './harness';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

jest.setTimeout(120_000);

interface Bad {
  name: string;
  resource?: Record<string, string>;
  provider?: Record<string, string>;
  pin?: string;
  field: string;
  message: RegExp;
}

const BAD: Bad[] = [
  {
    name: 'unsupported region',
    resource: { data_localization_region: '"US"' },
    field: 'data_localization_region',
    message: /Unsupported data_localization_region/,
  },
  {
    name: 'lower-case region',
    resource: { data_localization_region: '"br"' },
    field: 'data_localization_region',
    message: /Unsupported data_localization_region[\s\S]*BR/,
  },
  {
    name: 'unknown code',
    resource: { data_localization_region: '"ZZ"' },
    field: 'data_localization_region',
    message: /Unsupported data_localization_region/,
  },
  { name: 'path-like id', resource: { phone_number_id: '"123/../me"' }, field: 'phone_number_id', message: /Invalid phone_number_id/ },
  { name: 'non-digit id', resource: { phone_number_id: '"12a45"' }, field: 'phone_number_id', message: /Invalid phone_number_id/ },
  { name: 'empty id', resource: { phone_number_id: '""' }, field: 'phone_number_id', message: /Invalid phone_number_id/ },
  { name: '5-digit PIN', pin: '12345', field: 'pin', message: /Invalid pin[\s\S]*5 digits/ },
  { name: 'non-digit PIN', pin: '12a4b6', field: 'pin', message: /Invalid pin[\s\S]*other than digits/ },
  { name: 'pin and pin_wo together', resource: { pin_wo: 'var.pin' }, pin: '482915', field: 'pin_wo', message: /pin|pin_wo/ },
  {
    name: 'verification code with letters',
    resource: { verification_code: '"12ab"' },
    field: 'verification_code',
    message: /Invalid verification_code/,
  },
  { name: 'unsupported api_version', provider: { api_version: '"v9"' }, field: 'api_version', message: /api_version/ },
  { name: 'base_url not http(s)', provider: { base_url: '"ftp://graph.example"' }, field: 'base_url', message: /Invalid base_url/ },
  {
    name: 'negative timeout',
    provider: { request_timeout_seconds: '-1' },
    field: 'request_timeout_seconds',
    message: /request_timeout_seconds/,
  },
  { name: 'too many retries', provider: { max_retries: '99' }, field: 'max_retries', message: /max_retries/ },
];

function hcl(baseUrl: string, bad: Bad): string {
  const provider = { base_url: `"${baseUrl}"`, api_version: `"${FIRST_SETTINGS_VERSION}"`, ...bad.provider };
  const resource = { phone_number_id: `"${NUMBER}"`, data_localization_region: '"IN"', pin: 'var.pin', ...bad.resource };
  const block = (o: Record<string, string>) =>
    Object.entries(o)
      .map(([k, v]) => `  ${k} = ${v}`)
      .join('\n');
  return `${REQUIRED_PROVIDERS_HCL}variable "pin" {
  type      = string
  sensitive = true
}
provider "whatsapp" {
${block(provider)}
}
resource "whatsapp_local_storage" "main" {
${block(resource)}
}
`;
}

let emu: RunningEmulator;
let ws: EngineWorkspace;

beforeAll(async () => {
  emu = await startReliabilityEmulator();
  ws = workspace(tofu());
  ws.write('main.tf', hcl(emu.url, { name: 'ok', field: '', message: /x/ }));
  await ws.expect(['init']);
});

afterAll(async () => {
  ws?.dispose();
  await emu?.close();
});

test.each(BAD)('$name: refused before any API call, naming $field', async (bad) => {
  await emu.admin.clearCalls();
  ws.write('main.tf', hcl(emu.url, bad));
  const pin = bad.pin ?? '482915';
  // validate does not evaluate variables, so values that come from variables (the PIN) are checked by plan.
  const run = await ws.run(bad.pin ? ['plan'] : ['validate'], { TF_VAR_pin: pin, WHATSAPP_ACCESS_TOKEN: TOKEN });
  const text = (run.stdout + run.stderr).replace(/\s+/g, ' ');
  expect(run.code).toBe(1);
  expect(text).toMatch(/Error: /);
  expect(text).toMatch(bad.message);
  // The diagnostic points at the field (tofu prints the offending line).
  expect(text).toMatch(new RegExp(`${bad.field} = `));
  if (bad.pin) expect(text).not.toContain(bad.pin);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toMatch(/panic|TypeError|stack|plugin exited/i);
  expect(await emu.admin.calls()).toEqual([]);
});
