/**
 * Meta's register/deregister quota: at most 10 register and 10 deregister calls per
 * number in a moving 72-hour window; past it Meta answers its quota error and the operation is
 * blocked. The ledger is what this provider knows: every register and deregister it
 * sent (an unknown outcome counts as spent, and so does a refused call, since Meta
 * counts requests) and every quota error it received (calls made elsewhere filled the window).
 *
 * Pure (the caller passes `now`), so the plan and the executor apply the same rule.
 */
import type { PlanStep } from './types';
import { QUOTA_EXCEEDED } from './engine-errors';

export const QUOTA_LIMIT = 10;
export const QUOTA_WINDOW_HOURS = 72;
export const QUOTA_WINDOW_MS = QUOTA_WINDOW_HOURS * 3_600_000;

export type QuotaOperation = 'register' | 'deregister';
export const QUOTA_OPERATIONS: readonly QuotaOperation[] = ['register', 'deregister'];

/**
 * ok: Meta confirmed it; refused: Meta answered an error; unknown: no answer (it may have landed);
 * blocked: Meta answered its quota error at `at`, so its window held 10 calls then (made anywhere).
 */
export type QuotaOutcome = 'ok' | 'refused' | 'unknown' | 'blocked';

export interface QuotaEntry {
  op: QuotaOperation;
  /** Epoch ms on Meta's clock (the Date of its answers). */
  at: number;
  outcome: QuotaOutcome;
  /** For `blocked`: when the operation is possible again (Meta's own time when it gave one, else `at` + 72 h). */
  until?: number;
}

export interface QuotaCount {
  /** Calls counted in the window now (10 while a block by Meta's quota error lasts). */
  spent: number;
  left: number;
  /** When the next call of this operation frees up; undefined when none is counted. */
  freesAt?: number;
}

export interface QuotaStatus {
  register: QuotaCount;
  deregister: QuotaCount;
  /** The earliest `freesAt` of the two. */
  nextFreeAt?: number;
}

export interface QuotaDecision extends QuotaStatus {
  /** Calls the steps send. */
  uses: Record<QuotaOperation, number>;
  /** Operations whose count the steps would take past the limit. */
  exceeded: QuotaOperation[];
  /** When every exceeded operation has room for the steps again (Infinity: more calls than the limit). */
  possibleAt?: number;
}

/** When a block by Meta's quota error ends: the time Meta named, else a whole window after it answered. */
export const blockedUntil = (e: QuotaEntry): number => e.until ?? e.at + QUOTA_WINDOW_MS;

const inWindow = (e: QuotaEntry, now: number) => (e.outcome === 'blocked' ? blockedUntil(e) > now : e.at > now - QUOTA_WINDOW_MS);

/** The entries that still matter at `now` (the rest have left the window), oldest first. */
export function pruneLedger(entries: readonly QuotaEntry[], now: number): QuotaEntry[] {
  return entries.filter((e) => inWindow(e, now)).sort((a, b) => a.at - b.at);
}

function countOf(
  entries: readonly QuotaEntry[],
  op: QuotaOperation,
  now: number,
): QuotaCount & { expiries: number[]; blockedUntil?: number } {
  const live = entries.filter((e) => e.op === op && inWindow(e, now));
  const expiries = live
    .filter((e) => e.outcome !== 'blocked')
    .map((e) => e.at + QUOTA_WINDOW_MS)
    .sort((a, b) => a - b);
  const blocks = live.filter((e) => e.outcome === 'blocked').map(blockedUntil);
  const blockEnd = blocks.length > 0 ? Math.max(...blocks) : undefined;
  const spent = blockEnd !== undefined ? QUOTA_LIMIT : Math.min(expiries.length, QUOTA_LIMIT);
  const freesAt = blockEnd ?? expiries[0];
  return {
    spent,
    left: QUOTA_LIMIT - spent,
    expiries,
    ...(freesAt !== undefined ? { freesAt } : {}),
    ...(blockEnd !== undefined ? { blockedUntil: blockEnd } : {}),
  };
}

export function quotaStatus(entries: readonly QuotaEntry[], now: number): QuotaStatus {
  const strip = ({ spent, left, freesAt }: QuotaCount): QuotaCount => ({ spent, left, ...(freesAt !== undefined ? { freesAt } : {}) });
  const register = strip(countOf(entries, 'register', now));
  const deregister = strip(countOf(entries, 'deregister', now));
  const frees = [register.freesAt, deregister.freesAt].filter((t): t is number => t !== undefined);
  return { register, deregister, ...(frees.length > 0 ? { nextFreeAt: Math.min(...frees) } : {}) };
}

