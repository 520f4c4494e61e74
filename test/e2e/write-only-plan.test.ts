/**
 * pin_wo is write-only: the provider plans it null (the protocol requires it), so an update
 * that does not set it shows no pin_wo line under Terraform 1.11+. OpenTofu 1.12 lists
 * every write-only attribute of a changing resource as "(write-only attribute)" whatever
 * the provider plans (its renderer, internal/command/jsonformat/differ/block.go), so there
 * the line stays; docs/resources/local_storage.md says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator';
import { EngineWorkspace, providerBlock, repoRoot, type EngineInfo } from './harness';

jest.setTimeout(120_000);

function terraformWithWriteOnly(): EngineInfo {
  const engines = JSON.parse(readFileSync(join(repoRoot, '.tools', 'engines.json'), 'utf8')) as Record<
    string,
    { path: string; version: string } | undefined
  >;
  if (!engines.extraTerraform)
    throw new Error('.tools/engines.json has no extraTerraform (Terraform 1.11+): run node scripts/setup-engines.mjs');
  return { name: 'terraform', ...engines.extraTerraform };
}

test('an update without pin_wo plans pin_wo null and Terraform 1.11+ shows no pin_wo line', async () => {
  const emulator = await startEmulator({ port: 0, quiet: true });
  const ws = new EngineWorkspace(terraformWithWriteOnly());
  try {
    const config = (region: string) =>
      `${providerBlock({ baseUrl: emulator.url })}resource "whatsapp_local_storage" "br" {\n  phone_number_id          = "106540352242922"\n  data_localization_region = "${region}"\n  pin                      = "123456"\n}\n`;
    ws.write('main.tf', config('BR'));
    await ws.expect(['init']);
    await ws.expect(['apply', '-auto-approve']);
    ws.write('main.tf', config('IN'));
    const plan = await ws.expect(['plan', '-out=update.tfplan']);
    // Terraform and OpenTofu pad names to the longest attribute of the resource (set_pin_before_deregister).
    expect(plan.stdout).toMatch(/data_localization_region +=\s"BR" -> "IN"/);
    expect(plan.stdout).not.toMatch(/pin_wo/);
    const shown = JSON.parse((await ws.expect(['show', '-json', 'update.tfplan'])).stdout) as {
      resource_changes: Array<{ change: { after: Record<string, unknown> } }>;
    };
    expect(shown.resource_changes[0].change.after.pin_wo).toBeNull();
  } finally {
    ws.dispose();
    await emulator.close();
  }
});
