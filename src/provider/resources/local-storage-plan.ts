/**
 * PlanResourceChange for whatsapp_local_storage: the schema-driven plan, then
 * what this resource can predict. The engine's pure planner decides whether the
 * apply deregisters a live number (a short warning per number, the explanation in
 * the docs) or needs a PIN or verification code (caught here, before anything goes
 * offline). A new number that cannot be read is an error: the apply would fail on it.
 */
import type { ConvergencePlan, ObservedState } from '../../engine/types';
import type { VersionLifecycle } from '../../cloud-api/api-version';
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag, warningDiag } from '../../plugin/diagnostics';
import { asEngineError } from '../engine-diagnostics';
import { numberReadDiagnostic } from '../number-read-diagnostic';
import type { PlanRequest, PlanResponse, RequestContext } from '../provider-context';
import { localStorageResourceSchema, type LocalStorageView } from '../schema/local-storage-resource';
import { attributeNames, viewOf } from '../../plugin/schema/model';
import { UNKNOWN, valuesEqual } from '../../plugin/values/value';
import { declaredTarget, expectedStatus, observedFromState } from './local-storage-state';
import { residencyChange, residencyTitle } from '../../engine/residency';
import { offlineChangeTitle, storageChangeNote } from '../../engine/downtime';
import { stepLabel } from '../../engine/planner';
import { describeStorage, targetOfStorage } from '../../engine/storage-state';
import { describeTarget, type StorageTarget } from '../../engine/storage-modes';

import { decodeLedger } from './local-storage-private';
import { plannedQuota, quotaPlan, rolloutNote, type UnattendedNote } from './local-storage-unattended';

const PLAN_ATTRIBUTES = attributeNames(localStorageResourceSchema);

export async function planLocalStorage(request: PlanRequest<typeof localStorageResourceSchema>): Promise<PlanResponse> {
  const { prior, proposed, attributes: attrs, config, priorPrivate, ctx } = request;
  if (proposed.isNullObject) return planDestroy(prior, ctx, priorPrivate);

  const creating = prior.isNullObject || attrs.requiresReplace.length > 0;
  let planned = attrs.planned.with({ id: attrs.planned.get('phone_number_id') });
  const diagnostics: Diagnostic[] = [];

  const engine = ctx.providerData.kind === 'ready' ? ctx.providerData.engine : undefined;
  // The declared storage comes from configuration: storage_mode is computed, so a planned value may be stale.
  const target = declaredTarget(config);
  const setPin = planned.knownBool('set_pin_before_deregister') === true ? { setPinBeforeDeregister: true } : {};
  const desired = target ? { storage: target, ...setPin } : undefined;
  const id = planned.knownString('phone_number_id');
  if (target) planned = planned.with({ storage_mode: target.mode });
  else if (config.isNull('storage_mode') && planned.isUnknown('data_localization_region'))
    planned = planned.with({ storage_mode: UNKNOWN });

  // What the number looks like now: prior state on update (just refreshed), a live read on create.
  // Only an id unknown until apply skips the read; any failure to read a known one fails the plan.
  let observed: ObservedState | undefined;
  if (!creating) observed = observedFromState(prior);
  else if (engine && id !== undefined) {
    try {
      observed = await engine.observe(id, ctx.signal);
    } catch (err) {
      diagnostics.push(numberReadDiagnostic(id, asEngineError(err), { attributes: PLAN_ATTRIBUTES }, 'nothing_planned'));
      return { planned, requiresReplace: attrs.requiresReplace, diagnostics };
    }
  }

  // engine.plan uses the flow of the version Meta answers with (a stopped version is answered as a newer one).
  const convergence = engine && desired && observed ? engine.plan(observed, desired) : undefined;
  const work = convergence ? convergence.steps.length > 0 : undefined;

  if (creating || attrs.changed || work) {
    // A successful converge always ends registered with exactly the declared storage.
    const statusNow = work === false && observed ? (creating ? String(observed.storage.status) : prior.get('storage_status')) : undefined;
    planned = planned.with({
      storage_status: statusNow ?? (target ? expectedStatus(target) : UNKNOWN),
      registered: work === false && observed ? observed.registered : true,
    });
    if (creating && observed) planned = planned.with({ display_phone_number: observed.displayPhoneNumber ?? null });
  }

  // A replacement is another number: the prior number's calls do not count against it.
  const ledger = creating ? [] : decodeLedger(priorPrivate);
  if (creating || attrs.changed || work)
    planned = plannedQuota(planned, creating ? undefined : prior, ledger, convergence?.steps, engine?.now() ?? Date.now());
  let unattended: UnattendedNote = {};
  if (convergence && engine && id !== undefined && ctx.providerData.kind === 'ready') {
    const quota = quotaPlan(id, ledger, convergence.steps, engine.now());
    if (quota.error) diagnostics.push(quota.error);
    if (quota.note) unattended = { ...rolloutNote(ctx.providerData.offlineGate.capacity, engine.meanLatencyMs()), quota: quota.note };
  }
  if (convergence && observed && target && id !== undefined) {
    diagnostics.push(...convergenceDiagnostics(convergence, config, id, storageChange(observed, target), unattended));
  }
  if (engine) diagnostics.push(...versionDiagnostics(engine.versionLifecycle()));
  const pinWoVersionChanged = !creating && !valuesEqual(prior.get('pin_wo_version'), planned.get('pin_wo_version'));
  if (pinWoVersionChanged && config.isNull('pin_wo') && planned.get('pin_wo_version') !== null) {
    diagnostics.push(
      errorDiag(
        'pin_wo_version changed without pin_wo',
        'pin_wo_version changed, which asks the next apply to register with the write-only PIN, but pin_wo is not set: set pin_wo (from a sensitive source) in the same change.',
        ['pin_wo'],
      ),
    );
  }
  return { planned, requiresReplace: attrs.requiresReplace, diagnostics };
}

