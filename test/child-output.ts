/**
 * Runs a command without blocking this process (tests that spawn engines and CLIs also serve
 * the emulator from it) and collects its exit code and output.
 */
import { spawn, type SpawnOptions } from 'node:child_process';

export interface ChildOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, as a CI log shows them. */
  log: string;
}

export function childOutput(command: string, args: string[], options: SpawnOptions): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    let log = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
      log += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
      log += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, log }));
  });
}

/**
 * This process's environment without what changes how a child reaches the network: proxy
 * settings (also npm's), extra CA bundles, certificate-check switches and Bun's own options.
 * For children whose network settings a test gives explicitly.
 */
export function envWithoutNetworkSettings(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(https?|all|no)_proxy$|^npm_config_|^NODE_EXTRA_CA_CERTS$|^NODE_TLS_REJECT_UNAUTHORIZED$|^BUN_/i.test(k),
    ),
  );
}
