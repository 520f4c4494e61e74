/**
 * The whatsapp_local_storage resource: apply converges through the engine,
 * read reports the live setting (drift), import adopts a number by id.
 * Failures never lose state: apply returns the observed truth with the error,
 * read keeps the prior state and fails when the number cannot be read (a number
 * is never dropped from state on Graph's word alone: docs/resources/local_storage.md).
 */
import { engineError } from '../../engine/engine-errors';
import type { EngineEvent } from '../../engine/types';
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag } from '../../plugin/diagnostics';
import { asEngineError, engineErrorDiagnostic, type PathMapping } from '../engine-diagnostics';
import { numberReadDiagnostic } from '../number-read-diagnostic';
import { requireEngine, type ApplyRequest, type ManagedResource, type ProviderLogger, type StateResponse } from '../provider-context';
import { LOCAL_STORAGE_TYPE, localStorageResourceSchema, type LocalStorageView } from '../schema/local-storage-resource';
import { attributeNames, viewOf } from '../../plugin/schema/model';
import { graphId } from '../validators/whatsapp-validators';
import { planLocalStorage } from './local-storage-plan';
import { adoptedState } from './local-storage-adopted';
import { desiredFrom, withDeclared, withObserved } from './local-storage-state';
import { upgradeLocalStorageState } from './local-storage-upgrade';
import { localStorageIdentity } from './local-storage-identity';
import { oneAtATime } from './one-at-a-time';
import { decodeLedger, encodeLedger } from './local-storage-private';
import { QUOTA_ATTRIBUTES, withQuota } from './local-storage-unattended';
import type { QuotaEntry } from '../../engine/quota';
import type { ConvergeResult } from '../../engine/types';
import { isUnknown } from '../../plugin/values/value';

const ATTRIBUTES = attributeNames(localStorageResourceSchema);

export const localStorageResource: ManagedResource<typeof localStorageResourceSchema> = {
  typeName: LOCAL_STORAGE_TYPE,
  schema: localStorageResourceSchema,
  identity: localStorageIdentity,

  validate(config, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (!config.isNull('pin_wo') && !ctx.writeOnlyAllowed) {
      diagnostics.push(
        errorDiag(
          'Write-only attributes not supported here',
          'pin_wo is a write-only attribute, which needs Terraform 1.11+ or OpenTofu 1.11+. This engine did not announce support for it: use pin instead.',
          ['pin_wo'],
        ),
      );
    }
    return diagnostics;
  },

  plan: planLocalStorage,
  // Plans without the engine while the provider configuration is unknown (storage_mode, pin checks), then defers.
  planWhenProviderDeferred: true,

  async apply(request) {
    return request.planned.isNullObject ? applyDestroy(request) : applyConverge(request);
  },

  async read(state, ctx, privateState) {
    const id = state.knownString('phone_number_id') ?? state.knownString('id');
    if (id === undefined)
      return {
        state,
        diagnostics: [
          errorDiag('Invalid state', 'The state has no phone_number_id; remove it with `terraform state rm` and import the number again.'),
        ],
      };
    const engine = requireEngine(ctx, `read phone number ${id}`);
    try {
      const observed = await engine.observe(id, ctx.signal);
      // The quota counts as of Meta's clock now (the read just set it): they change only when a call leaves the window.
      const ledger = decodeLedger(privateState);
      const now = engine.now();
      return { state: withQuota(withObserved(state, observed), ledger, now), diagnostics: [], ...ledgerBytes(ledger, privateState, now) };
    } catch (err) {
      // Every failure keeps the state and fails the refresh (numberReadDiagnostic says why, for a lost number too).
      return { state, diagnostics: [numberReadDiagnostic(id, asEngineError(err), { attributes: ATTRIBUTES }, 'state_kept')] };
    }
  },

  async importState(id) {
    const problems = graphId('phone_number_id').validate(id, []);
    if (problems.length > 0) {
      const hint =
        'Import takes the phone number id, e.g. `terraform import whatsapp_local_storage.main 106540352242922`, ' +
        'or the identity `{ phone_number_id = "106540352242922" }`.';
      const diagnostics = problems.map((d) => ({ ...d, summary: 'Invalid import id', detail: `${d.detail} ${hint}` }));
      return { state: viewOf(localStorageResourceSchema, null), diagnostics };
    }
    // The engine calls ReadResource next, which fills in the live values.
    return { state: adoptedState(id), diagnostics: [] };
  },

  upgradeState: upgradeLocalStorageState,
};