/** The configured Graph version stops within 90 days, or has stopped (and the plan uses the flow Meta answers with). */
function versionDiagnostics(lifecycle: VersionLifecycle): Diagnostic[] {
  if (lifecycle.state === 'current' || !lifecycle.notice) return [];
  const summary =
    lifecycle.state === 'expired'
      ? `Graph API ${lifecycle.configured} has stopped: Meta answers it as ${lifecycle.effective}`
      : `Graph API ${lifecycle.configured} stops on ${lifecycle.availableUntil}`;
  return [warningDiag(summary, lifecycle.notice)];
}

/** From and to of a storage change, in the words the residency warning uses. */
function storageChange(observed: ObservedState, target: StorageTarget): { from: string; to: string } {
  const current = targetOfStorage(observed.storage);
  return { from: current ? describeTarget(current) : describeStorage(observed.storage), to: describeTarget(target) };
}

/** `unattended`: the rollout and quota of the change (local-storage-unattended.ts), folded into its warning. */
function convergenceDiagnostics(
  plan: ConvergencePlan,
  config: LocalStorageView,
  id: string,
  change: { from: string; to: string },
  unattended: UnattendedNote,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (plan.impossible) {
    out.push(errorDiag('Local Storage cannot be changed on this number', plan.impossible, ['phone_number_id']));
    return out;
  }
  const warning = storageChangeWarning(id, plan, change, unattended);
  if (warning) out.push(warning);
  const registers = plan.steps.some((s) => s.kind === 'register');
  if (registers && config.isNull('pin') && config.isNull('pin_wo')) {
    out.push(
      errorDiag(
        'pin is required for this change',
        `This apply registers phone number ${id}, which needs its two-step verification PIN (6 digits): set pin (or pin_wo on Terraform/OpenTofu 1.11+) from a sensitive variable. Nothing has been changed. ${plan.explanation}`,
        ['pin'],
      ),
    );
  }
  if (plan.requirement && config.isNull('verification_code')) {
    out.push(warningDiag('Verification code needed', plan.requirement.message, ['verification_code']));
  }
  return out;
}

