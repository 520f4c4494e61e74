/**
 * The executor: observe -> plan -> preflight -> writes back to back -> read-back.
 *
 * - Everything checkable is checked before the first write (token and number by
 *   the initial read, platform by the planner, region, PIN, verification code),
 *   so predictable failures never take a number offline.
 * - Writes are never blindly repeated: after any failed write the state is read
 *   first; if the write took effect (e.g. a timeout after the server applied it)
 *   the step counts as done, otherwise it is retried only when the failure is
 *   transient. register/deregister each count toward Meta's 10-per-72h limit.
 * - A failure after a deregister triggers recovery (re-register), but only into
 *   the previous or the declared storage configuration: a localized number is
 *   never brought back online in DEFAULT (US) storage. When that is impossible
 *   the number is left unregistered and the error says so loudly.
 * - Once the number is offline, cancellation is ignored until it is back: stopping
 *   half-way would leave it offline.
 * - A re-run after any failure re-reads and re-plans, so completed work is not repeated.
 */
import type { GraphApiClient } from '../cloud-api/client';
import { GraphApiError, isDeprecatedForVersion } from '../cloud-api/errors';
import { backoffDelay, sleep, type RetryPolicy } from '../cloud-api/retry';
import { formatWait } from '../cloud-api/client';
import { planConvergence, stepLabel } from './planner';
import { REGISTER_BLOCKING_CODES, toEngineError } from './engine-errors';
import { readNumber } from './observe';
import { flowVersion, settingsFlow } from './version-flow';
import { describeRegion, describeStorage, normalizeStatus, sameStorage, storageAsRegion, storageMatches } from './storage-state';
import type {
  ApiVersion,
  ConvergeOptions,
  ConvergencePlan,
  ConvergeResult,
  DesiredState,
  EngineError,
  EngineEvent,
  ObservedState,
  PlanStep,
} from './types';
import { validatePhoneNumberId, validatePin, validateRegion, validateVerificationCode } from './validation';
import type { RegionCode } from './regions';

export interface ExecutorDeps {
  client: GraphApiClient;
  apiVersion: ApiVersion;
  /** Attempts per write, first included, for transient or unknown-outcome failures. */
  maxWriteAttempts: number;
  /** Backoff between write attempts (and the cap on waits Meta asks for). */
  retryPolicy: RetryPolicy;
}

type StepOutcome = { ok: true } | { ok: false; error: unknown };

export async function executeConvergence(
  deps: ExecutorDeps,
  phoneNumberId: string,
  desired: DesiredState,
  options: ConvergeOptions = {},
): Promise<ConvergeResult> {
  if (!desired || typeof desired !== 'object' || !('region' in desired)) {
    throw new TypeError('converge(): desired must be { region: <code> | null }');
  }
  return new ConvergenceRun(deps, phoneNumberId, desired, options).run();
}

