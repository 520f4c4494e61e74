/**
 * Secrets under TF_LOG=trace: the access token and the two-step PIN must appear
 * nowhere in engine output, the trace log (which carries the provider's own
 * logs), the JSON of a saved plan, diagnostics, or the state file, including
 * when the API answers with an error that echoes both back.
 *
 * - OpenTofu 1.12: the token comes from WHATSAPP_ACCESS_TOKEN and the PIN from an
 *   ephemeral variable into the write-only pin_wo (+ pin_wo_version): neither is
 *   anywhere, state included. Changing pin_wo_version re-uses a new PIN.
 * - Terraform 1.5.7 (no write-only attributes): pin_wo is refused with a clear
 *   diagnostic; with `pin`, the PIN is kept only where the user's configuration
 *   stores it (state and the plan's JSON, as a sensitive value), never in logs or output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { REQUIRED_PROVIDERS_HCL, type EngineWorkspace, type RunResult } from '../e2e/harness';
import { expectNoSecret, graphTruth, NUMBER, PIN, startReliabilityEmulator, terraform, tofu, TOKEN, workspace } from './harness';
import { parseJson } from '../json';
import { FIRST_SETTINGS_VERSION } from '../graph-versions';

/** The parts of a saved plan's `show -json` and of the state file these tests read. */
interface PlanJson {
  resource_changes: { change: { after: Record<string, unknown>; after_sensitive: Record<string, unknown> } }[];
}
interface StateJson {
  resources: { instances: { sensitive_attributes: unknown }[] }[];
}

jest.setTimeout(180_000);

const NEW_PIN = '593026';

function config(baseUrl: string, region: string, pinAttr: 'pin_wo' | 'pin', version = 1, ephemeral = true): string {
  return `${REQUIRED_PROVIDERS_HCL}
variable "pin" {
  type      = string
  sensitive = true
${ephemeral ? '  ephemeral = true\n' : ''}}

provider "whatsapp" {
  base_url    = "${baseUrl}"
  api_version = "${FIRST_SETTINGS_VERSION}"
}

resource "whatsapp_local_storage" "main" {
  phone_number_id          = "${NUMBER}"
  data_localization_region = "${region}"
${pinAttr === 'pin_wo' ? `  pin_wo                   = var.pin\n  pin_wo_version           = ${version}\n` : '  pin                      = var.pin\n'}}
`;
}

/** Every byte an engine run leaves for a user or a log collector to see. */
class Evidence {
  private parts: Array<{ where: string; text: string }> = [];
  add(where: string, text: string): void {
    this.parts.push({ where, text });
  }
  run(where: string, r: RunResult): RunResult {
    this.add(`${where} stdout`, r.stdout);
    this.add(`${where} stderr`, r.stderr);
    return r;
  }
  check(secret: string, except: (where: string) => boolean = () => false): number {
    let checked = 0;
    for (const p of this.parts) {
      if (except(p.where)) continue;
      expectNoSecret(p.text, secret, p.where);
      checked += p.text.length;
    }
    return checked;
  }
}

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startReliabilityEmulator();
});

afterAll(async () => {
  await emu?.close();
});

