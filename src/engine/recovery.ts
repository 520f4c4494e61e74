/**
 * After a failure that followed the deregister: bring the number back, but only
 * into the previous or the declared storage configuration, so a localized
 * number is never brought back online in DEFAULT (US) storage. When that is
 * impossible the number is left unregistered and the error says so loudly.
 */
import { describeWriteFailure, toEngineError, type EngineError } from './engine-errors';
import { planConvergence, stepLabel } from './planner';
import type { RunState } from './run-state';
import { describeRegion, describeStorage, sameStorage, storageMatches, targetOfStorage } from './storage-state';
import { stepStorage } from './storage-modes';
import { unreachable } from '../shared/unreachable';
import type { ConvergencePlan, ConvergeResult, ObservedState, PlanStep } from './types';
import { runWriteStep } from './write-step';

export async function recover(
  run: RunState,
  initial: ObservedState,
  plan: ConvergencePlan,
  failed: PlanStep,
  error: unknown,
): Promise<ConvergeResult> {
  const cause = toEngineError(error, run);
  run.emit({ type: 'recovery_started', reason: `${stepLabel(failed)} failed after the deregister: ${cause.message}` });
  const now = run.last && !run.last.registered ? run.last : await run.tryObserve();
  const failure = describeWriteFailure(error);

  let notAttempted: string | undefined;
  if (!now) {
    notAttempted = 'the number could not be read, so re-registering blind was not attempted';
  } else if (now.registered) {
    // Nothing to bring back (e.g. the register landed although its answer was lost).
    return recoveryResult(run, initial, plan, failed, cause, now, undefined);
  } else if (failed.kind === 'register' && failure.registerBlockedBy) {
    notAttempted = `registering again cannot succeed until that is fixed (${failure.registerBlockedBy})`;
  } else {
    notAttempted = await bringBack(run, initial, now, failed, failure.fromApi && failure.retryable);
  }
  const final = (await run.tryObserve()) ?? now;
  run.emit({ type: 'recovery_finished', registered: final?.registered === true });
  return recoveryResult(run, initial, plan, failed, cause, final, notAttempted);
}

/** Restores an acceptable storage configuration and registers; returns why not, or undefined when it ran. */
async function bringBack(
  run: RunState,
  initial: ObservedState,
  now: ObservedState,
  failed: PlanStep,
  failureTemporary: boolean,
): Promise<string | undefined> {
  // Only the previous or the declared storage: never a weaker one the engine picked itself.
  const previous = targetOfStorage(initial.storage);
  const acceptable = sameStorage(now.storage, initial.storage) || storageMatches(now.storage, run.target);
  switch (run.version.flow) {
    case 'register': {
      // /register carries the storage, so re-register with the previous configuration.
      if (previous === undefined) return `its previous storage (${describeStorage(initial.storage)}) cannot be restored through /register`;
      const reason = `Recovery: re-register with the previous configuration (${describeRegion(previous)}).`;
      const back = await runWriteStep(run, { kind: 'register', ...stepStorage(previous), reason });
      if (back.ok) return undefined;
      return `re-registering with ${describeRegion(previous)} failed too: ${toEngineError(back.error, run).message}`;
    }
    case 'settings':
      break;
    default:
      return unreachable(run.version.flow, 'version flow');
  }
  // v21+: register only into the previous or the declared configuration. If the declared one
  // was refused for a lasting reason, go back to the previous one instead.
  const desiredRefused = failed.kind === 'register' && !failureTemporary && !sameStorage(now.storage, initial.storage);
  if (!acceptable || desiredRefused) {
    if (previous === undefined) {
      return `storage now reads ${describeStorage(now.storage)}, and its previous storage (${describeStorage(initial.storage)}) is not one the engine can write back; registering now could expose data outside the declared region`;
    }
    const restored = await runWriteStep(run, {
      kind: 'write_settings',
      ...stepStorage(previous),
      reason: `Recovery: restore the previous storage configuration (${describeRegion(previous)}) before re-registering.`,
    });
    if (!restored.ok) {
      return `storage now reads ${describeStorage(now.storage)}; restoring the previous configuration (${describeRegion(previous)}) failed (${toEngineError(restored.error, run).message}), and registering without it would put the number's data in ${describeStorage(now.storage)}, so it was left unregistered`;
    }
  }
  const back = await runWriteStep(run, { kind: 'register', reason: 'Recovery: re-register so the number messages again.' });
  return back.ok ? undefined : `re-registering failed too: ${toEngineError(back.error, run).message}`;
}

function recoveryResult(
  run: RunState,
  initial: ObservedState,
  plan: ConvergencePlan,
  failed: PlanStep,
  cause: EngineError,
  final: ObservedState | undefined,
  notAttempted: string | undefined,
): ConvergeResult {
  const observed = final ?? run.expectedState();
  const want = describeRegion(run.target);
  if (final && planConvergence(final, run.desired, run.version).steps.length === 0) {
    // Recovery finished the job (e.g. the last register attempt went through): converged.
    run.emit({
      type: 'info',
      message: `${stepLabel(failed)} failed once more but recovery registered the number with ${want}: converged.`,
    });
    return { ok: true, observed: final, completed: [...run.completed], recovered: true, plan };
  }
  let message: string;
  if (final?.registered) {
    const which = sameStorage(final.storage, initial.storage) ? 'its previous configuration' : 'the declared configuration';
    message = `${stepLabel(failed)} failed after number ${run.id} was deregistered: ${cause.message} Recovery: the number was re-registered with ${describeStorage(final.storage)} (${which}) and is messaging again${storageMatches(final.storage, run.target) ? '' : `, but it does not have ${want} yet`}. Fix the cause and apply again; the re-run continues from the current state.`;
  } else {
    message = `NUMBER ${run.id} IS NOT REGISTERED and cannot send or receive messages. ${stepLabel(failed)} failed after the deregister: ${cause.message} It was not re-registered: ${notAttempted ?? 'recovery did not bring it back'}. Current state: not registered, ${final ? describeStorage(final.storage) : 'storage unknown'}. Fix the cause and apply again: the re-run continues from here and registers the number.`;
  }
  const error: EngineError = { ...cause, message: run.redact(message) };
  const result: ConvergeResult = {
    ok: false,
    observed,
    completed: [...run.completed],
    error,
    recovered: final?.registered === true,
    plan,
  };
  if (!final) result.observationFailed = true;
  return result;
}