/**
 * One warning per number whose storage changes with downtime or a residency weakening or move: at
 * most four lines (title with from and to, the number, offline or not, where the explanation is).
 * A residency change keeps its own title; its detail names the number.
 */
function storageChangeWarning(
  id: string,
  plan: ConvergencePlan,
  change: { from: string; to: string },
  unattended: UnattendedNote,
): Diagnostic | undefined {
  const { residency } = plan;
  if (!residency && !plan.takesNumberOffline) return undefined;
  const note = changeNote(id, plan, unattended);
  if (residency) return warningDiag(residencyTitle(residency), note, ['storage_mode']);
  return warningDiag(offlineChangeTitle(change.from, change.to), note, ['data_localization_region']);
}

function changeNote(id: string, plan: ConvergencePlan, unattended: UnattendedNote): string {
  return storageChangeNote(id, {
    ...unattended,
    offline: plan.takesNumberOffline,
    steps: plan.steps.map(stepLabel).join(' -> '),
    pinChecked: plan.steps.some((s) => s.kind === 'set_pin'),
  });
}

function planDestroy(prior: LocalStorageView, ctx: RequestContext, priorPrivate: Uint8Array | undefined): PlanResponse {
  const id = prior.knownString('phone_number_id') ?? '(unknown)';
  const region = prior.knownString('data_localization_region');
  const diagnostics: Diagnostic[] = [];
  const engine = ctx.providerData.kind === 'ready' ? ctx.providerData.engine : undefined;
  if (prior.knownBool('disable_on_destroy') === true) {
    const observed = observedFromState(prior);
    const setPin = prior.knownBool('set_pin_before_deregister') === true ? { setPinBeforeDeregister: true } : {};
    const plan = engine && observed ? engine.plan(observed, { region: null, ...setPin }) : undefined;
    if (plan && observed && plan.steps.length > 0) {
      const to: StorageTarget = { mode: 'DEFAULT' };
      const residency = residencyChange(targetOfStorage(observed.storage), to, String(observed.storage.status));
      const change = storageChange(observed, to);
      const title = residency ? residencyTitle(residency) : `Destroy disables Local Storage: ${change.from} -> ${change.to}`;
      const quota = quotaPlan(id, decodeLedger(priorPrivate), plan.steps, engine?.now() ?? Date.now());
      if (quota.error) diagnostics.push(quota.error);
      const note = changeNote(id, { ...plan, ...(residency ? { residency } : {}) }, quota.note ? { quota: quota.note } : {});
      const detail = `On destroy (disable_on_destroy): ${note}`;
      diagnostics.push(warningDiag(title, detail, ['disable_on_destroy']));
      if (plan.steps.some((s) => s.kind === 'register') && prior.isNull('pin')) {
        diagnostics.push(
          errorDiag(
            'pin is required to disable Local Storage on destroy',
            `Disabling Local Storage registers phone number ${id} again, which needs its two-step PIN, but the state has no pin (pin_wo is write-only and never stored). Set pin and apply, or set disable_on_destroy = false and apply, before destroying.`,
            ['disable_on_destroy'],
          ),
        );
      }
    }
  } else {
    diagnostics.push(
      warningDiag(
        'Local Storage stays as it is after destroy',
        `Destroying only stops managing phone number ${id}: ${region ? `its message data stays in ${region}` : 'its storage setting is not changed'}. ` +
          'To turn Local Storage off when destroying, set disable_on_destroy = true and apply before destroying.',
        ['disable_on_destroy'],
      ),
    );
  }
  return { planned: viewOf(localStorageResourceSchema, null), requiresReplace: [], diagnostics };
}
