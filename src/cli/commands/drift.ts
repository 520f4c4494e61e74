import { Command } from 'commander';
import { runDrift } from '../drift/run-drift';

export function driftCommand(): Command {
  return new Command('drift')
    .description('Check declared Local Storage against the live numbers (refresh-only plan). Exits 0 in sync, 2 on drift, 1 on error.')
    .option('--dir <dir>', 'Terraform/OpenTofu configuration directory', '.')
    .option('--engine <engine>', 'engine to run: tofu, terraform or a path (default: WHATSAPP_LS_ENGINE, then tofu, then terraform on PATH)')
    .option('--json-report <file>', 'where to write the JSON report', 'drift-report.json')
    .option('--markdown-report <file>', 'where to write the Markdown report (pipeline summary / PR comment)', 'drift-report.md')
    .option('--init', 'run `init` first (fresh pipeline checkouts)', false)
    .action(async (opts: { dir: string; engine?: string; jsonReport: string; markdownReport: string; init: boolean }) => {
      const outcome = await runDrift({ ...opts, out: (text) => process.stdout.write(`${text}\n`) });
      if (outcome.error) process.stderr.write(`drift check failed: ${outcome.error}\n`);
      process.exitCode = outcome.exitCode;
    });
}
