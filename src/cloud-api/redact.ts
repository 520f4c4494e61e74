/**
 * Secret scrubbing for anything that leaves the client or the engine
 * (error messages, events, logs). Two layers: exact known secrets (the token,
 * PINs and verification codes the caller handed us) and shapes that look like
 * secrets whatever their value (Bearer headers, access_token parameters, "pin" fields).
 */

export const REDACTED = '[REDACTED]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(Bearer\s+)[^\s"',}]+/gi, `$1${REDACTED}`],
  [/(access_token=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/("?(?:pin|access_token|password|verification_code)"?\s*[:=]\s*"?)[^"',}\s&]+/gi, `$1${REDACTED}`],
];

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a secret; very short values (< 4 chars) would mangle ordinary text, so they rely on the patterns. */
  add(secret: string | undefined): void {
    if (typeof secret === 'string' && secret.length >= 4) this.secrets.add(secret);
  }

  /** A copy that also knows `extra`; the original is left alone (per-call PINs do not leak into shared state). */
  with(...extra: Array<string | undefined>): Redactor {
    const r = new Redactor(this.secrets);
    for (const s of extra) r.add(s);
    return r;
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a secret containing another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }

  redactOptional(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.redact(text);
  }
}
