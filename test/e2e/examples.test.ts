/**
 * The examples are runnable: the HCL example applies under OpenTofu against the
 * emulator, and the GitOps pipelines use only commands the project provides or
 * documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { EngineWorkspace, repoRoot, requiredEngines } from './harness';

jest.setTimeout(180_000);

describe('examples/hcl under OpenTofu', () => {
  let emulator: RunningEmulator;
  let ws: EngineWorkspace;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    ws = new EngineWorkspace(requiredEngines().find((e) => e.name === 'tofu')!);
    for (const file of readdirSync(join(repoRoot, 'examples', 'hcl')).filter((f) => f.endsWith('.tf'))) {
      ws.write(file, readFileSync(join(repoRoot, 'examples', 'hcl', file), 'utf8'));
    }
  });

  afterAll(async () => {
    ws?.dispose();
    await emulator?.close();
  });

  test('init, apply and a clean second plan, with the three declared storage modes live', async () => {
    const env = { TF_VAR_pin: '123456', TF_VAR_access_token: 'demo-token', TF_VAR_base_url: emulator.url };
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve'], 0, env);
    const outputs = JSON.parse((await ws.expect(['output', '-json'], 0, env)).stdout);
    expect(outputs.storage.value).toEqual({
      sao_paulo: { mode: 'IN_COUNTRY', status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'BR', retention_minutes: null, registered: true },
      mumbai: { mode: 'IN_COUNTRY', status: 'IN_COUNTRY_STORAGE_ENABLED', region: 'IN', retention_minutes: null, registered: true },
      support_line: { mode: 'DEFAULT', status: 'DEFAULT', region: null, retention_minutes: null, registered: true },
      payments: { mode: 'NO_STORAGE', status: 'NO_STORAGE_ENABLED', region: null, retention_minutes: 60, registered: true },
    });
    expect(outputs.sao_paulo_display_number.value).toMatch(/^\+/);
    await ws.expect(['plan', '-detailed-exitcode'], 0, env);
  });
});

describe('examples/gitops pipelines', () => {
  const dir = join(repoRoot, 'examples', 'gitops', 'github-actions');
  const workflows = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  // Commands a pipeline step may start with: ours, the engine, npm, and the shell's own.
  const allowed = /^(npm ci|npx whatsapp-local-storage (cli-config|drift)\b|tofu (init|plan|apply|show)\b|gh (pr comment|issue create)\b|set \+e|cat |code=|echo |\{ echo|\[ |exit )/;

  test('there is a plan, an apply and a nightly drift pipeline', () => {
    expect(workflows.sort()).toEqual(['apply-on-merge.yml', 'nightly-drift.yml', 'plan-on-pr.yml']);
  });

  test.each(workflows)('%s parses and runs only provided or documented commands', (file) => {
    const workflow = parse(readFileSync(join(dir, file), 'utf8'));
    const steps = Object.values(workflow.jobs as Record<string, { steps: Array<{ run?: string }> }>).flatMap((j) => j.steps);
    const commands = steps.flatMap((s) => (s.run ? s.run.split('\n') : [])).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(allowed);
  });

  test('the nightly job treats exit 2 as drift and keeps the reports', () => {
    const text = readFileSync(join(dir, 'nightly-drift.yml'), 'utf8');
    expect(text).toContain('npx whatsapp-local-storage drift');
    expect(text).toContain("steps.drift.outputs.code == '2'");
    expect(text).toContain('drift-report.*');
  });

  test('applies never run concurrently or get cancelled half-way', () => {
    const workflow = parse(readFileSync(join(dir, 'apply-on-merge.yml'), 'utf8'));
    expect(workflow.concurrency).toEqual({ group: 'local-storage-apply', 'cancel-in-progress': false });
  });
});
