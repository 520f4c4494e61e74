/**
 * What whatsapp_local_storage says and enforces for applies nobody watches: the quota
 * attributes, the plan's quota line or error, and the rollout line. Kept apart from the
 * plan's other warnings: each adds one line to the downtime warning.
 */
import {
  decideQuota,
  quotaNote,
  quotaRefusal,
  quotaStatus,
  quotaTime,
  quotaUses,
  type QuotaEntry,
  type QuotaNote,
  type QuotaStatus,
} from '../../engine/quota';
import type { PlanStep } from '../../engine/types';
import { errorDiag, type Diagnostic } from '../../plugin/diagnostics';
import type { LocalStorageView } from '../schema/local-storage-resource';
import { isUnknown, UNKNOWN } from '../../plugin/values/value';

export const QUOTA_ATTRIBUTES = ['register_calls_72h', 'deregister_calls_72h', 'quota_available_at'] as const;

/** The computed quota attributes for `status`. */
export function quotaAttributes(status: QuotaStatus): Record<(typeof QUOTA_ATTRIBUTES)[number], number | string | null> {
  return {
    register_calls_72h: status.register.spent,
    deregister_calls_72h: status.deregister.spent,
    quota_available_at: status.nextFreeAt !== undefined ? quotaTime(status.nextFreeAt) : null,
  };
}

/** `state` with the quota attributes of `ledger` at `now`. */
export function withQuota(state: LocalStorageView, ledger: readonly QuotaEntry[], now: number): LocalStorageView {
  return state.with(quotaAttributes(quotaStatus(ledger, now)));
}

/**
 * Planned values. A change that sends quota calls: the counts are known after apply, and
 * quota_available_at keeps the prior value when there is one (the oldest call in the window stays
 * the oldest: the new calls come after it); it is unknown when the window was empty (the first
 * call's time is the apply's). Nothing here reads a clock, so the plan an engine makes again at
 * apply gives the same values. Steps not known: all unknown. No quota call: what the ledger says
 * now (an idle number keeps its state).
 */
export function plannedQuota(
  planned: LocalStorageView,
  prior: LocalStorageView | undefined,
  ledger: readonly QuotaEntry[],
  steps: readonly PlanStep[] | undefined,
  now: number,
): LocalStorageView {
  if (steps === undefined) return planned.with(Object.fromEntries(QUOTA_ATTRIBUTES.map((n) => [n, UNKNOWN])));
  const uses = quotaUses(steps);
  if (uses.register + uses.deregister > 0) {
    const since = prior === undefined || prior.isNullObject ? null : prior.get('quota_available_at');
    return planned.with({
      register_calls_72h: UNKNOWN,
      deregister_calls_72h: UNKNOWN,
      quota_available_at: typeof since === 'string' ? since : UNKNOWN,
    });
  }
  if (QUOTA_ATTRIBUTES.every((n) => !isUnknown(planned.get(n)))) return planned;
  return withQuota(planned, ledger, now);
}

/** The plan's quota verdict for a change: an error before any write when it does not fit, else one line for the warning. */
/** Calls a number makes from its deregister to its register (deregister, settings write, register). */
const OFFLINE_CALLS = 3;

export function quotaPlan(
  id: string,
  ledger: readonly QuotaEntry[],
  steps: readonly PlanStep[],
  now: number,
): { error?: Diagnostic; note?: QuotaNote } {
  const decision = decideQuota(ledger, steps, now);
  if (decision.exceeded.length > 0) {
    const op = decision.exceeded.join(' and ');
    return {
      error: errorDiag(`Meta's ${op} quota does not allow this change to phone number ${id} now`, quotaRefusal(id, decision), [
        'phone_number_id',
      ]),
    };
  }
  if (decision.uses.register + decision.uses.deregister === 0) return {};
  return { note: quotaNote(decision) };
}

/** The rollout and quota of one number's change, as the plan warning's note carries them (src/engine/downtime.ts). */
export interface UnattendedNote {
  offlineFor?: string;
  order?: string;
  quota?: QuotaNote;
}

/** How the change is rolled out, with the time offline per number at the latency measured while planning. */
export function rolloutNote(maxOffline: number, meanLatencyMs: number | undefined): UnattendedNote {
  const order = maxOffline === 1 ? 'one number at a time' : `${maxOffline} numbers at a time`;
  if (meanLatencyMs === undefined) return { order };
  const each = (OFFLINE_CALLS * meanLatencyMs) / 1000;
  return { order, offlineFor: each < 0.1 ? 'under 0.1 s' : `~${seconds(each)}` };
}

function seconds(s: number): string {
  return s >= 10 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`;
}
