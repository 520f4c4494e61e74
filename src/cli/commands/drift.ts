import { Command } from 'commander';
import { runDrift } from '../drift/run-drift';

interface DriftFlags {
  dir: string;
  out?: string;
  engine?: string;
  init: boolean;
  jsonReport?: string;
  markdownReport?: string;
  junitReport?: string;
}

export function driftCommand(): Command {
  return new Command('drift')
    .description(
      'Compare each phone number with the code and with the last apply (a saved plan). ' +
        'Writes drift-report.json, drift-report.md and drift-report.xml (JUnit). ' +
        'Exits 0 in sync, 2 on any difference, 1 when the check could not run.',
    )
    .option('--dir <dir>', 'Terraform/OpenTofu configuration directory (for CDKTF: cdktf.out/stacks/<stack>)', '.')
    .option('--out <dir>', 'where the reports go (default: the --dir)')
    .option(
      '--engine <engine>',
      'engine to run: tofu, terraform or a path (default: WHATSAPP_LS_ENGINE, then tofu, then terraform on PATH)',
    )
    .option('--init', 'run `init` first (fresh pipeline checkouts)', false)
    .option('--json-report <file>', 'write the JSON report here instead of <out>/drift-report.json')
    .option('--markdown-report <file>', 'write the Markdown report here instead of <out>/drift-report.md')
    .option('--junit-report <file>', 'write the JUnit XML report here instead of <out>/drift-report.xml')
    .action(async (opts: DriftFlags) => {
      const reportFiles = {
        ...(opts.jsonReport ? { json: opts.jsonReport } : {}),
        ...(opts.markdownReport ? { markdown: opts.markdownReport } : {}),
        ...(opts.junitReport ? { junit: opts.junitReport } : {}),
      };
      const outcome = await runDrift({
        dir: opts.dir,
        ...(opts.out !== undefined ? { outDir: opts.out } : {}),
        ...(opts.engine !== undefined ? { engine: opts.engine } : {}),
        ...(Object.keys(reportFiles).length ? { reportFiles } : {}),
        init: opts.init,
        out: (text) => process.stdout.write(`${text}\n`),
        err: (text) => process.stderr.write(`${text}\n`),
      });
      process.exitCode = outcome.exitCode;
    });
}
