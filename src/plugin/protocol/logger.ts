/**
 * Provider logging: one hclog-style JSON object per line on stderr, which the engines
 * (go-plugin client) parse and re-level into their own log.
 *
 *   import { log, registerSecret } from './protocol/logger';
 *   log.debug('planned change', { type: 'example_thing', replace: false });
 *   registerSecret(accessToken);        // at configure time: masked from then on
 *
 * Level: TF_LOG_PROVIDER, else TF_LOG (trace/debug/info/warn/error/off, any case; JSON
 * means trace; an unrecognised value means trace, like the engines). Unset: warn.
 * The logger writes what it is given; callers must not pass secrets. Registered secret
 * values are still masked everywhere (message and string fields) as a safety net.
 * stdout is never touched: after the handshake line it belongs to go-plugin.
 */
import { SecretMask } from '../../shared/secret-mask';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const ranks: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

/** Parses an engine log-level setting; undefined when unset/empty. */
export function parseLogLevel(value: string | undefined): LogLevel | 'off' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'json') return 'trace';
  if (v in ranks) return v as LogLevel | 'off';
  return 'trace';
}

function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel | 'off' {
  return parseLogLevel(env.TF_LOG_PROVIDER) ?? parseLogLevel(env.TF_LOG) ?? 'warn';
}

// Process-wide: a secret registered by any RPC stays masked in every later line.
const secrets = new SecretMask();

/**
 * Registers a secret value (token, PIN) so no later log line or diagnostic contains it.
 * Values shorter than MIN_SECRET_LENGTH are ignored: masking them would mangle ordinary text.
 */
export function registerSecret(value: string | undefined | null): void {
  secrets.add(value);
}

/** Masks every registered secret in a string. Exported for diagnostics built from errors. */
export function redact(text: string): string {
  return secrets.redact(text);
}

function sanitize(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value;
  }
  if (value instanceof Error) return redact(value.message);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (depth > 6) return '<nested>';
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = sanitize(v, depth + 1);
  return out;
}

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ rpc: 'ReadResource' }`). */
  with(fields: LogFields): Logger;
  /** True when `level` lines are written: skip building costly fields otherwise. */
  enabled(level: LogLevel): boolean;
}

type Sink = (line: string) => void;

export function createLogger(options: { level?: LogLevel | 'off'; sink?: Sink; fields?: LogFields } = {}): Logger {
  const threshold = ranks[options.level ?? levelFromEnv(process.env)];
  const sink: Sink = options.sink ?? ((line) => process.stderr.write(line));
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ranks[level] < threshold) return;
    const record: LogFields = {
      '@level': level,
      '@message': redact(String(message)),
      '@module': 'provider',
      '@timestamp': new Date().toISOString(),
    };
    const extra = fields ? { ...base, ...fields } : base;
    for (const [k, v] of Object.entries(extra)) {
      if (k.startsWith('@')) continue; // reserved by hclog
      record[k] = sanitize(v);
    }
    try {
      sink(JSON.stringify(record) + '\n');
    } catch {
      // A closed stderr must never take the provider down.
    }
  };
  return {
    trace: (m, f) => emit('trace', m, f),
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    with: (fields) => createLogger({ level: levelName(threshold), sink, fields: { ...base, ...fields } }),
    enabled: (level) => ranks[level] >= threshold,
  };
}

function levelName(rank: number): LogLevel | 'off' {
  return (Object.keys(ranks) as (LogLevel | 'off')[]).find((k) => ranks[k] === rank) ?? 'off';
}

/** The process-wide provider logger (level read from the environment at first use). */
let root: Logger | undefined;
export const log: Logger = {
  trace: (m, f) => getRoot().trace(m, f),
  debug: (m, f) => getRoot().debug(m, f),
  info: (m, f) => getRoot().info(m, f),
  warn: (m, f) => getRoot().warn(m, f),
  error: (m, f) => getRoot().error(m, f),
  with: (f) => getRoot().with(f),
  enabled: (l) => getRoot().enabled(l),
};
function getRoot(): Logger {
  return (root ??= createLogger());
}
