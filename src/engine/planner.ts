/**
 * The planner: observed state + desired state + API version -> ordered steps.
 * Pure (no I/O, no clock), so every ordering rule is a table test.
 *
 * Converged means: the number is registered with Cloud API AND its storage is
 * what the user declared. Registration is part of the goal because Local
 * Storage only matters for a number that messages, and the engine must never
 * leave a number offline it could bring back (an unregistered number whose
 * storage already matches is planned as a single register).
 *
 * Order rules (Meta allows storage changes only while unregistered):
 *  - v21.0+:  [deregister] -> write_settings -> register. The settings are
 *    written after every deregister, even when the read showed the desired
 *    region, because deregistering may reset storage to DEFAULT (Meta's
 *    registration page) and register must never bring the number back in US storage.
 *  - v20.0 and older: [deregister] -> register(data_localization_region |
 *    meta_store_retention_minutes | neither); never both (Meta refuses it).
 *  - Verification (request_code + verify_code) whenever the plan registers and
 *    code_verification_status is not VERIFIED. Meta's legacy flow says so; on
 *    v21+ the register reference makes a verified number a prerequisite too
 *    (VERIFIED lapses after 14 days) and a register without it is refused, so
 *    skipping it would take a live number offline for a register that must fail.
 *    It is planned BEFORE the deregister: a wrong or missing code is then caught
 *    while the number is still online.
 */
import { REGION_CHANGE_DOWNTIME } from './downtime';
import type { ApiVersion, ConvergencePlan, DesiredState, ObservedState, PlanStep } from './types';
import { wrongPinRisk } from './engine-errors';
import { ENGINE_INPUT_NAMES, type InputNames } from './engine-inputs';
import { residencyChange } from './residency';
import { desiredTarget, stepStorage, targetLabel, type StorageTarget } from './storage-modes';
import type { VersionFlow } from '../cloud-api/api-version';
import { unreachable } from '../shared/unreachable';
import { describeRegion, describeStorage, modeOfStorage, normalizeStatus, storageMatches, targetOfStorage } from './storage-state';

const VERIFIED = 'VERIFIED';

