/**
 * The executor: observe -> plan -> preflight -> writes back to back -> read-back.
 *
 * - Everything checkable is checked before the first write (token and number by
 *   the initial read, platform by the planner, region, PIN, verification code),
 *   so predictable failures never take a number offline.
 * - Each write reads the number before deciding about a failure (write-step.ts).
 * - A failure after a deregister triggers recovery (recovery.ts).
 * - Once the number is offline, cancellation is ignored until it is back: stopping
 *   half-way would leave it offline.
 * - A re-run after any failure re-reads and re-plans, so completed work is not repeated.
 */
import { engineError, refusedAsDeprecated, toEngineError, type EngineError } from './engine-errors';
import { planConvergence, stepLabel } from './planner';
import { recover } from './recovery';
import { RunState, type ExecutorDeps } from './run-state';
import { describeReadSince } from './state-projection';
import { describeStorage } from './storage-state';
import type { ConvergeOptions, ConvergencePlan, ConvergeResult, DesiredState, ObservedState, PlanStep } from './types';
import { validatePhoneNumberId, validatePin, validateVerificationCode } from './validation';
import { explainTarget } from './storage-modes';
import { flowVersion, settingsFlow } from './version-flow';
import { FLOW_NAMES } from '../cloud-api/api-version';
import { runWriteStep } from './write-step';
import { blockedUntil, decideQuota, quotaRefusal, quotaTime } from './quota';

export type { ExecutorDeps };

export async function executeConvergence(
  deps: ExecutorDeps,
  phoneNumberId: string,
  desired: DesiredState,
  options: ConvergeOptions = {},
): Promise<ConvergeResult> {
  if (!desired || typeof desired !== 'object' || !('region' in desired || 'storage' in desired)) {
    throw new TypeError('converge(): desired must be { storage: { mode, ... } } or { region: <code> | null }');
  }
  const run = new ConvergenceRun(deps, phoneNumberId, desired, options);
  return run.run().finally(() => run.leaveOffline());
}

class ConvergenceRun {
  private readonly state: RunState;
  /** Set while this number holds a place in the offline gate. */
  private releaseOffline?: () => void;

  constructor(deps: ExecutorDeps, id: string, desired: DesiredState, options: ConvergeOptions) {
    this.state = new RunState(deps, id, desired, options);
  }

  private get id(): string {
    return this.state.id;
  }

  leaveOffline(): void {
    this.releaseOffline?.();
    this.releaseOffline = undefined;
  }

  async run(): Promise<ConvergeResult> {
    const result = await this.converge();
    const calls = this.state.quotaCalls;
    if (calls.length > 0) result.quotaCalls = [...calls];
    const block = calls.filter((c) => c.outcome === 'blocked').at(-1);
    if (!result.ok && result.error?.kind === 'quota' && block) {
      result.error = { ...result.error, message: `${result.error.message} Possible again at ${quotaTime(blockedUntil(block))}.` };
    }
    return result;
  }

