/**
 * The JS form of the provider (filesystem mirror from `cli-config`) run where Node.js is
 * missing or too old: the engine's error carries a sentence that says so, not just
 * "Failed to read any lines from plugin's stdout".
 */
import { EngineWorkspace, REQUIRED_PROVIDERS_HCL, requiredEngines } from '../e2e/harness';
import { PATH_WITHOUT_NODE, cachedNode, pathWithNode } from './helpers';

jest.setTimeout(240_000);

const CONFIG = `${REQUIRED_PROVIDERS_HCL}\nprovider "whatsapp" {\n  base_url = "http://127.0.0.1:9"\n}\ndata "whatsapp_local_storage_regions" "all" {}\n`;

describe.each(requiredEngines())('JS provider under $name $version', (engine) => {
  test('no node on PATH: plan fails naming Node.js 20 and the standalone executable', async () => {
    const ws = new EngineWorkspace(engine);
    try {
      ws.write('main.tf', CONFIG);
      await ws.expect(['init']);
      const plan = await ws.expect(['plan'], 1, { PATH: PATH_WITHOUT_NODE });
      const said = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
      expect(said).toContain("terraform-provider-whatsapp needs Node.js 20 or newer on PATH, and there is no 'node' command");
      expect(said).toContain('standalone provider executable');
    } finally {
      ws.dispose();
    }
  });

  test('Node.js 18 on PATH: plan fails naming the version found and the one needed', async () => {
    const ws = new EngineWorkspace(engine);
    try {
      ws.write('main.tf', CONFIG);
      await ws.expect(['init']);
      const plan = await ws.expect(['plan'], 1, { PATH: pathWithNode(cachedNode('linux_amd64', '18.20.8')) });
      const said = (plan.stdout + plan.stderr).replace(/\s+/g, ' ');
      expect(said).toContain('terraform-provider-whatsapp needs Node.js 20 or newer, and this is Node.js 18.20.8');
    } finally {
      ws.dispose();
    }
  });
});