type LocalStorageApply = ApplyRequest<typeof localStorageResourceSchema>;

async function applyConverge({ prior, planned, config, plannedPrivate, ctx }: LocalStorageApply): Promise<StateResponse> {
  const engine = requireEngine(ctx, 'apply whatsapp_local_storage');
  const ledger = decodeLedger(plannedPrivate);
  const id = planned.knownString('phone_number_id');
  const desired = desiredFrom(planned);
  if (id === undefined || desired === undefined) {
    return {
      state: planned,
      diagnostics: [
        errorDiag(
          'Values unknown at apply',
          'phone_number_id and the storage (data_localization_region, storage_mode, retention_minutes) must be known and valid when applying.',
          ['data_localization_region'],
        ),
      ],
    };
  }
  const fromWriteOnly = config.knownString('pin') === undefined && config.knownString('pin_wo') !== undefined;
  const pin = config.knownString('pin') ?? config.knownString('pin_wo') ?? planned.knownString('pin');
  const verificationCode = config.knownString('verification_code') ?? planned.knownString('verification_code');

  const result = await oneAtATime(planned.knownBool('one_at_a_time') === true, () =>
    engine.converge(id, desired, {
      ...(pin !== undefined ? { pin } : {}),
      ...(verificationCode !== undefined ? { verificationCode } : {}),
      onEvent: eventLogger(ctx.log, id),
      signal: ctx.signal,
      ...unattended(ctx, ledger),
    }),
  );
  const quota = afterRun(ledger, result, plannedPrivate, engine.now());

  const base = planned.with({ pin_wo: null });
  let state = result.observed ? withObserved(base, result.observed) : base;
  if (result.ok) {
    return { state: quota.planned(withDeclared(state, planned)), diagnostics: [], ...quota.bytes };
  }
  // Nothing could be read and nothing was written: what we knew before is still the truth, not the
  // engine's placeholder (which would make a live number look offline).
  if (!result.observed || (result.observationFailed && result.completed.length === 0)) state = prior;
  const mapping: PathMapping = { attributes: ATTRIBUTES, ...(fromWriteOnly ? { rename: { pin: 'pin_wo' } } : {}) };
  const error = result.error ?? engineError('internal', 'The engine reported a failure without details.');
  const diagnostic = engineErrorDiagnostic(`Could not apply Local Storage to phone number ${id}`, error, mapping);
  if (result.recovered) diagnostic.detail += ' The number was registered again after the failure, so it keeps messaging.';
  return { state: quota.state(state), diagnostics: [diagnostic], ...quota.bytes };
}

/** The rolling gate and the ledger for a converge of this provider configuration. */
function unattended(ctx: LocalStorageApply['ctx'], ledger: QuotaEntry[]) {
  return { quotaLedger: ledger, ...(ctx.providerData.kind === 'ready' ? { offlineGate: ctx.providerData.offlineGate } : {}) };
}

/**
 * The ledger after a run, as private bytes and quota attributes. `planned` is for a run that did
 * what the plan said: apply must return the values the plan promised where they were known (the
 * counts after the planned calls; the time the oldest call leaves the window), so only the unknown
 * ones come from the ledger. A call that left the window since, or an extra call, shows at the next
 * refresh, and the ledger in private state, which every decision reads, holds every call. `state`
 * is for a failed run: the counts as the ledger has them now.
 */