describe('OpenTofu 1.12 with the token from the environment and the PIN write-only', () => {
  let ws: EngineWorkspace;
  const evidence = new Evidence();
  const env = (pin = PIN) => ({ WHATSAPP_ACCESS_TOKEN: TOKEN, TF_VAR_pin: pin, TF_LOG: 'trace', TF_LOG_PATH: join(ws.dir, 'trace.log') });
  const traceLog = () => readFileSync(join(ws.dir, 'trace.log'), 'utf8');

  beforeAll(async () => {
    await emu.admin.reset();
    ws = workspace(tofu());
    ws.write('main.tf', config(emu.url, 'IN', 'pin_wo'));
    await ws.expect(['init']);
  });

  afterAll(() => ws?.dispose());

  test('plan, show -json, apply, an API error echoing the secrets, and a PIN change leave neither anywhere', async () => {
    evidence.run('plan -out', await ws.expect(['plan', '-out=tfplan'], 0, env()));
    evidence.add('trace log of plan', traceLog());
    const show = evidence.run('show -json', await ws.expect(['show', '-json', 'tfplan'], 0, env()));
    expect(parseJson<PlanJson>(show.stdout).resource_changes[0].change.after.pin_wo).toBeNull();
    evidence.run('apply tfplan', await ws.expect(['apply', 'tfplan'], 0, env()));
    evidence.add('trace log of apply', traceLog());
    expect(await graphTruth(emu, NUMBER)).toEqual({ registered: true, status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN' });

    // A hostile or careless API that echoes the token and PIN in its error: the diagnostic must not repeat them.
    ws.write('main.tf', config(emu.url, 'DE', 'pin_wo'));
    await emu.admin.injectFault({
      endpoint: 'register',
      mode: 'error',
      error: { code: 131000, http_status: 500, is_transient: false, message: `Something went wrong for token ${TOKEN} and pin ${PIN}` },
      times: 10,
    });
    const failed = evidence.run('failing apply', await ws.run(['apply', '-auto-approve'], env()));
    expect(failed.code).toBe(1);
    expect(failed.stdout + failed.stderr).toMatch(/Something went wrong for token/);
    evidence.add('trace log of the failing apply', traceLog());
    await emu.admin.clearFaults();
    evidence.run('re-apply', await ws.expect(['apply', '-auto-approve'], 0, env()));

    // The failing apply's register attempts are in the quota ledger (every call counts): Meta's clock
    // moves past the 72-hour window so the next change is possible.
    await emu.admin.setClock(Date.now() + 73 * 3_600_000);
    // The PIN changes: pin_wo_version makes the next apply use the new write-only value.
    await emu.admin.patchPhoneNumber(NUMBER, { pin: NEW_PIN });
    ws.write('main.tf', config(emu.url, 'BR', 'pin_wo', 2));
    evidence.run('apply with a new PIN', await ws.expect(['apply', '-auto-approve'], 0, env(NEW_PIN)));
    evidence.add('trace log of the new-PIN apply', traceLog());
    expect(await graphTruth(emu, NUMBER)).toMatchObject({ registered: true, region: 'BR' });
    evidence.run('plan after', await ws.expect(['plan', '-detailed-exitcode'], 0, env(NEW_PIN)));

    const state = ws.rawState();
    evidence.add('state file', state);
    evidence.add('state backup', readFileSync(join(ws.dir, 'terraform.tfstate.backup'), 'utf8'));
    const attrs = ws.state().resources[0].instances[0].attributes;
    expect(attrs).toMatchObject({ pin: null, pin_wo: null, pin_wo_version: 2, data_localization_region: 'BR' });

    const bytes = evidence.check(TOKEN) + evidence.check(PIN) + evidence.check(NEW_PIN);
    expect(bytes).toBeGreaterThan(100_000); // the trace logs really were captured
    // The provider's own log lines are in the trace (so they were searched too).
    expect(traceLog()).toMatch(/whatsapp_local_storage 179776755229976: register (started|done)/);
  });
});

describe('Terraform 1.5.7 (no write-only attributes)', () => {
  let ws: EngineWorkspace;
  const evidence = new Evidence();
  const env = () => ({ WHATSAPP_ACCESS_TOKEN: TOKEN, TF_VAR_pin: PIN, TF_LOG: 'trace', TF_LOG_PATH: join(ws.dir, 'trace.log') });

  beforeAll(async () => {
    await emu.admin.reset();
    ws = workspace(terraform());
    ws.write('main.tf', config(emu.url, 'IN', 'pin_wo', 1, false));
    await ws.expect(['init']);
  });

  afterAll(() => ws?.dispose());

  test('pin_wo is refused with a diagnostic naming it and the engine versions that support it', async () => {
    const plan = evidence.run('plan with pin_wo', await ws.run(['plan'], env()));
    expect(plan.code).toBe(1);
    const text = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
    expect(text).toMatch(/Write-only attributes not supported here/);
    expect(text).toMatch(/pin_wo is a write-only attribute, which needs Terraform 1\.11\+ or OpenTofu 1\.11\+/);
    expect(text).toMatch(/pin_wo = var\.pin/);
  });

  test('with pin: the token is nowhere; the PIN only in state and plan JSON (sensitive), never in logs or output', async () => {
    ws.write('main.tf', config(emu.url, 'IN', 'pin', 1, false));
    evidence.run('plan -out', await ws.expect(['plan', '-out=tfplan'], 0, env()));
    const show = await ws.expect(['show', '-json', 'tfplan'], 0, env());
    evidence.add('show -json (token only)', show.stdout);
    const change = parseJson<PlanJson>(show.stdout).resource_changes[0].change;
    expect(change.after_sensitive.pin).toBe(true);
    evidence.run('apply tfplan', await ws.expect(['apply', 'tfplan'], 0, env()));
    evidence.add('trace log', readFileSync(join(ws.dir, 'trace.log'), 'utf8'));
    const state = ws.rawState();
    evidence.add('state file (token only)', state);
    expect(ws.state().resources[0].instances[0].attributes.pin).toBe(PIN); // the user's own sensitive attribute
    const sensitive = parseJson<StateJson>(state).resources[0].instances[0].sensitive_attributes;
    expect(sensitive).toEqual(expect.arrayContaining([expect.arrayContaining([expect.objectContaining({ value: 'pin' })])]));
    evidence.check(TOKEN);
    evidence.check(PIN, (where) => where.includes('(token only)'));
  });
});
