/**
 * One write with read-then-decide retries. A write is never blindly repeated:
 * after any failure the number is read first; if the write took effect (e.g. a
 * timeout after the server applied it) the step counts as done, otherwise it is
 * tried again only when the failure is temporary or its outcome unknown.
 * register/deregister each count toward Meta's 10-per-72h limit.
 */
import { backoffDelay, sleep } from '../cloud-api/retry';
import { describeWriteFailure, EngineFailure, engineError, toEngineError, type EngineErrorKind } from './engine-errors';
import { stepLabel } from './planner';
import type { RunState } from './run-state';
import { describeRegion, describeStorage, normalizeStatus, sameStorage, storageMatches, targetOfStorage } from './storage-state';
import type { ObservedState, PlanStep } from './types';
import type { StorageConfigurationWrite } from '../cloud-api/graph-types';
import { stepStorage, stepTarget, type StorageTarget } from './storage-modes';
import type { VersionFlow } from '../cloud-api/api-version';
import type { RegionCode } from './regions';
import { unreachable } from '../shared/unreachable';

export type StepOutcome = { ok: true } | { ok: false; error: unknown };

/** Event indexes of steps that are not in the plan (recovery) start here, clear of the plan's own. */
const OFF_PLAN_STEP_INDEX_BASE = 1000;

/** Runs `step`; `planIndex` is its place in the plan, absent for recovery steps. */
export async function runWriteStep(run: RunState, step: PlanStep, planIndex?: number): Promise<StepOutcome> {
  const index = planIndex !== undefined && planIndex >= 0 ? planIndex : OFF_PLAN_STEP_INDEX_BASE + run.stepsStarted;
  run.stepsStarted++;
  const started = performance.now();
  run.emit({ type: 'step_started', step, index });
  let deregisteredAgain = false;
  for (let attempt = 1; ; attempt++) {
    try {
      await callFor(run, step);
      return finish(run, step, index, started);
    } catch (e) {
      const failure = describeWriteFailure(e);
      if (!failure.fromApi) {
        run.emit({ type: 'step_failed', step, index, message: toEngineError(e, run).message });
        return { ok: false, error: e };
      }
      const now = await run.tryObserve();
      if (now && tookEffect(step, now)) {
        run.emit({
          type: 'info',
          message: `${stepLabel(step)} reported a failure (${failure.message}) but the number shows it took effect; continuing.`,
        });
        return finish(run, step, index, started);
      }
      if (step.kind === 'register' && failure.incompleteDeregistration && !deregisteredAgain && now && !now.registered) {
        deregisteredAgain = true;
        run.emit({ type: 'info', message: `${failure.incompleteDeregistration}: deregistering again before registering.` });
        const ready = await deregisterAgain(run, step, now);
        if (!ready.ok) {
          run.emit({ type: 'step_failed', step, index, message: toEngineError(ready.error, run).message });
          return ready;
        }
        attempt--;
        continue;
      }
      const repeatable = now !== undefined && failure.retryable && !failure.waitRefused && attempt < run.deps.maxWriteAttempts;
      if (!repeatable) {
        run.emit({ type: 'step_failed', step, index, message: run.redact(failure.message) });
        return { ok: false, error: e };
      }
      const refused = run.deps.client.refuseLongWait(e);
      if (refused) {
        run.emit({ type: 'step_failed', step, index, message: run.redact(refused.message) });
        return { ok: false, error: refused };
      }
      const delayMs = Math.max(backoffDelay(attempt - 1, run.deps.retryPolicy), failure.askedWaitMs);
      run.emit({ type: 'retry', operation: step.kind, attempt, delayMs, reason: run.redact(failure.message) });
      await sleep(delayMs);
    }
  }
}

/**
 * Graph's fix for an incomplete deregistration: deregister again, then register.
 * Deregistering may reset storage to DEFAULT (Meta's registration page), so the
 * register must not follow it blindly. On v20.0 and older the register carries
 * the region itself; on v21.0+ the storage this register was to bring online is
 * written again first (the run's last settings write, else what the number had),
 * or, when no write can reproduce it, the number is left unregistered.
 */