  private async converge(): Promise<ConvergeResult> {
    const idProblem = validatePhoneNumberId(this.id, this.state.names);
    if (idProblem) return this.failUnread(engineError('invalid_input', idProblem, { field: 'phoneNumberId' }));

    // 1. Read (also proves the token works and the number exists and is accessible).
    let initial: ObservedState;
    try {
      initial = await this.state.observe(this.state.options.signal);
    } catch (e) {
      return this.failUnread(toEngineError(e, this.state, `Reading number ${this.id} failed; nothing was changed`));
    }

    // 2. Plan, in the flow of the version that answered the read.
    this.state.version = flowVersion(this.state.deps.client, this.state.deps.apiVersion);
    if (this.state.version.answeredAs) {
      const flow = FLOW_NAMES[this.state.version.flow];
      const { raw, answeredAs } = this.state.version;
      this.state.emit({ type: 'info', message: `Graph API ${raw} is answered as ${answeredAs} now (it has stopped): using the ${flow}.` });
    }
    const plan = planConvergence(initial, this.state.desired, this.state.version, this.state.names);
    this.state.emit({ type: 'info', message: plan.explanation });
    if (plan.impossible) return this.fail(initial, plan, engineError('unsupported', plan.impossible));
    if (plan.steps.length === 0) return { ok: true, observed: initial, completed: [], plan };

    // 3. Preflight: predictable failures stop here, with the number untouched.
    const problem = this.preflight(plan);
    if (problem) return this.fail(initial, plan, problem);
    // Meta's quota, by the ledger the caller keeps: both counts must have room before the first write.
    const quota = decideQuota(this.state.options.quotaLedger ?? [], plan.steps, this.state.deps.client.serverNow());
    if (quota.exceeded.length > 0) return this.fail(initial, plan, engineError('quota', quotaRefusal(this.id, quota)));

    // 4. Legacy verification: without a code, request one and stop before anything disruptive.
    let steps = plan.steps;
    if (plan.requirement) {
      if (!this.state.options.verificationCode) {
        const request = steps.find((s) => s.kind === 'request_code')!;
        const sent = await runWriteStep(this.state, request, plan.steps.indexOf(request));
        if (!sent.ok) {
          const context = `Requesting a verification code for number ${this.id} failed; nothing else was changed`;
          return this.fail(this.state.last ?? initial, plan, toEngineError(sent.error, this.state, context));
        }
        const to = initial.displayPhoneNumber ? ` to ${initial.displayPhoneNumber}` : '';
        return {
          ...this.fail(
            initial,
            plan,
            engineError(
              'verification',
              this.state.redact(
                `A verification code was sent by SMS${to}. ` +
                  `Number ${this.id} has code_verification_status ${String(initial.codeVerificationStatus)} ` +
                  `and must be verified before it can register on ${this.state.version.raw}. ` +
                  `Set ${this.state.names.verificationCode} to the code received and apply again; nothing else was changed ` +
                  `(the number is ${initial.registered ? 'still registered' : 'not registered'}, ${describeStorage(initial.storage)}).`,
              ),
            ),
          ),
          requirement: plan.requirement,
        };
      }
      // A code in hand means it was requested by an earlier run: do not send a new one (it would replace it).
      steps = steps.filter((s) => s.kind !== 'request_code');
    }
    if (this.state.options.signal?.aborted) {
      return this.fail(
        initial,
        plan,
        engineError('cancelled', 'Cancelled before any change; the number is as it was.', { retryable: true }),
      );
    }

    // 5. Writes, back to back.
    let deregistered = false;
    const queue = [...steps];
    while (queue.length > 0) {
      const step = queue.shift()!;
      if (step.kind === 'deregister' && !deregistered) {
        const refused = await this.enterOffline();
        if (refused) return this.fail(this.state.last ?? initial, plan, refused);
      }
      const outcome = await runWriteStep(this.state, step, plan.steps.indexOf(step));
      if (outcome.ok) {
        if (step.kind === 'deregister') deregistered = true;
        if (step.kind === 'register') this.leaveOffline();
        continue;
      }
      const rest = await this.afterDeprecatedRegister(step, outcome.error);
      if (rest) {
        queue.unshift(...rest);
        continue;
      }
      if (deregistered && initial.registered) return recover(this.state, initial, plan, step, outcome.error);
      const offline = initial.registered ? 'the number was not taken offline' : 'the number was not registered before either';
      const error = toEngineError(outcome.error, this.state, `${stepLabel(step)} failed on number ${this.id} (${offline})`);
      const now = describeReadSince(initial, this.state.last, this.state.completed);
      return this.fail(this.state.last ?? initial, plan, { ...error, message: error.message + now });
    }

    // 6. Read-back: prove convergence.
    return this.readBack(plan);
  }

