/**
 * State upgrades for whatsapp_local_storage. Version 0 had no pin_wo,
 * pin_wo_version, verification_code or display_phone_number; version 1 had no
 * storage_mode or retention_minutes (and early version 1 states had no
 * set_pin_before_deregister or one_at_a_time); version 2 had no quota attributes (they
 * come from the private state, which engines keep through an upgrade, at the next
 * refresh or apply); version 3 is current (raw JSON -> value, ignoring attributes a
 * newer patch may have dropped).
 */
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag } from '../../plugin/diagnostics';
import {
  LOCAL_STORAGE_SCHEMA_VERSION,
  localStorageResourceSchema,
  type LocalStorageAttribute,
  type LocalStorageView,
} from '../schema/local-storage-resource';
import { objectTypeOf, viewOf } from '../../plugin/schema/model';
import { t } from '../../plugin/values/cty-type';
import { decodeJson } from '../../plugin/values/json-codec';
import { record, type ValueRecord } from '../../plugin/values/value';
import { modeOfStorage, normalizeStatus, STATUS_DEFAULT, STATUS_ENABLED } from '../../engine/storage-state';

const currentType = objectTypeOf(localStorageResourceSchema);

const ADDED_IN_V1: readonly LocalStorageAttribute[] = ['pin_wo', 'pin_wo_version', 'verification_code', 'display_phone_number'];
const ADDED_IN_V2: readonly LocalStorageAttribute[] = ['storage_mode', 'retention_minutes'];
const ADDED_IN_V3: readonly LocalStorageAttribute[] = ['register_calls_72h', 'deregister_calls_72h', 'quota_available_at'];
// set_pin_before_deregister and one_at_a_time came without a version of their own: a state of any
// version may hold them or not, and a missing one decodes as null (filled in below).

const typeWithout = (names: readonly string[]) =>
  t.object(Object.fromEntries(Object.entries(currentType.attributes).filter(([name]) => !names.includes(name))));

export const v0Type = typeWithout([...ADDED_IN_V1, ...ADDED_IN_V2, ...ADDED_IN_V3]);
export const v1Type = typeWithout([...ADDED_IN_V2, ...ADDED_IN_V3]);
export const v2Type = typeWithout(ADDED_IN_V3);

export function upgradeLocalStorageState(
  version: number,
  rawJson: Uint8Array | string,
): { state: LocalStorageView; diagnostics: Diagnostic[] } {
  const none = viewOf(localStorageResourceSchema, null);
  if (version > LOCAL_STORAGE_SCHEMA_VERSION || version < 0) {
    return {
      state: none,
      diagnostics: [
        errorDiag(
          'State written by a newer provider',
          `This whatsapp_local_storage state has schema version ${version}; this provider understands versions 0 to ${LOCAL_STORAGE_SCHEMA_VERSION}. Use the provider version that wrote it, or a newer one.`,
        ),
      ],
    };
  }
  const type = version === 0 ? v0Type : version === 1 ? v1Type : version === 2 ? v2Type : currentType;
  const decoded = decodeJson(rawJson, type, { ignoreUndefinedAttributes: true, what: `stored state (schema version ${version})` });
  if (!decoded.ok) return { state: none, diagnostics: decoded.diagnostics };
  if (decoded.value === null) return { state: none, diagnostics: [] };

  const old = decoded.value as ValueRecord;
  const next = record();
  for (const name of Object.keys(currentType.attributes)) next[name] = old[name] ?? null;
  let state = viewOf(localStorageResourceSchema, next).with({ pin_wo: null }); // write-only: never in state
  state = state.with({
    // v0 could hold null here; the attribute now has a default, and null would show as a change.
    disable_on_destroy: state.knownBool('disable_on_destroy') ?? false,
    set_pin_before_deregister: state.knownBool('set_pin_before_deregister') ?? false,
    id: state.knownString('id') ?? state.knownString('phone_number_id') ?? null,
  });
  // Before version 2 the mode was implied by the region and the status read; state it as a read would.
  if (version < 2) {
    const region = state.knownString('data_localization_region');
    const status = state.knownString('storage_status') ?? (region !== undefined ? STATUS_ENABLED : STATUS_DEFAULT);
    const storage = { status: normalizeStatus(status) };
    state = state.with({ storage_mode: modeOfStorage(storage) ?? null });
  }
  return { state, diagnostics: [] };
}