async function deregisterAgain(run: RunState, register: PlanStep, before: ObservedState): Promise<StepOutcome> {
  try {
    await run.quotaCall('deregister', () => run.deps.client.deregister(run.id));
  } catch {
    // Landed or not, the storage is re-established below before registering.
  }
  switch (run.version.flow) {
    case 'register':
      return { ok: true }; // the register that follows carries the storage
    case 'settings':
      break;
    default:
      return unreachable(run.version.flow, 'version flow');
  }
  const written = run.completed.filter((s) => s.kind === 'write_settings').at(-1);
  const target = written ? stepTarget(written) : targetOfStorage(before.storage);
  const keep = target === undefined ? describeStorage(before.storage) : describeRegion(target);
  const notRegistered = (why: string, kind: EngineErrorKind, retryable: boolean): StepOutcome => ({
    ok: false,
    error: new EngineFailure(
      engineError(
        kind,
        `${stepLabel(register)} was refused as an incomplete deregistration and the number was deregistered again, which can reset its storage to DEFAULT (US); ${why}, so it was NOT registered: registering would risk bringing it online outside ${keep}.`,
        { retryable },
      ),
    ),
  });
  if (target === undefined) {
    const after = await run.tryObserve();
    if (after && sameStorage(after.storage, before.storage)) return { ok: true };
    return notRegistered(
      `the engine cannot write ${keep} back${after ? ` and storage now reads ${describeStorage(after.storage)}` : ''}`,
      'unsupported',
      false,
    );
  }
  const restored = await runWriteStep(run, {
    ...(written ?? { kind: 'write_settings', ...stepStorage(target) }),
    reason: `Deregistering again may have reset storage: write ${keep} again before registering.`,
  });
  if (restored.ok) return restored;
  const cause = toEngineError(restored.error, run);
  return notRegistered(`writing ${keep} again failed (${cause.message})`, cause.kind, cause.retryable);
}

function callFor(run: RunState, step: PlanStep): Promise<unknown> {
  const { client } = run.deps;
  const apiVersion = run.version;
  switch (step.kind) {
    case 'set_pin':
      return client.setTwoStepPin(run.id, run.options.pin as string);
    case 'deregister':
      return run.quotaCall('deregister', () => client.deregister(run.id));
    case 'write_settings':
      return client.setStorageConfiguration(run.id, settingsWrite(writtenTarget(step)));
    case 'register': {
      const pin = run.options.pin as string;
      return run.quotaCall('register', () => client.register(run.id, { pin, ...registerStorage(apiVersion.flow, step) }));
    }
    case 'request_code':
      return client.requestCode(run.id);
    case 'verify_code':
      return client.verifyCode(run.id, (run.options.verificationCode as string).trim());
  }
}

/** Whether the state shows that `step` happened (used after a failed or unknown-outcome write). */
function tookEffect(step: PlanStep, now: ObservedState): boolean {
  switch (step.kind) {
    case 'deregister':
      return !now.registered;
    case 'register':
      return now.registered;
    case 'write_settings':
      return storageMatches(now.storage, writtenTarget(step));
    case 'verify_code':
      return normalizeStatus(now.codeVerificationStatus) === 'VERIFIED';
    case 'request_code':
    case 'set_pin':
      return false; // not observable
  }
}

function finish(run: RunState, step: PlanStep, index: number, started: number): StepOutcome {
  run.completed.push(step);
  run.emit({ type: 'step_finished', step, index, durationMs: Math.round(performance.now() - started) });
  return { ok: true };
}

/** The storage_configuration body that writes `target` on v21+. */
function settingsWrite(target: StorageTarget): StorageConfigurationWrite {
  switch (target.mode) {
    case 'IN_COUNTRY':
      return { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: target.region };
    case 'NO_STORAGE':
      return { status: 'NO_STORAGE_ENABLED', retention_minutes: target.retentionMinutes };
    case 'DEFAULT':
      return { status: 'IN_COUNTRY_STORAGE_DISABLED' };
    default:
      return unreachable(target, 'storage target');
  }
}

/** The storage /register carries: in the register flow a region or a retention (never both), else none. */
function registerStorage(flow: VersionFlow, step: PlanStep): { dataLocalizationRegion?: RegionCode; metaStoreRetentionMinutes?: number } {
  switch (flow) {
    case 'register':
      break;
    case 'settings':
      return {};
    default:
      return unreachable(flow, 'version flow');
  }
  const target = stepTarget(step);
  switch (target?.mode) {
    case undefined:
    case 'DEFAULT':
      return {};
    case 'IN_COUNTRY':
      return { dataLocalizationRegion: target.region };
    case 'NO_STORAGE':
      return { metaStoreRetentionMinutes: target.retentionMinutes };
    default:
      return unreachable(target, 'storage target');
  }
}

/** A settings write always names its storage (the planner and recovery set it); never guess one. */
function writtenTarget(step: PlanStep): StorageTarget {
  const target = stepTarget(step);
  if (!target) throw new Error(`${stepLabel(step)} names no storage to write`);
  return target;
}
