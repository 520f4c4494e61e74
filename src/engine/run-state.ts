/**
 * What one convergence run knows while it works: the steps done, the last
 * read and when it was taken, and how it reports (events, redaction). The
 * run, the write steps and the recovery share it.
 */
import type { GraphApiClient } from '../cloud-api/client';
import type { RetryPolicy } from '../cloud-api/retry';
import { readNumber } from './observe';
import { projectWrites } from './state-projection';
import type { ApiVersion, ConvergeOptions, DesiredState, EngineEvent, ObservedState, PlanStep } from './types';
import { desiredTarget, type StorageTarget } from './storage-modes';
import { quotaOutcomeOf, type Wording } from './engine-errors';
import { ENGINE_INPUT_NAMES, type InputNames } from './engine-inputs';
import type { QuotaEntry, QuotaOperation } from './quota';

export interface ExecutorDeps {
  client: GraphApiClient;
  apiVersion: ApiVersion;
  /** Attempts per write, first included, for transient or unknown-outcome failures. */
  maxWriteAttempts: number;
  /** Backoff between write attempts. */
  retryPolicy: RetryPolicy;
  /** How the caller spells the engine's inputs in messages; default the engine's own field names. */
  names?: InputNames;
}

/** A run's wording (Wording): its secrets scrubbed, its caller's names. */
export class RunState implements Wording {
  readonly completed: PlanStep[] = [];
  last?: ObservedState;
  /** How many steps had completed when `last` was read (later steps are not reflected in it). */
  private lastReadAfter = 0;
  /** Steps started so far, plan and recovery steps alike. */
  stepsStarted = 0;
  /** Register and deregister calls sent by this run, in order (the number's quota ledger grows by these). */
  readonly quotaCalls: QuotaEntry[] = [];
  /** The flow in use: the configured version as Meta answers it (settled after the first read; see version-flow.ts). */
  version: ApiVersion;

  constructor(
    readonly deps: ExecutorDeps,
    readonly id: string,
    readonly desired: DesiredState,
    readonly options: ConvergeOptions,
  ) {
    this.target = desiredTarget(desired);
    this.version = deps.apiVersion;
    this.names = deps.names ?? ENGINE_INPUT_NAMES;
  }

  readonly names: InputNames;

  /** The declared storage, whichever form `desired` took. */
  readonly target: StorageTarget;

  redact = (text: string): string => this.deps.client.redact(text, this.options.pin, this.options.verificationCode);

  emit(event: EngineEvent): void {
    if (!this.options.onEvent) return;
    const safe = { ...event } as Record<string, unknown>;
    for (const key of ['message', 'reason'] as const) if (typeof safe[key] === 'string') safe[key] = this.redact(safe[key]);
    if (safe.step) safe.step = { ...(safe.step as PlanStep), reason: this.redact((safe.step as PlanStep).reason) };
    try {
      this.options.onEvent(safe as EngineEvent);
    } catch {
      // A listener's bug must not break a half-done convergence.
    }
  }

  /** Sends a register or deregister and records it, whatever the answer (one that never left counts as nothing). */
  async quotaCall<T>(op: QuotaOperation, send: () => Promise<T>): Promise<T> {
    const at = this.deps.client.serverNow();
    try {
      const answer = await send();
      this.quotaCalls.push({ op, at, outcome: 'ok' });
      return answer;
    } catch (e) {
      const outcome = quotaOutcomeOf(e, at);
      if (outcome) this.quotaCalls.push({ op, at, ...outcome });
      throw e;
    }
  }

  async observe(signal?: AbortSignal): Promise<ObservedState> {
    const { observed } = await readNumber(this.deps.client, this.id, signal);
    this.last = observed;
    this.lastReadAfter = this.completed.length;
    return observed;
  }

  async tryObserve(): Promise<ObservedState | undefined> {
    try {
      return await this.observe();
    } catch {
      return undefined;
    }
  }

  /** Nothing could be read: a stand-in the caller must not record as truth. */
  placeholder(): ObservedState {
    return {
      phoneNumberId: this.id,
      registered: false,
      platformType: 'UNKNOWN',
      codeVerificationStatus: 'UNKNOWN',
      storage: { status: 'UNKNOWN' },
    };
  }

  /**
   * Best guess when the final read failed: the last read with the writes that
   * completed after it applied on top, so a deregistered number is never
   * recorded as registered.
   */
  expectedState(): ObservedState {
    if (!this.last) return this.placeholder();
    return projectWrites(this.last, this.completed.slice(this.lastReadAfter));
  }
}
