/**
 * The one way secrets are masked. Everything that scrubs text before it leaves the
 * process (client errors, engine events and errors, provider logs and diagnostics,
 * CLI output) replaces a secret with SECRET_MASK through a SecretMask. Knows no
 * particular API: callers add the values they hold and, optionally, shapes that
 * mark a secret whatever its value.
 */

export const SECRET_MASK = '***';

/** Shorter values would mangle ordinary text (a "123" in a message); such secrets rely on shapes. */
export const MIN_SECRET_LENGTH = 4;

/**
 * A pattern that marks a secret whatever its value (a Bearer header, a `pin` field).
 * Group 1 is kept; the rest of the match is replaced by the mask. Needs the `g` flag.
 */
export type SecretShape = RegExp;

export class SecretMask {
  private readonly secrets = new Set<string>();
  /** Longest first, so a secret containing another is masked whole; rebuilt after each add. */
  private ordered: string[] | undefined = [];

  constructor(
    secrets: Iterable<string | null | undefined> = [],
    private readonly shapes: readonly SecretShape[] = [],
  ) {
    for (const s of secrets) this.add(s);
  }

  add(secret: string | null | undefined): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.ordered = undefined;
  }

  /** A copy that also knows `extra`; this mask is left alone (per-call PINs stay out of shared state). */
  with(...extra: Array<string | null | undefined>): SecretMask {
    return new SecretMask([...this.secrets, ...extra], this.shapes);
  }

  redact(text: string): string {
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.ordered) if (out.includes(s)) out = out.split(s).join(SECRET_MASK);
    for (const shape of this.shapes) out = out.replace(shape, `$1${SECRET_MASK}`);
    return out;
  }

  redactOptional(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.redact(text);
  }
}
