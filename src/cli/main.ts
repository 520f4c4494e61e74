/**
 * `whatsapp-local-storage` command line. Each command lives in commands/<name>.ts
 * and exports a factory returning a commander Command; add new ones to COMMANDS.
 */
import { Command } from 'commander';
import { cliConfigCommand } from './commands/cli-config';
import { driftCommand } from './commands/drift';
import { emulatorCommand } from './commands/emulator';

const COMMANDS: Array<() => Command> = [emulatorCommand, driftCommand, cliConfigCommand];

export function buildProgram(): Command {
  const program = new Command('whatsapp-local-storage')
    .description('WhatsApp Cloud API Local Storage as code: emulator and operational commands')
    .showHelpAfterError();
  for (const make of COMMANDS) program.addCommand(make());
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((e: Error) => {
      process.stderr.write(`whatsapp-local-storage: ${e.message}\n`);
      process.exit(1);
    });
}