function afterRun(ledger: QuotaEntry[], result: ConvergeResult, plannedPrivate: Uint8Array | undefined, now: number) {
  const entries = [...ledger, ...(result.quotaCalls ?? [])];
  const sent = (result.quotaCalls ?? []).length > 0;
  return {
    bytes: ledgerBytes(entries, plannedPrivate, now),
    state: (view: LocalStorageView) =>
      !sent && QUOTA_ATTRIBUTES.every((n) => !isUnknown(view.get(n))) ? view : withQuota(view, entries, now),
    planned: (view: LocalStorageView) => {
      const actual = withQuota(view, entries, now);
      return view.with(Object.fromEntries(QUOTA_ATTRIBUTES.map((n) => [n, isUnknown(view.get(n)) ? actual.get(n) : view.get(n)])));
    },
  };
}

/** Private bytes for `entries`, or nothing (keep what was there) when there is nothing to record. */
function ledgerBytes(entries: readonly QuotaEntry[], had: Uint8Array | undefined, now: number): { private?: Uint8Array } {
  if (entries.length === 0 && (!had || had.length === 0)) return {};
  return { private: encodeLedger(entries, now) };
}

async function applyDestroy({ prior, plannedPrivate, ctx }: LocalStorageApply): Promise<StateResponse> {
  const gone = viewOf(localStorageResourceSchema, null);
  if (prior.knownBool('disable_on_destroy') !== true) return { state: gone, diagnostics: [] };
  const engine = requireEngine(ctx, 'disable Local Storage on destroy');
  const id = prior.knownString('phone_number_id')!;
  const pin = prior.knownString('pin');
  const desired = {
    storage: { mode: 'DEFAULT' as const },
    ...(prior.knownBool('set_pin_before_deregister') === true ? { setPinBeforeDeregister: true } : {}),
  };
  const ledger = decodeLedger(plannedPrivate);
  const result = await oneAtATime(prior.knownBool('one_at_a_time') === true, () =>
    engine.converge(id, desired, {
      ...(pin !== undefined ? { pin } : {}),
      onEvent: eventLogger(ctx.log, id),
      signal: ctx.signal,
      ...unattended(ctx, ledger),
    }),
  );
  if (result.ok) return { state: gone, diagnostics: [] };
  const quota = afterRun(ledger, result, plannedPrivate, engine.now());
  const error = result.error ?? engineError('internal', 'The engine reported a failure without details.');
  const diagnostic = engineErrorDiagnostic(`Could not disable Local Storage on phone number ${id}`, error, { attributes: ATTRIBUTES });
  // Still managed: keep it in state with what is true now.
  return { state: quota.state(result.observed ? withObserved(prior, result.observed) : prior), diagnostics: [diagnostic], ...quota.bytes };
}

/** Engine progress as log lines (events carry no secrets by contract). */
function eventLogger(log: ProviderLogger, id: string): (event: EngineEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'step_started':
        log.info(`whatsapp_local_storage ${id}: ${event.step.kind} started`, {
          phone_number_id: id,
          step: event.step.kind,
          reason: event.step.reason,
        });
        break;
      case 'step_finished':
        log.info(`whatsapp_local_storage ${id}: ${event.step.kind} done`, {
          phone_number_id: id,
          step: event.step.kind,
          duration_ms: event.durationMs,
        });
        break;
      case 'step_failed':
        log.warn(`whatsapp_local_storage ${id}: ${event.step.kind} failed`, {
          phone_number_id: id,
          step: event.step.kind,
          message: event.message,
        });
        break;
      case 'retry':
        log.debug(`whatsapp_local_storage ${id}: retrying ${event.operation}`, {
          attempt: event.attempt,
          delay_ms: event.delayMs,
          reason: event.reason,
        });
        break;
      default:
        log.info(`whatsapp_local_storage ${id}: ${event.type}`, { event });
    }
  };
}