/** Calls of each operation that `steps` send. */
export function quotaUses(steps: readonly PlanStep[]): Record<QuotaOperation, number> {
  return {
    register: steps.filter((s) => s.kind === 'register').length,
    deregister: steps.filter((s) => s.kind === 'deregister').length,
  };
}

/**
 * Whether `steps` fit in the quota at `now`. All or nothing: when the register after a
 * deregister cannot be sent, the deregister is not allowed either.
 */
export function decideQuota(entries: readonly QuotaEntry[], steps: readonly PlanStep[], now: number): QuotaDecision {
  const uses = quotaUses(steps);
  const status = quotaStatus(entries, now);
  const exceeded: QuotaOperation[] = [];
  let possibleAt: number | undefined;
  // Without a deregister the number is already offline: a register can only bring it back, and Meta
  // refuses one past its quota without harm, so only a change that takes a live number offline is held.
  const takesOffline = uses.deregister > 0;
  for (const op of QUOTA_OPERATIONS) {
    if (!takesOffline || uses[op] === 0 || status[op].spent + uses[op] <= QUOTA_LIMIT) continue;
    exceeded.push(op);
    const when = whenRoomFor(countOf(entries, op, now), uses[op], now);
    possibleAt = Math.max(possibleAt ?? when, when);
  }
  return { ...status, uses, exceeded, ...(possibleAt !== undefined ? { possibleAt } : {}) };
}

/** The first time `uses` more calls fit: enough counted calls have aged out and any block by Meta's quota error has ended. */
function whenRoomFor(count: { expiries: number[]; blockedUntil?: number }, uses: number, now: number): number {
  if (uses > QUOTA_LIMIT) return Number.POSITIVE_INFINITY;
  const mustAge = count.expiries.length + uses - QUOTA_LIMIT;
  const aged = mustAge > 0 ? count.expiries[mustAge - 1] : now;
  return Math.max(aged, count.blockedUntil ?? now);
}

/** A time as ISO 8601 in UTC to the second, e.g. 2026-12-08T09:41:07Z. */
export function quotaTime(ms: number): string {
  return Number.isFinite(ms)
    ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
    : 'never (the change needs more calls than Meta allows in 72 hours)';
}

/** `ms` rounded up to the minute, "2026-12-04 00:01 UTC": short enough for a plan note, never earlier than the real time. */
function minuteTime(ms: number): string {
  const up = Math.ceil(ms / 60_000) * 60_000;
  return `${new Date(up).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** What a change costs of the quota, in two parts: the calls it uses, and what stays in the window and when the oldest call leaves it. */
export interface QuotaNote {
  uses: string;
  left: string;
}

export function quotaNote(d: QuotaDecision): QuotaNote {
  const after = (op: QuotaOperation) => d[op].spent + d.uses[op];
  const frees = d.nextFreeAt !== undefined ? `, oldest out ${minuteTime(d.nextFreeAt)}` : '';
  return {
    uses: `${d.uses.deregister} deregister + ${d.uses.register} register`,
    left: `${Math.max(0, QUOTA_LIMIT - after('deregister'))} + ${Math.max(0, QUOTA_LIMIT - after('register'))} of ${QUOTA_LIMIT} left in ${QUOTA_WINDOW_HOURS} h${frees}`,
  };
}

/** One line for a plan: what the change uses, what stays in the window, when the oldest call leaves it. */
export function quotaLine(d: QuotaDecision): string {
  const { uses, left } = quotaNote(d);
  return `Quota: ${uses}; ${left}`;
}

/** Why `d` refuses the change, naming the number, the counts and when it becomes possible. */
export function quotaRefusal(id: string, d: QuotaDecision): string {
  const parts = d.exceeded.map(
    (op) => `${d.uses[op]} ${op} (${d[op].spent} of ${QUOTA_LIMIT} counted in the last ${QUOTA_WINDOW_HOURS} h)`,
  );
  const when = d.possibleAt !== undefined ? quotaTime(d.possibleAt) : 'unknown';
  return (
    `Changing number ${id} needs ${parts.join(' and ')}, more than Meta allows per number in a moving ${QUOTA_WINDOW_HOURS}-hour window ` +
    `(calls that got no answer count as spent; Meta's quota error ${QUOTA_EXCEEDED} counts as a full window). The change is possible again at ${when}. ` +
    'Nothing was sent: the number stays registered as it is. Apply again after that time; an earlier apply stops the same way.'
  );
}
