/**
 * whatsapp_local_storage's private state: the number's quota ledger (src/engine/quota.ts),
 * as JSON bytes the engine stores with the resource (the state file's `private`, base64).
 * It travels with the state through `state pull`/`push` and schema upgrades, and is never
 * shown in plans. Unreadable bytes decode as an empty ledger, never as an error: the
 * ledger is a safety net, and Meta still refuses what it must.
 */
import { pruneLedger, QUOTA_OPERATIONS, type QuotaEntry, type QuotaOperation, type QuotaOutcome } from '../../engine/quota';

const OUTCOMES: readonly QuotaOutcome[] = ['ok', 'refused', 'unknown', 'blocked'];

interface StoredEntry {
  op: QuotaOperation;
  at: string;
  outcome: QuotaOutcome;
  until?: string;
}

export function decodeLedger(bytes: Uint8Array | undefined): QuotaEntry[] {
  if (!bytes || bytes.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return [];
  }
  const stored = (parsed as { quota_calls?: unknown } | null)?.quota_calls;
  if (!Array.isArray(stored)) return [];
  const entries: QuotaEntry[] = [];
  for (const raw of stored as Partial<StoredEntry>[]) {
    const at = typeof raw?.at === 'string' ? Date.parse(raw.at) : Number.NaN;
    if (!QUOTA_OPERATIONS.includes(raw?.op as QuotaOperation) || !OUTCOMES.includes(raw?.outcome as QuotaOutcome) || !Number.isFinite(at))
      continue;
    const until = typeof raw.until === 'string' ? Date.parse(raw.until) : Number.NaN;
    entries.push({ op: raw.op as QuotaOperation, at, outcome: raw.outcome as QuotaOutcome, ...(Number.isFinite(until) ? { until } : {}) });
  }
  return entries;
}

/** The ledger as private bytes, keeping only what is still inside the window at `now`. */
export function encodeLedger(entries: readonly QuotaEntry[], now: number): Uint8Array {
  const quota_calls: StoredEntry[] = pruneLedger(entries, now).map((e) => ({
    op: e.op,
    at: new Date(e.at).toISOString(),
    outcome: e.outcome,
    ...(e.until !== undefined ? { until: new Date(e.until).toISOString() } : {}),
  }));
  return Buffer.from(JSON.stringify({ quota_calls }), 'utf8');
}
