/**
 * Reading a number's state: GET /{id}?fields=... and GET /{id}/settings, in parallel.
 *
 * Registration is not a Graph field. The `status` field tells it (asked for
 * explicitly: Graph omits it by default): CONNECTED means registered and able to
 * message; FLAGGED, RESTRICTED and RATE_LIMITED are registered numbers under
 * limits. Everything else (DISCONNECTED, PENDING, UNVERIFIED, ...) is not
 * registered. When `status` is missing (reported for some numbers), platform_type
 * CLOUD_API is the fallback: an unregistered number reads NOT_APPLICABLE.
 * The emulator models the same (status CONNECTED/DISCONNECTED, platform_type
 * CLOUD_API/NOT_APPLICABLE, derived from its `registered` flag).
 */
import type { GraphApiClient } from '../cloud-api/client';
import type { PhoneNumberNode, PhoneNumberSettings } from '../cloud-api/graph-types';
import { PHONE_NUMBER_FIELDS } from '../cloud-api/phone-number-fields';
import type { ObservedState } from './types';
import { modeOfStorage, normalizeRegion, normalizeStatus, retentionOf, STATUS_NO_STORAGE } from './storage-state';

const REGISTERED_STATUSES = new Set(['CONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED']);
/** Documented statuses of a number that is not registered with Cloud API. */
const UNREGISTERED_STATUSES = new Set(['DISCONNECTED', 'PENDING', 'UNVERIFIED', 'DELETED', 'MIGRATED', 'BANNED']);

/**
 * The raw `status` when it does not tell whether the number is registered: a value
 * Meta does not document (its OpenAPI example shows LINKED) or the documented UNKNOWN.
 * Such a number is neither registered nor unregistered for the engine.
 */
export function unknownRegistrationStatus(node: Pick<PhoneNumberNode, 'status'>): string | undefined {
  if (typeof node.status !== 'string' || node.status === '') return undefined;
  const s = node.status.toUpperCase();
  return REGISTERED_STATUSES.has(s) || UNREGISTERED_STATUSES.has(s) ? undefined : node.status;
}

/** What the `whatsapp_phone_number` data source shows: the node's fields (snake_case like its attributes) plus what we derive. */
export type PhoneNumberInfo = Pick<
  PhoneNumberNode,
  | 'id'
  | 'display_phone_number'
  | 'verified_name'
  | 'code_verification_status'
  | 'platform_type'
  | 'status'
  | 'quality_rating'
  | 'name_status'
> & {
  throughput_level?: string;
  registered: boolean;
  /** As the API reports it, upper-cased (DEFAULT, IN_COUNTRY_STORAGE_ENABLED, or a newer status verbatim). */
  storage_status: string;
  /** Present when local storage is enabled. */
  data_localization_region?: string;
  /** IN_COUNTRY, DEFAULT or NO_STORAGE; absent for a status this engine does not know. */
  storage_mode?: string;
  /** Present for No Storage: minutes message data stays in transit. */
  retention_minutes?: number;
};

/** A row of GET /{waba_id}/phone_numbers (no storage: that needs one more call per number). */
export type PhoneNumberSummary = Omit<
  PhoneNumberInfo,
  'storage_status' | 'data_localization_region' | 'storage_mode' | 'retention_minutes'
>;

export function isRegistered(node: Pick<PhoneNumberNode, 'status' | 'platform_type'>): boolean {
  if (typeof node.status === 'string' && node.status !== '') return REGISTERED_STATUSES.has(node.status.toUpperCase());
  return normalizeStatus(node.platform_type) === 'CLOUD_API';
}

export function toObservedState(phoneNumberId: string, node: PhoneNumberNode, settings: PhoneNumberSettings): ObservedState {
  const sc = settings?.storage_configuration ?? {};
  const { status, data_localization_region, ...rest } = sc as Record<string, unknown>;
  const storage: ObservedState['storage'] = { status: normalizeStatus(status) };
  const region = normalizeRegion(data_localization_region);
  if (region !== undefined) storage.region = region;
  if (Object.keys(rest).length > 0) storage.extra = rest;
  if (storage.status === STATUS_NO_STORAGE) {
    const retention = retentionOf(storage);
    if (retention !== undefined) storage.retentionMinutes = retention;
  }
  const observed: ObservedState = {
    phoneNumberId,
    registered: isRegistered(node),
    platformType: normalizeStatus(node.platform_type),
    codeVerificationStatus: normalizeStatus(node.code_verification_status),
    storage,
  };
  const unknownStatus = unknownRegistrationStatus(node);
  if (unknownStatus !== undefined) observed.unknownStatus = unknownStatus;
  if (node.display_phone_number) observed.displayPhoneNumber = node.display_phone_number;
  if (node.verified_name) observed.verifiedName = node.verified_name;
  return observed;
}

export function toSummary(node: PhoneNumberNode): PhoneNumberSummary {
  return {
    id: String(node.id),
    display_phone_number: node.display_phone_number,
    verified_name: node.verified_name,
    code_verification_status: node.code_verification_status,
    platform_type: node.platform_type,
    status: node.status,
    quality_rating: node.quality_rating,
    name_status: node.name_status,
    throughput_level: node.throughput?.level,
    registered: isRegistered(node),
  };
}

export async function readNumber(
  client: GraphApiClient,
  phoneNumberId: string,
  signal?: AbortSignal,
): Promise<{ node: PhoneNumberNode; settings: PhoneNumberSettings; observed: ObservedState }> {
  // allSettled: both reads finish before we answer, so no request is still in flight after a failure.
  // The client refuses answers without the fields the state is made of, so a proxy's `{}` never reads as
  // "not registered, storage UNKNOWN" (which would make the planner rewrite a converged number).
  const [nodeRead, settingsRead] = await Promise.allSettled([
    client.getPhoneNumber(phoneNumberId, PHONE_NUMBER_FIELDS, { signal }),
    client.getSettings(phoneNumberId, { signal }),
  ]);
  if (nodeRead.status === 'rejected') throw nodeRead.reason;
  if (settingsRead.status === 'rejected') throw settingsRead.reason;
  const node = nodeRead.value;
  const settings = settingsRead.value;
  return { node, settings, observed: toObservedState(phoneNumberId, node, settings) };
}

export function toPhoneNumberInfo(node: PhoneNumberNode, observed: ObservedState): PhoneNumberInfo {
  const info: PhoneNumberInfo = { ...toSummary(node), storage_status: String(observed.storage.status) };
  if (observed.storage.region) info.data_localization_region = observed.storage.region;
  const mode = modeOfStorage(observed.storage);
  if (mode !== undefined) info.storage_mode = mode;
  if (observed.storage.retentionMinutes !== undefined) info.retention_minutes = observed.storage.retentionMinutes;
  return info;
}
