/**
 * `whatsapp-local-storage emulator`: runs the Cloud API emulator until SIGINT/SIGTERM.
 * Prints the base URL on one line once it accepts connections.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startEmulator } from '../../emulator';

function nonNegativeInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max) throw new InvalidArgumentError(`${name} must be a whole number from 0 to ${max}.`);
    return n;
  };
}

export function emulatorCommand(): Command {
  return new Command('emulator')
    .description(
      'Run the WhatsApp Cloud API emulator (Graph endpoints for phone numbers, settings and registration; admin API under /__emulator/)',
    )
    .option('--port <port>', 'port to listen on; 0 picks a free one (the printed URL says which)', nonNegativeInt('--port', 65535), 8787)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--seed <file>', 'seed JSON file (format in docs/emulator.md); default: the built-in demo seed')
    .option('--state-file <file>', 'persist state here and reload it on the next start')
    .option('--latency-ms <ms>', 'milliseconds added to every Graph request', nonNegativeInt('--latency-ms', 600_000), 0)
    .action(async (opts: { port: number; host: string; seed?: string; stateFile?: string; latencyMs: number }) => {
      let emulator;
      try {
        emulator = await startEmulator({
          port: opts.port,
          host: opts.host,
          seed: opts.seed,
          stateFile: opts.stateFile,
          latencyMs: opts.latencyMs,
        });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const why =
          err.code === 'EADDRINUSE'
            ? `port ${opts.port} on ${opts.host} is already in use: pick another --port (0 picks a free one)`
            : err.message;
        process.stderr.write(`emulator: ${why}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${emulator.url}\n`);
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        emulator
          .close()
          .then(() => process.exit(0))
          .catch((e: Error) => {
            process.stderr.write(`emulator: failed to stop cleanly after ${signal}: ${e.message}\n`);
            process.exit(1);
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
