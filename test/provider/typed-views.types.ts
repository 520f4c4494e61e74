/**
 * Compile-time checks of the provider's own views (test/provider/typed-views.test.ts compiles this
 * file and expects no errors: each @ts-expect-error line must be an error, or tsc reports the
 * directive as unused). The views are the ones the real types receive, taken from their signatures.
 */
import type { ObservedState } from '../../src/engine/types';
import { phoneNumberDataSource } from '../../src/provider/data-sources/phone-number';
import { localStorageListResource } from '../../src/provider/list-resources/local-storage-list';
import { localStorageResource } from '../../src/provider/resources/local-storage';
import { localStorageIdentity } from '../../src/provider/resources/local-storage-identity';
import { withObserved } from '../../src/provider/resources/local-storage-state';
import type { ProviderConfigView } from '../../src/provider/schema/provider-config';

type StateView = Parameters<typeof localStorageResource.read>[0];
type ApplyRequest = Parameters<typeof localStorageResource.apply>[0];
type PhoneNumberConfig = Parameters<typeof phoneNumberDataSource.read>[0];
type ListConfig = Parameters<typeof localStorageListResource.validate>[0];
type IdentityView = Parameters<typeof localStorageIdentity.importId>[0];

export function localStorage(state: StateView, request: ApplyRequest, observed: ObservedState): void {
  state.knownString('phone_number_id');
  state.knownNumber('retention_minutes');
  state.knownBool('registered');
  request.config.knownString('pin_wo');
  // @ts-expect-error: whatsapp_local_storage has no attribute "phone_number" (it is phone_number_id)
  state.knownString('phone_number');
  // @ts-expect-error: whatsapp_local_storage has no attribute "region" (it is data_localization_region)
  request.planned.knownString('region');
  // @ts-expect-error: retention_minutes is a number, not a string
  state.knownString('retention_minutes');
  // @ts-expect-error: registered is a bool, not a number
  state.knownNumber('registered');
  // @ts-expect-error: no attribute "pin_write_only" to change
  request.planned.with({ pin_write_only: null });
  // @ts-expect-error: no attribute "pin_wo_versions" to test for null
  request.config.isNull('pin_wo_versions');
  withObserved(state, observed);
}

export function otherTypes(
  phone: PhoneNumberConfig,
  list: ListConfig,
  identity: IdentityView,
  provider: ProviderConfigView,
  observed: ObservedState,
): void {
  phone.knownString('phone_number_id');
  list.knownString('waba_id');
  identity.knownString('phone_number_id');
  provider.knownNumber('max_numbers_offline');
  // @ts-expect-error: whatsapp_phone_number has no attribute "pin"
  phone.knownString('pin');
  // @ts-expect-error: the list resource's config has no phone_number_id (it lists a WABA)
  list.knownString('phone_number_id');
  // @ts-expect-error: the identity has no attribute "id"
  identity.knownString('id');
  // @ts-expect-error: the provider has no attribute "access_tokne"
  provider.knownString('access_tokne');
  // @ts-expect-error: max_retries is a number, not a string
  provider.knownString('max_retries');
  // @ts-expect-error: a whatsapp_phone_number view is not a whatsapp_local_storage view
  withObserved(phone, observed);
}
