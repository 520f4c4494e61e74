/**
 * PlanResourceChange for whatsapp_local_storage: the schema-driven plan, then
 * what this resource can predict. The engine's pure planner decides whether the
 * apply deregisters a live number (a warning with its explanation) or needs a
 * PIN or verification code (caught here, before anything goes offline).
 */
import type { ConvergencePlan, ObservedState } from '../../engine/types';
import type { VersionLifecycle } from '../../cloud-api/api-version';
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag, warningDiag } from '../../plugin/diagnostics';
import { asEngineError } from '../engine-diagnostics';
import type { PlanRequest, PlanResponse, RequestContext } from '../provider-context';
import { ObjectView } from '../../plugin/values/object-view';
import { UNKNOWN, valuesEqual } from '../../plugin/values/value';
import { declaredTarget, expectedStatus, observedFromState } from './local-storage-state';
import { residencyChange, residencySummary, type ResidencyChange } from '../../engine/residency';
import { targetOfStorage } from '../../engine/storage-state';
import { declarationOf } from '../../engine/storage-modes';

export async function planLocalStorage({ prior, proposed, attributes: attrs, config, ctx }: PlanRequest): Promise<PlanResponse> {
  if (proposed.isNullObject) return planDestroy(prior, ctx);

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
  else if (config.isNull('storage_mode') && planned.isUnknown('data_localization_region')) planned = planned.with({ storage_mode: UNKNOWN });

  // What the number looks like now: prior state on update (just refreshed), a live read on create.
  let observed: ObservedState | undefined;
  if (!creating) observed = observedFromState(prior);
  else if (engine && id !== undefined) {
    try {
      observed = await engine.observe(id, ctx.signal);
    } catch (err) {
      const e = asEngineError(err);
      diagnostics.push(warningDiag(`Could not read phone number ${id} while planning`, `${e.message} The plan assumes nothing about the number's current registration; apply reads it again and stops before any change if it is not accessible.`, ['phone_number_id']));
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

  if (convergence && id !== undefined) diagnostics.push(...convergenceDiagnostics(convergence, config, id));
  if (engine) diagnostics.push(...versionDiagnostics(engine.versionLifecycle()));
  const pinWoVersionChanged = !creating && !valuesEqual(prior.get('pin_wo_version'), planned.get('pin_wo_version'));
  if (pinWoVersionChanged && config.isNull('pin_wo') && planned.get('pin_wo_version') !== null) {
    diagnostics.push(errorDiag('pin_wo_version changed without pin_wo', 'pin_wo_version changed, which asks the next apply to register with the write-only PIN, but pin_wo is not set: set pin_wo (from a sensitive source) in the same change.', ['pin_wo']));
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

function convergenceDiagnostics(plan: ConvergencePlan, config: ObjectView, id: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (plan.impossible) {
    out.push(errorDiag('Local Storage cannot be changed on this number', plan.impossible, ['phone_number_id']));
    return out;
  }
  if (plan.takesNumberOffline) {
    out.push(
      warningDiag(
        `Apply takes phone number ${id} offline`,
        plan.explanation,
        ['data_localization_region'],
      ),
    );
  }
  if (plan.residency) out.push(residencyWarning(id, plan.residency));
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

/** Distinct from the downtime warning: reviewers must see every weakening or move of data residency. */
function residencyWarning(id: string, change: ResidencyChange): Diagnostic {
  const why =
    change.kind === 'weakens'
      ? 'After this apply the number keeps its message data under weaker residency than it has now.'
      : 'After this apply the number keeps its message data at rest in another country.';
  return warningDiag(
    residencySummary(id, change),
    `${why} From: ${change.from}. To: ${change.to}. ${change.previous ? `To keep the current storage instead, declare ${declarationOf(change.previous)}.` : 'Make sure this is intended before applying.'}`,
    ['storage_mode'],
  );
}

function planDestroy(prior: ObjectView, ctx: RequestContext): PlanResponse {
  const id = prior.knownString('phone_number_id') ?? '(unknown)';
  const region = prior.knownString('data_localization_region');
  const diagnostics: Diagnostic[] = [];
  const engine = ctx.providerData.kind === 'ready' ? ctx.providerData.engine : undefined;
  if (prior.knownBool('disable_on_destroy') === true) {
    const observed = observedFromState(prior);
    const setPin = prior.knownBool('set_pin_before_deregister') === true ? { setPinBeforeDeregister: true } : {};
    const plan = engine && observed ? engine.plan(observed, { region: null, ...setPin }) : undefined;
    if (plan && plan.steps.length > 0) {
      const change = observed ? residencyChange(targetOfStorage(observed.storage), { mode: 'DEFAULT' }, String(observed.storage.status)) : undefined;
      if (change) diagnostics.push(residencyWarning(id, change));
      diagnostics.push(
        warningDiag(
          `Destroy disables Local Storage on phone number ${id}`,
          `disable_on_destroy is true, so destroying turns Local Storage off${plan.takesNumberOffline ? ' and takes the number offline until it is registered again' : ''}. ${plan.explanation}`,
          ['disable_on_destroy'],
        ),
      );
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
        `Local Storage on phone number ${id} stays as it is`,
        `Destroying this resource only stops managing the number: ${region ? `its message data stays in ${region}` : 'its storage setting is not changed'}. To turn Local Storage off when destroying, set disable_on_destroy = true and apply before destroying.`,
        ['disable_on_destroy'],
      ),
    );
  }
  return { planned: new ObjectView(prior.type, null), requiresReplace: [], diagnostics };
}
