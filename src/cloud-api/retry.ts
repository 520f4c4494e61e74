/**
 * Retry timing: exponential backoff with full jitter, plus the waits Meta asks
 * for (Retry-After, X-Business-Use-Case-Usage). Pure helpers; the client owns the loop.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 = no retries). */
  maxRetries: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest wait we accept when Meta asks for one; beyond it the call fails with a clear error. */
  maxRateLimitWaitMs: number;
  /** Injected for deterministic tests; defaults to Math.random. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRateLimitWaitMs: 120_000,
};

/** Full jitter (AWS architecture blog's variant): spreads retries of many clients evenly. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
  const random = policy.random ?? Math.random;
  return Math.floor(random() * ceiling);
}

/** Retry-After: delta-seconds or an HTTP date. Returns milliseconds, or undefined when absent/invalid. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * X-Business-Use-Case-Usage: `{"<business id>": [{"type": ..., "call_count": ..,
 * "estimated_time_to_regain_access": <minutes>}]}`. Returns the longest wait in
 * milliseconds, 0 when usage is reported but no wait is needed, undefined when absent or unreadable.
 */
export function parseBusinessUseCaseWait(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  let longest: number | undefined;
  for (const entries of Object.values(parsed as Record<string, unknown>)) {
    const list = Array.isArray(entries) ? entries : [entries];
    for (const entry of list) {
      if (!entry || typeof entry !== 'object') continue;
      const minutes = Number((entry as Record<string, unknown>).estimated_time_to_regain_access);
      if (Number.isFinite(minutes) && minutes >= 0) longest = Math.max(longest ?? 0, minutes * 60_000);
    }
  }
  return longest;
}

/** Sleeps, waking early with an error when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
