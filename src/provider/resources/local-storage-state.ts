/**
 * Mapping between whatsapp_local_storage state and the engine's vocabulary:
 * observed truth -> state attributes, and prior state -> the ObservedState the
 * pure planner needs to predict a change.
 */
import { modeOfStorage, normalizeStatus, STATUS_DEFAULT, STATUS_ENABLED, storageAsRegion } from '../../engine/storage-state';
import { declaredStorage, STORAGE_MODE_TABLE, type StorageTarget } from '../../engine/storage-modes';
import type { DesiredState, ObservedState } from '../../engine/types';
import type { LocalStorageView } from '../schema/local-storage-resource';
import { isUnknown } from '../../plugin/values/value';

/** The storage status a successful apply of `target` reads back. */
export function expectedStatus(target: StorageTarget): string {
  return STORAGE_MODE_TABLE[target.mode].readStatus;
}

/**
 * `base` with everything the API reports replaced by `observed`: the region
 * (null when storage is not in-country), mode and retention, status,
 * registration and display number. User-only attributes (pin, flags) stay.
 */
export function withObserved(base: LocalStorageView, observed: ObservedState): LocalStorageView {
  const region = storageAsRegion(observed.storage);
  return base.with({
    id: observed.phoneNumberId,
    phone_number_id: observed.phoneNumberId,
    data_localization_region: region ?? null,
    storage_mode: modeOfStorage(observed.storage) ?? null,
    retention_minutes: observed.storage.retentionMinutes ?? null,
    storage_status: String(observed.storage.status),
    registered: observed.registered,
    display_phone_number: observed.displayPhoneNumber ?? null,
  });
}

/** `state` with the declared storage of `planned` (after a successful apply they are the truth). */
export function withDeclared(state: LocalStorageView, planned: LocalStorageView): LocalStorageView {
  return state.with({
    data_localization_region: planned.get('data_localization_region'),
    storage_mode: planned.get('storage_mode'),
    retention_minutes: planned.get('retention_minutes'),
  });
}

/**
 * What the prior state says the number looks like, for the pure planner.
 * State does not record platform or verification; a managed number is a
 * verified Cloud API number unless the engine learns otherwise at apply.
 */
export function observedFromState(state: LocalStorageView): ObservedState | undefined {
  const id = state.knownString('phone_number_id');
  if (id === undefined) return undefined;
  const region = state.knownString('data_localization_region');
  const retention = state.get('retention_minutes');
  const status = state.knownString('storage_status') ?? (region ? STATUS_ENABLED : STATUS_DEFAULT);
  const observed: ObservedState = {
    phoneNumberId: id,
    registered: state.knownBool('registered') ?? false,
    platformType: 'CLOUD_API',
    codeVerificationStatus: 'VERIFIED',
    storage: { status: normalizeStatus(status) },
  };
  if (region) observed.storage.region = region;
  if (typeof retention === 'number') observed.storage.retentionMinutes = retention;
  return observed;
}

/** The declared storage of a plan or config view; undefined while unknown, unstated or invalid. */
export function declaredTarget(view: LocalStorageView): StorageTarget | undefined {
  const known = (name: 'data_localization_region' | 'storage_mode' | 'retention_minutes') => {
    const v = view.get(name);
    return isUnknown(v) ? undefined : v;
  };
  return declaredStorage({
    region: known('data_localization_region'),
    mode: known('storage_mode'),
    retentionMinutes: known('retention_minutes'),
  }).target;
}

/** The desired state from a plan/config view; undefined while the storage is unknown or invalid. */
export function desiredFrom(view: LocalStorageView): DesiredState | undefined {
  const target = declaredTarget(view);
  if (!target) return undefined;
  return view.knownBool('set_pin_before_deregister') === true ? { storage: target, setPinBeforeDeregister: true } : { storage: target };
}