  /**
   * The legacy register was refused as deprecated (the version has stopped and Meta answers it
   * as v21.0+): the steps that finish with the Settings API flow now, rather than leave the
   * number offline; undefined when that does not apply. From here on the run, recovery included,
   * speaks the Settings API flow, so the refused call is never sent again.
   */
  private async afterDeprecatedRegister(step: PlanStep, error: unknown): Promise<PlanStep[] | undefined> {
    if (step.kind !== 'register' || this.state.version.flow !== 'register' || !refusedAsDeprecated(error)) return undefined;
    const now = await this.state.tryObserve();
    if (!now || now.registered) return undefined;
    this.state.version = settingsFlow(this.state.version);
    const rest = planConvergence(now, this.state.desired, this.state.version, this.state.names).steps.filter(
      (s) => s.kind === 'write_settings' || s.kind === 'register',
    );
    this.state.emit({
      type: 'info',
      message: `Meta refused ${step.storage?.mode === 'NO_STORAGE' ? 'meta_store_retention_minutes' : 'data_localization_region'} on /register as deprecated for ${this.state.version.raw} (it is answered as a newer version now): finishing with the Settings API flow: ${rest.map(stepLabel).join(' -> ')}.`,
    });
    return rest;
  }

  /** Waits for a place in the offline gate (before the deregister, so waiting costs no downtime). */
  private async enterOffline(): Promise<EngineError | undefined> {
    const gate = this.state.options.offlineGate;
    if (!gate || this.releaseOffline) return undefined;
    const started = Date.now();
    try {
      this.releaseOffline = await gate.enter(this.state.options.signal);
    } catch {
      return engineError(
        'cancelled',
        `Cancelled while waiting for other numbers to come back online; number ${this.id} was not taken offline.`,
        { retryable: true },
      );
    }
    const waited = Date.now() - started;
    if (waited >= 1000)
      this.state.emit({
        type: 'info',
        message: `Waited ${Math.round(waited / 1000)} s for other numbers to come back online before deregistering.`,
      });
    return undefined;
  }

  private preflight(plan: ConvergencePlan): EngineError | undefined {
    const { names } = this.state;
    const storage = explainTarget(this.state.target, names);
    if (storage) return engineError('invalid_input', storage.message, { field: storage.field });
    if (plan.steps.some((s) => s.kind === 'register')) {
      const pin = validatePin(this.state.options.pin, names);
      if (pin) return engineError('invalid_input', pin, { field: 'pin' });
    }
    const code = validateVerificationCode(this.state.options.verificationCode, names);
    if (code) return engineError('invalid_input', code, { field: 'verificationCode' });
    return undefined;
  }

  private async readBack(plan: ConvergencePlan): Promise<ConvergeResult> {
    let final: ObservedState;
    try {
      final = await this.state.observe();
    } catch (e) {
      const err = toEngineError(e, this.state, 'Every step succeeded but reading the number back failed');
      return {
        ok: false,
        observed: this.state.expectedState(),
        completed: [...this.state.completed],
        error: { ...err, message: `${err.message} Apply again to confirm: a re-run does not repeat completed steps.`, retryable: true },
        observationFailed: true,
        plan,
      };
    }
    const rest = planConvergence(final, this.state.desired, this.state.version, this.state.names);
    if (rest.steps.length > 0) {
      const message = `Every step succeeded but the read-back shows the number is not converged: ${rest.explanation}`;
      return this.fail(final, plan, engineError('conflict', this.state.redact(message), { retryable: true }));
    }
    return { ok: true, observed: final, completed: [...this.state.completed], plan };
  }

  private fail(observed: ObservedState, plan: ConvergencePlan | undefined, error: EngineError): ConvergeResult {
    const result: ConvergeResult = {
      ok: false,
      observed,
      completed: [...this.state.completed],
      error: { ...error, message: this.state.redact(error.message) },
    };
    if (plan) result.plan = plan;
    return result;
  }

  /** Nothing could be read: a placeholder the caller must not record as truth (observationFailed). */
  private failUnread(error: EngineError): ConvergeResult {
    return { ...this.fail(this.state.placeholder(), undefined, error), observationFailed: true };
  }
}