class ConvergenceRun {
  private readonly completed: PlanStep[] = [];
  private last?: ObservedState;
  /** How many steps had completed when `last` was read (later steps are not reflected in it). */
  private lastReadAfter = 0;
  private stepCounter = 0;
  /** The flow in use: the configured version as Meta answers it (known after the first read). */
  private version: ApiVersion;

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly id: string,
    private readonly desired: DesiredState,
    private readonly options: ConvergeOptions,
  ) {
    this.version = deps.apiVersion;
  }

  private redact = (text: string): string => this.deps.client.redact(text, this.options.pin, this.options.verificationCode);

  private emit(event: EngineEvent): void {
    if (!this.options.onEvent) return;
    const safe = { ...event } as Record<string, unknown>;
    for (const key of ['message', 'reason'] as const) if (typeof safe[key] === 'string') safe[key] = this.redact(safe[key] as string);
    if (safe.step) safe.step = { ...(safe.step as PlanStep), reason: this.redact((safe.step as PlanStep).reason) };
    try {
      this.options.onEvent(safe as EngineEvent);
    } catch {
      // A listener's bug must not break a half-done convergence.
    }
  }

  async run(): Promise<ConvergeResult> {
    const idProblem = validatePhoneNumberId(this.id);
    if (idProblem) return this.failUnread({ message: idProblem, attribute: 'phone_number_id', retryable: false });

    // 1. Read (also proves the token works and the number exists and is accessible).
    let initial: ObservedState;
    try {
      initial = await this.observe(this.options.signal);
    } catch (e) {
      return this.failUnread(toEngineError(e, this.redact, `Reading number ${this.id} failed; nothing was changed`));
    }

    // 2. Plan, in the flow of the version that answered the read.
    this.version = flowVersion(this.deps.client, this.deps.apiVersion);
    if (this.version.answeredAs) {
      this.emit({ type: 'info', message: `Graph API ${this.version.raw} is answered as ${this.version.answeredAs} now (it has stopped): using the ${this.version.legacy ? 'legacy /register' : 'Settings API'} flow.` });
    }
    const plan = planConvergence(initial, this.desired, this.version);
    this.emit({ type: 'info', message: plan.explanation });
    if (plan.impossible) return this.fail(initial, plan, { message: plan.impossible, retryable: false });
    if (plan.steps.length === 0) return { ok: true, observed: initial, completed: [], plan };

    // 3. Preflight: predictable failures stop here, with the number untouched.
    const problem = this.preflight(plan);
    if (problem) return this.fail(initial, plan, problem);

    // 4. Legacy verification: without a code, request one and stop before anything disruptive.
    let steps = plan.steps;
    if (plan.requirement) {
      if (!this.options.verificationCode) {
        const request = steps.find((s) => s.kind === 'request_code')!;
        const sent = await this.runStep(request, plan.steps.indexOf(request));
        if (!sent.ok) {
          return this.fail(this.last ?? initial, plan, toEngineError(sent.error, this.redact, `Requesting a verification code for number ${this.id} failed; nothing else was changed`));
        }
        const to = initial.displayPhoneNumber ? ` to ${initial.displayPhoneNumber}` : '';
        return {
          ...this.fail(initial, plan, {
            message: this.redact(
              `A verification code was sent by SMS${to}. Number ${this.id} has code_verification_status ${String(initial.codeVerificationStatus)} and must be verified before it can register on ${this.version.raw}. Set verification_code to the code received and apply again; nothing else was changed (the number is ${initial.registered ? 'still registered' : 'not registered'}, ${describeStorage(initial.storage)}).`,
            ),
            attribute: 'verification_code',
            retryable: false,
          }),
          requirement: plan.requirement,
        };
      }
      // A code in hand means it was requested by an earlier run: do not send a new one (it would replace it).
      steps = steps.filter((s) => s.kind !== 'request_code');
    }
    if (this.options.signal?.aborted) {
      return this.fail(initial, plan, { message: 'Cancelled before any change; the number is as it was.', retryable: true });
    }

    // 5. Writes, back to back.
    let deregistered = false;
    const queue = [...steps];
    while (queue.length > 0) {
      const step = queue.shift()!;
      const outcome = await this.runStep(step, plan.steps.indexOf(step));
      if (outcome.ok) {
        if (step.kind === 'deregister') deregistered = true;
        continue;
      }
      // The legacy register was refused as deprecated (the version has stopped and Meta answers it
      // as v21.0+): finish with the Settings API flow now rather than leave the number offline.
      if (step.kind === 'register' && this.version.legacy && isDeprecatedForVersion(outcome.error)) {
        const now = await this.tryObserve();
        if (now && !now.registered) {
          this.version = settingsFlow(this.version);
          const rest = planConvergence(now, this.desired, this.version).steps.filter((s) => s.kind === 'write_settings' || s.kind === 'register');
          this.emit({
            type: 'info',
            message: `Meta refused data_localization_region on /register as deprecated for ${this.version.raw} (it is answered as a newer version now): finishing with the Settings API flow: ${rest.map(stepLabel).join(' -> ')}.`,
          });
          queue.unshift(...rest);
          continue;
        }
      }
      if (deregistered && initial.registered) return this.recover(initial, plan, step, outcome.error);
      const offline = initial.registered ? 'the number was not taken offline' : 'the number was not registered before either';
      const error = toEngineError(outcome.error, this.redact, `${stepLabel(step)} failed on number ${this.id} (${offline})`);
      return this.fail(this.last ?? initial, plan, { ...error, message: error.message + this.describeNow(initial) });
    }

    // 6. Read-back: prove convergence.
    return this.readBack(plan);
  }

  private preflight(plan: ConvergencePlan): EngineError | undefined {
    const region = validateRegion(this.desired.region);
    if (region) return { message: region, attribute: 'data_localization_region', retryable: false };
    if (plan.steps.some((s) => s.kind === 'register')) {
      const pin = validatePin(this.options.pin);
      if (pin) return { message: pin, attribute: 'pin', retryable: false };
    }
    const code = validateVerificationCode(this.options.verificationCode);
    if (code) return { message: code, attribute: 'verification_code', retryable: false };
    return undefined;
  }

  private async observe(signal?: AbortSignal): Promise<ObservedState> {
    const { observed } = await readNumber(this.deps.client, this.id, signal);
    this.last = observed;
    this.lastReadAfter = this.completed.length;
    return observed;
  }

  private async tryObserve(): Promise<ObservedState | undefined> {
    try {
      return await this.observe();
    } catch {
      return undefined;
    }
  }

  private call(step: PlanStep): Promise<unknown> {
    const { client } = this.deps;
    const apiVersion = this.version;
    switch (step.kind) {
      case 'set_pin':
        return client.setTwoStepPin(this.id, this.options.pin as string);
      case 'deregister':
        return client.deregister(this.id);
      case 'write_settings':
        return client.setStorageConfiguration(this.id, step.region ?? null);
      case 'register':
        return client.register(this.id, {
          pin: this.options.pin as string,
          dataLocalizationRegion: apiVersion.legacy && step.region ? step.region : undefined,
        });
      case 'request_code':
        return client.requestCode(this.id);
      case 'verify_code':
        return client.verifyCode(this.id, (this.options.verificationCode as string).trim());
    }
  }

  /** Whether the state shows that `step` happened (used after a failed or unknown-outcome write). */
  private tookEffect(step: PlanStep, now: ObservedState): boolean {
    switch (step.kind) {
      case 'deregister':
        return !now.registered;
      case 'register':
        return now.registered;
      case 'write_settings':
        return storageMatches(now.storage, step.region ?? null);
      case 'verify_code':
        return normalizeStatus(now.codeVerificationStatus) === 'VERIFIED';
      case 'request_code':
      case 'set_pin':
        return false; // not observable
    }
  }

  /** One write with read-then-decide retries. */
  private async runStep(step: PlanStep, planIndex?: number): Promise<StepOutcome> {
    const index = planIndex !== undefined && planIndex >= 0 ? planIndex : 1000 + this.stepCounter;
    this.stepCounter++;
    const started = performance.now();
    this.emit({ type: 'step_started', step, index });
    let rederegistered = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.call(step);
        // A 2xx that is not Graph's {"success": true} (a proxy's `{}`, a list) proves nothing:
        // read the number and decide, as for any answer whose outcome is unknown.
        if (!confirmsSuccess(answer)) throw unconfirmed(step, this.id, answer);
        return this.finish(step, index, started);
      } catch (e) {
        if (!(e instanceof GraphApiError)) {
          this.emit({ type: 'step_failed', step, index, message: toEngineError(e, this.redact).message });
          return { ok: false, error: e };
        }
        // Read first, then decide.
        const now = await this.tryObserve();
        if (now && this.tookEffect(step, now)) {
          this.emit({ type: 'info', message: `${stepLabel(step)} reported a failure (${e.message}) but the number shows it took effect; continuing.` });
          return this.finish(step, index, started);
        }
        // 133000 "incomplete deregistration": Meta's fix is to deregister again, then register.
        if (step.kind === 'register' && e.code === 133000 && !rederegistered && now && !now.registered) {
          rederegistered = true;
          this.emit({ type: 'info', message: 'Meta reports an incomplete deregistration (133000): deregistering again before registering.' });
          try {
            await this.deps.client.deregister(this.id);
          } catch {
            // The register retry below reports what is still wrong.
          }
          attempt--;
          continue;
        }
        const repeatable = now !== undefined && (e.retryable || e.outcomeUnknown) && e.kind !== 'rate_limited' && attempt < this.deps.maxWriteAttempts;
        if (!repeatable) {
          this.emit({ type: 'step_failed', step, index, message: this.redact(e.message) });
          return { ok: false, error: e };
        }
        const asked = e.retryAfterMs ?? 0;
        if (asked > this.deps.retryPolicy.maxRateLimitWaitMs) {
          const message = `${e.message} Meta asks to wait ${formatWait(asked)}, longer than the ${formatWait(this.deps.retryPolicy.maxRateLimitWaitMs)} the engine waits.`;
          this.emit({ type: 'step_failed', step, index, message: this.redact(message) });
          return { ok: false, error: new GraphApiError({ ...e.toJSON(), kind: 'rate_limited', method: e.method, path: e.path, retryable: true, message }) };
        }
        const delayMs = Math.max(backoffDelay(attempt - 1, this.deps.retryPolicy), asked);
        this.emit({ type: 'retry', operation: step.kind, attempt, delayMs, reason: this.redact(e.message) });
        await sleep(delayMs);
      }
    }
  }

  private finish(step: PlanStep, index: number, started: number): StepOutcome {
    this.completed.push(step);
    this.emit({ type: 'step_finished', step, index, durationMs: Math.round(performance.now() - started) });
    return { ok: true };
  }

  private async readBack(plan: ConvergencePlan): Promise<ConvergeResult> {
    let final: ObservedState;
    try {
      final = await this.observe();
    } catch (e) {
      const err = toEngineError(e, this.redact, 'Every step succeeded but reading the number back failed');
      return {
        ok: false,
        observed: this.expectedState(),
        completed: [...this.completed],
        error: { ...err, message: `${err.message} Apply again to confirm: a re-run does not repeat completed steps.`, retryable: true },
        observationFailed: true,
        plan,
      };
    }
    const rest = planConvergence(final, this.desired, this.version);
    if (rest.steps.length > 0) {
      return this.fail(final, plan, {
        message: this.redact(`Every step succeeded but the read-back shows the number is not converged: ${rest.explanation}`),
        retryable: true,
      });
    }
    return { ok: true, observed: final, completed: [...this.completed], plan };
  }

  /**
   * After a failure that followed the deregister: bring the number back, into the
   * previous or the declared storage configuration only.
   */
  private async recover(initial: ObservedState, plan: ConvergencePlan, failed: PlanStep, error: unknown): Promise<ConvergeResult> {
    const cause = toEngineError(error, this.redact);
    this.emit({ type: 'recovery_started', reason: `${stepLabel(failed)} failed after the deregister: ${cause.message}` });
    const now = this.last && !this.last.registered ? this.last : await this.tryObserve();
    const graphCode = error instanceof GraphApiError ? error.code : undefined;
    const errorRetryable = error instanceof GraphApiError && (error.retryable || error.outcomeUnknown);

    let notAttempted: string | undefined;
    if (!now) {
      notAttempted = 'the number could not be read, so re-registering blind was not attempted';
    } else if (now.registered) {
      // Nothing to bring back (e.g. the register landed although its answer was lost).
      return this.recoveryResult(initial, plan, failed, cause, now, undefined);
    } else if (failed.kind === 'register' && graphCode !== undefined && REGISTER_BLOCKING_CODES.has(graphCode)) {
      notAttempted = `registering again cannot succeed until that is fixed (Graph ${graphCode})`;
    } else {
      notAttempted = await this.bringBack(initial, now, failed, errorRetryable);
    }
    const final = (await this.tryObserve()) ?? now;
    this.emit({ type: 'recovery_finished', registered: final?.registered === true });
    return this.recoveryResult(initial, plan, failed, cause, final, notAttempted);
  }

  /** Restores an acceptable storage configuration and registers; returns why not, or undefined when it ran. */
  private async bringBack(initial: ObservedState, now: ObservedState, failed: PlanStep, errorRetryable: boolean): Promise<string | undefined> {
    const previous = storageAsRegion(initial.storage) as RegionCode | null | undefined;
    const acceptable = sameStorage(now.storage, initial.storage) || storageMatches(now.storage, this.desired.region);
    if (this.version.legacy) {
      // Legacy: /register carries the storage, so re-register with the previous configuration.
      if (previous === undefined) return `its previous storage (${describeStorage(initial.storage)}) cannot be restored through /register`;
      const back = await this.runStep({ kind: 'register', region: previous, reason: `Recovery: re-register with the previous configuration (${describeRegion(previous)}).` });
      return back.ok ? undefined : `re-registering with ${describeRegion(previous)} failed too: ${toEngineError(back.error, this.redact).message}`;
    }
    // v21+: register only into the previous or the declared configuration. If the declared one
    // was refused for a lasting reason, go back to the previous one instead.
    const desiredRefused = failed.kind === 'register' && !errorRetryable && !sameStorage(now.storage, initial.storage);
    if (!acceptable || desiredRefused) {
      if (previous === undefined) {
        return `storage now reads ${describeStorage(now.storage)}, and its previous storage (${describeStorage(initial.storage)}) is not one the engine can write back; registering now could expose data outside the declared region`;
      }
      const restored = await this.runStep({
        kind: 'write_settings',
        region: previous,
        reason: `Recovery: restore the previous storage configuration (${describeRegion(previous)}) before re-registering.`,
      });
      if (!restored.ok) {
        return `storage now reads ${describeStorage(now.storage)}; restoring the previous configuration (${describeRegion(previous)}) failed (${toEngineError(restored.error, this.redact).message}), and registering without it would put the number's data in ${describeStorage(now.storage)}, so it was left unregistered`;
      }
    }
    const back = await this.runStep({ kind: 'register', reason: 'Recovery: re-register so the number messages again.' });
    return back.ok ? undefined : `re-registering failed too: ${toEngineError(back.error, this.redact).message}`;
  }

  private recoveryResult(
    initial: ObservedState,
    plan: ConvergencePlan,
    failed: PlanStep,
    cause: EngineError,
    final: ObservedState | undefined,
    notAttempted: string | undefined,
  ): ConvergeResult {
    const observed = final ?? this.expectedState();
    const want = describeRegion(this.desired.region);
    if (final && planConvergence(final, this.desired, this.version).steps.length === 0) {
      // Recovery finished the job (e.g. the last register attempt went through): converged.
      this.emit({ type: 'info', message: `${stepLabel(failed)} failed once more but recovery registered the number with ${want}: converged.` });
      return { ok: true, observed: final, completed: [...this.completed], recovered: true, plan };
    }
    let message: string;
    if (final?.registered) {
      const which = sameStorage(final.storage, initial.storage) ? 'its previous configuration' : 'the declared configuration';
      message = `${stepLabel(failed)} failed after number ${this.id} was deregistered: ${cause.message} Recovery: the number was re-registered with ${describeStorage(final.storage)} (${which}) and is messaging again${storageMatches(final.storage, this.desired.region) ? '' : `, but it does not have ${want} yet`}. Fix the cause and apply again; the re-run continues from the current state.`;
    } else {
      message = `NUMBER ${this.id} IS NOT REGISTERED and cannot send or receive messages. ${stepLabel(failed)} failed after the deregister: ${cause.message} It was not re-registered: ${notAttempted ?? 'recovery did not bring it back'}. Current state: not registered, ${final ? describeStorage(final.storage) : 'storage unknown'}. Fix the cause and apply again: the re-run continues from here and registers the number.`;
    }
    const error: EngineError = { message: this.redact(message), retryable: cause.retryable };
    if (cause.attribute) error.attribute = cause.attribute;
    if (cause.graphCode !== undefined) error.graphCode = cause.graphCode;
    const result: ConvergeResult = {
      ok: false,
      observed,
      completed: [...this.completed],
      error,
      recovered: final?.registered === true,
      plan,
    };
    if (!final) result.observationFailed = true;
    return result;
  }

  private fail(observed: ObservedState, plan: ConvergencePlan | undefined, error: EngineError): ConvergeResult {
    const result: ConvergeResult = { ok: false, observed, completed: [...this.completed], error: { ...error, message: this.redact(error.message) } };
    if (plan) result.plan = plan;
    return result;
  }

  /** Nothing could be read: a placeholder the caller must not record as truth (observationFailed). */
  private failUnread(error: EngineError): ConvergeResult {
    return { ...this.fail(this.placeholder(), undefined, error), observationFailed: true };
  }

  private placeholder(): ObservedState {
    return { phoneNumberId: this.id, registered: false, platformType: 'UNKNOWN', codeVerificationStatus: 'UNKNOWN', storage: { status: 'UNKNOWN' } };
  }

  /**
   * Best guess when the final read failed: the last read with the writes that
   * completed after it applied on top. Without this, a run whose deregister
   * succeeded and whose later reads failed (e.g. the token expired mid-run)
   * reported the number as registered, and the engine recorded that in state
   * while the error said NUMBER ... IS NOT REGISTERED.
   */
  private expectedState(): ObservedState {
    if (!this.last) return this.placeholder();
    return projectWrites(this.last, this.completed.slice(this.lastReadAfter));
  }

  /**
   * What a read after a failed write shows, and whether our own completed writes
   * explain it: when they do not, someone else (another apply, a pipeline, a person)
   * changed the number during this run, and the user must re-plan, not just retry.
   */
  private describeNow(initial: ObservedState): string {
    const now = this.last;
    if (!now || now === initial) return '';
    const ours = projectWrites(initial, this.completed);
    const explained = ours.registered === now.registered && (ours.storage.status === 'UNKNOWN' || sameStorage(ours.storage, now.storage));
    return ` The number now reads: ${now.registered ? 'registered' : 'not registered'}, ${describeStorage(now.storage)}.${explained ? '' : ' It changed while this apply ran (another apply, pipeline or person changed it): review that change and plan again before applying.'}`;
  }
}