/** `names` spells the engine's inputs in the plan's words, as the caller's users write them. */
export function planConvergence(
  observed: ObservedState,
  desired: DesiredState,
  apiVersion: ApiVersion,
  names: InputNames = ENGINE_INPUT_NAMES,
): ConvergencePlan {
  const id = observed.phoneNumberId;
  const target = desiredTarget(desired);
  const want = describeRegion(target);
  const has = describeStorage(observed.storage);
  const storageOk = storageMatches(observed.storage, target);

  if (observed.unknownStatus !== undefined) {
    const impossible = `Number ${id} reports status "${observed.unknownStatus}", which does not say whether it is registered with Cloud API, so no change is planned for it (deregistering or registering it on a guess could take it offline or spend Meta's register quota). Check the number in WhatsApp Manager; plan again once its status reads CONNECTED or DISCONNECTED.`;
    return { steps: [], takesNumberOffline: false, explanation: impossible, impossible };
  }

  if (observed.registered && storageOk) {
    return { steps: [], takesNumberOffline: false, explanation: `Number ${id} is registered with ${has}, as declared: nothing to do.` };
  }

  const platform = normalizeStatus(observed.platformType);
  if (platform === 'ON_PREMISE') {
    const impossible = `Number ${id} runs on the On-Premises API (platform_type ON_PREMISE); Local Storage is a Cloud API feature. Migrate the number to Cloud API first, then apply again.`;
    return { steps: [], takesNumberOffline: false, explanation: impossible, impossible };
  }
  if (platform !== 'CLOUD_API' && !(platform === 'NOT_APPLICABLE' && !observed.registered)) {
    const impossible = `Number ${id} reports platform_type ${String(observed.platformType)}; this engine only changes Local Storage on Cloud API numbers (CLOUD_API, or NOT_APPLICABLE while unregistered).`;
    return { steps: [], takesNumberOffline: false, explanation: impossible, impossible };
  }

  const steps: PlanStep[] = [];
  const notes: string[] = [];
  const verification = normalizeStatus(observed.codeVerificationStatus);
  const needsVerification = verification !== VERIFIED;

  if (needsVerification) {
    steps.push({
      kind: 'request_code',
      reason: `code_verification_status is ${String(observed.codeVerificationStatus)}: registering needs a one-time code, sent by SMS before anything else changes.`,
    });
    steps.push({
      kind: 'verify_code',
      reason: 'Verify the one-time code while the number is still as it was, so a wrong code changes nothing.',
    });
  }

  if (observed.registered && desired.setPinBeforeDeregister === true) {
    steps.push({
      kind: 'set_pin',
      reason:
        `${names.setPinBeforeDeregister} is on: set the two-step PIN to the configured one while the number is still registered, ` +
        'so the register after the deregister cannot fail on a wrong PIN.',
    });
  }
  if (observed.registered) {
    steps.push({
      kind: 'deregister',
      reason: `Storage can only change while the number is unregistered; it now has ${has}, ${want} is declared.`,
    });
  }

  switch (apiVersion.flow) {
    case 'register': {
      const reason = `${apiVersion.raw} sets storage on /register: ${registerWrite(target)}.`;
      steps.push({ kind: 'register', ...stepStorage(target), reason });
      break;
    }
    case 'settings': {
      const afterDeregister = observed.registered ? ' (deregistering may have reset it, so it is always written after a deregister)' : '';
      if (observed.registered || !storageOk) {
        const reason = `Write storage_configuration ${settingsWrite(target)}${afterDeregister}.`;
        steps.push({ kind: 'write_settings', ...stepStorage(target), reason });
      }
      steps.push({ kind: 'register', reason: 'Register with the two-step PIN so the number messages again.' });
      break;
    }
    default:
      unreachable(apiVersion.flow, 'version flow');
  }

  // Explanation: where we are, where we go, what it costs.
  notes.push(`Number ${id} is ${observed.registered ? 'registered' : 'not registered'} with ${has}; declared: ${want}.`);
  if (!storageOk && modeOfStorage(observed.storage) === undefined) {
    notes.push(
      `The API reports storage status "${String(observed.storage.status)}", which this engine does not manage; it counts as not converged and will be replaced.`,
    );
  }
  if (observed.registered) {
    notes.push(`${REGION_CHANGE_DOWNTIME} Each uses one of the 10 register and 10 deregister calls Meta allows per number in 72 hours.`);
    if (desired.setPinBeforeDeregister !== true) notes.push(wrongPinRisk(names));
  } else if (storageOk) {
    notes.push('Storage already matches; the number only needs registering.');
  }
  notes.push(`Steps (${apiVersion.raw}${FLOW_NOTE[apiVersion.flow]}): ${steps.map(stepLabel).join(' -> ')}.`);

  const residency = storageOk ? undefined : residencyChange(targetOfStorage(observed.storage), target, String(observed.storage.status));
  if (residency) {
    notes.push(`Data residency ${residency.kind === 'weakens' ? 'weakens' : 'moves'}: from ${residency.from} to ${residency.to}.`);
  }
  const plan: ConvergencePlan = {
    steps,
    takesNumberOffline: observed.registered && steps.some((s) => s.kind === 'deregister'),
    explanation: notes.join(' '),
  };
  if (residency) plan.residency = residency;
  if (needsVerification) {
    plan.requirement = {
      kind: 'verification_code',
      message:
        `Number ${id} has code_verification_status ${String(observed.codeVerificationStatus)}, ` +
        'so registering needs a one-time verification code. ' +
        'Without one, apply requests a code by SMS (the number stays as it is) and stops; ' +
        `run it again with the code received as ${names.verificationCode}.`,
    };
  }
  return plan;
}

/** "write_settings(BR)", "write_settings(no storage 60m)", "register(no region)", "deregister". */
export function stepLabel(step: PlanStep): string {
  if (step.storage?.mode === 'NO_STORAGE') return `${step.kind}(${targetLabel(step.storage)})`;
  if (step.kind === 'write_settings') return `write_settings(${step.region ?? 'disabled'})`;
  if (step.kind === 'register' && step.region !== undefined) return `register(${step.region ?? 'no region'})`;
  return step.kind;
}

/** The flow's mark in the plan's step note. */
const FLOW_NOTE: Readonly<Record<VersionFlow, string>> = { register: ', legacy flow', settings: '' };

/** What /register sends to write `target` in the register flow. */
function registerWrite(target: StorageTarget): string {
  switch (target.mode) {
    case 'DEFAULT':
      return 'register without data_localization_region or meta_store_retention_minutes, which leaves local storage disabled';
    case 'IN_COUNTRY':
      return `register with data_localization_region ${target.region}`;
    case 'NO_STORAGE':
      return `register with meta_store_retention_minutes ${target.retentionMinutes} (No Storage)`;
    default:
      return unreachable(target, 'storage target');
  }
}

/** The storage_configuration a settings write sends for `target`. */
function settingsWrite(target: StorageTarget): string {
  switch (target.mode) {
    case 'DEFAULT':
      return 'IN_COUNTRY_STORAGE_DISABLED';
    case 'IN_COUNTRY':
      return `IN_COUNTRY_STORAGE_ENABLED in ${target.region}`;
    case 'NO_STORAGE':
      return `NO_STORAGE_ENABLED with retention_minutes ${target.retentionMinutes}`;
    default:
      return unreachable(target, 'storage target');
  }
}
