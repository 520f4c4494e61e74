/**
 * Plans fit for review: a region change of six numbers under every engine present prints at most
 * 90 lines (stdout and stderr of `plan`, as a user sees them). Each number's warning is at most four
 * lines of text (title with from and to; the number, offline, the steps, where the explanation is),
 * engines fold the same change on many numbers into one warning, and neither plan nor apply repeats
 * the long downtime and PIN explanation, which lives in the docs.
 */
import { DEFAULT_API_VERSION } from '../../src/cloud-api/api-version';
import { REGION_CHANGE_DOWNTIME } from '../../src/engine/downtime';
import { WRONG_PIN_RISK } from '../../src/provider/schema/local-storage-resource';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { availableEngines, EngineWorkspace, providerBlock, type RunResult } from './harness';

jest.setTimeout(300_000);

const NUMBERS = ['106540352242922', '179776755229976', '106540352242923', '106540352242924', '106540352242925', '106540352242926'];
const MAX_PLAN_LINES = 90;
/**
 * A fixed date, so the quota times read the same every run. The provider uses the default Graph
 * version, as a configuration that does not pin one does: a version near its end adds its own
 * warning (one, folded: eleven lines), which is not part of the change being reviewed.
 */
const CLOCK = Date.parse('2026-11-25T12:00:00Z');

function config(region: string): string {
  const resources = NUMBERS.map(
    (id, i) => `
resource "whatsapp_local_storage" "n${i}" {
  phone_number_id          = "${id}"
  data_localization_region = "${region}"
  pin                      = var.pin
}
`,
  );
  return `
variable "pin" {
  type      = string
  sensitive = true
}
${resources.join('')}`;
}

/** Lines as a terminal shows them (the final newline ends the last line, it does not start another). */
const lines = (run: RunResult) => `${run.stdout}${run.stderr}`.replace(/\n$/, '').split('\n');

/**
 * Each warning's text lines: its title and its detail, without the engine's location lines ("with ...",
 * "on ...", the source line) and its "(and N more similar warnings elsewhere)".
 */
function warningTexts(run: RunResult): string[][] {
  const blocks = `${run.stdout}\n${run.stderr}`.split(/\n(?=(?:Warning|Error): )/).filter((b) => b.startsWith('Warning: '));
  return blocks.map((block) => {
    const [title, ...rest] = block.split('\n');
    const paragraphs = rest
      .join('\n')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const detail = paragraphs[0]?.startsWith('with ') ? paragraphs[1] : paragraphs[0];
    return [title, ...(detail ? detail.split('\n') : [])];
  });
}

describe.each(availableEngines())('$name $version', (engine) => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;
  const env = { TF_VAR_pin: '123456' };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    await emulator.admin.setClock(CLOCK);
    ws = new EngineWorkspace(engine);
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }) + config('BR'));
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve'], 0, env);
    ws.write('main.tf', providerBlock({ baseUrl: emulator.url, apiVersion: DEFAULT_API_VERSION }) + config('DE'));
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test(`a region change of ${NUMBERS.length} numbers: at most ${MAX_PLAN_LINES} lines, one short warning for the change`, async () => {
    const plan = await ws.expect(['plan', '-detailed-exitcode'], 2, env);
    const out = `${plan.stdout}${plan.stderr}`;
    expect(out).toMatch(new RegExp(`Plan: 0 to add, ${NUMBERS.length} to change, 0 to destroy`));
    // Every number is in the diff, the first in the warning, the rest folded into it.
    for (const id of NUMBERS) expect(out).toMatch(new RegExp(`\\bid += "${id}"`));
    const texts = warningTexts(plan);
    const residency = texts.filter(([title]) => title === 'Warning: Data residency moves: local storage in BR -> local storage in DE');
    expect(residency).toHaveLength(1);
    expect(residency[0].slice(1).join(' ')).toMatch(
      new RegExp(
        '^Phone number \\d+: offline (~\\d+\\.\\d s|under 0\\.1 s), one number at a time\\. ' +
          'Quota: 1 deregister \\+ 1 register; 8 \\+ 8 of 10 left in 72 h, oldest out \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\. ' +
          'Why, PIN risk: "Downtime" in the resource docs\\.$',
      ),
    );
    expect(out).toMatch(/\(and 5 more similar warnings elsewhere\)/);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4);
    expect(out.replace(/\s+/g, ' ')).not.toContain(WRONG_PIN_RISK.slice(0, 60));
    expect(out.replace(/\s+/g, ' ')).not.toContain(REGION_CHANGE_DOWNTIME.slice(0, 60));
    const count = lines(plan).length;
    process.stdout.write(`${engine.name} ${engine.version}: plan of a region change of ${NUMBERS.length} numbers prints ${count} lines\n`);
    expect(count).toBeLessThanOrEqual(MAX_PLAN_LINES);
  });

  test('apply does not repeat the long explanation either', async () => {
    const apply = await ws.expect(['apply', '-auto-approve'], 0, env);
    const out = `${apply.stdout}${apply.stderr}`;
    expect(out).toMatch(new RegExp(`Apply complete! Resources: 0 added, ${NUMBERS.length} changed, 0 destroyed`));
    expect(out.replace(/\s+/g, ' ')).not.toContain(WRONG_PIN_RISK.slice(0, 60));
    for (const text of warningTexts(apply)) expect(text.length).toBeLessThanOrEqual(4);
    expect(warningTexts(apply).filter(([title]) => title.startsWith('Warning: Data residency moves'))).toHaveLength(1);
  });
});