/** `from` with the effect of `steps` (completed writes) applied on top. */
function projectWrites(from: ObservedState, steps: PlanStep[]): ObservedState {
  const guess: ObservedState = { ...from, storage: { ...from.storage } };
  for (const step of steps) {
    if (step.kind === 'deregister') {
      guess.registered = false;
      // Deregistering may reset storage to DEFAULT; which, only a read can tell.
      guess.storage = { status: 'UNKNOWN' };
    } else if (step.kind === 'write_settings' || (step.kind === 'register' && step.region !== undefined)) {
      guess.storage = step.region ? { status: 'IN_COUNTRY_STORAGE_ENABLED', region: step.region } : { status: 'DEFAULT' };
      if (step.kind === 'register') guess.registered = true;
    } else if (step.kind === 'register') {
      guess.registered = true;
    }
  }
  return guess;
}

function confirmsSuccess(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { success?: unknown }).success === true;
}

function unconfirmed(step: PlanStep, id: string, answer: unknown): GraphApiError {
  const path = `/${id}/${step.kind === 'write_settings' ? 'settings' : step.kind}`;
  return new GraphApiError({
    kind: 'invalid_response',
    method: 'POST',
    path,
    retryable: true,
    outcomeUnknown: true,
    message: `POST ${path} answered without {"success": true} (got ${JSON.stringify(answer)?.slice(0, 80) ?? String(answer)}); the outcome is unknown.`,
  });
}
