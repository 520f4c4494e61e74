/**
 * Mapping between whatsapp_local_storage state and the engine's vocabulary:
 * observed truth -> state attributes, and prior state -> the ObservedState the
 * pure planner needs to predict a change.
 */
import { normalizeStatus, STATUS_DEFAULT, STATUS_ENABLED, storageAsRegion } from '../../engine/storage-state';
import type { DesiredState, ObservedState } from '../../engine/types';
import { isSupportedRegion } from '../../engine/regions';
import type { ObjectView } from '../../plugin/values/object-view';

/** The storage status a successful apply of `region` reads back. */
export function expectedStatus(region: string | null): string {
  return region === null ? STATUS_DEFAULT : STATUS_ENABLED;
}

/**
 * `base` with everything the API reports replaced by `observed`: the region
 * (null when storage is off or in a status we do not manage), status,
 * registration and display number. User-only attributes (pin, flags) stay.
 */
export function withObserved(base: ObjectView, observed: ObservedState): ObjectView {
  const region = storageAsRegion(observed.storage);
  return base.with({
    id: observed.phoneNumberId,
    phone_number_id: observed.phoneNumberId,
    data_localization_region: region ?? null,
    storage_status: String(observed.storage.status),
    registered: observed.registered,
    display_phone_number: observed.displayPhoneNumber ?? null,
  });
}

/**
 * What the prior state says the number looks like, for the pure planner.
 * State does not record platform or verification; a managed number is a
 * verified Cloud API number unless the engine learns otherwise at apply.
 */
export function observedFromState(state: ObjectView): ObservedState | undefined {
  const id = state.knownString('phone_number_id');
  if (id === undefined) return undefined;
  const region = state.knownString('data_localization_region');
  const status = state.knownString('storage_status') ?? (region ? STATUS_ENABLED : STATUS_DEFAULT);
  const observed: ObservedState = {
    phoneNumberId: id,
    registered: state.knownBool('registered') ?? false,
    platformType: 'CLOUD_API',
    codeVerificationStatus: 'VERIFIED',
    storage: { status: normalizeStatus(status) },
  };
  if (region) observed.storage.region = region;
  return observed;
}

/** The desired state from a plan/config view; undefined while the region is unknown or invalid. */
export function desiredFrom(view: ObjectView): DesiredState | undefined {
  const region = view.string('data_localization_region');
  if (region.state === 'unknown') return undefined;
  const setPin = view.knownBool('set_pin_before_deregister') === true ? { setPinBeforeDeregister: true } : {};
  if (region.state === 'null') return { region: null, ...setPin };
  return isSupportedRegion(region.value) ? { region: region.value, ...setPin } : undefined;
}
