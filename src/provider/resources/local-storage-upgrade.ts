/**
 * State upgrades for whatsapp_local_storage. Version 0 had no pin_wo,
 * pin_wo_version, verification_code or display_phone_number; version 1 is
 * current (raw JSON -> value, ignoring attributes a newer patch may have dropped).
 */
import type { Diagnostic } from '../../plugin/diagnostics';
import { errorDiag } from '../../plugin/diagnostics';
import { LOCAL_STORAGE_SCHEMA_VERSION, localStorageResourceSchema } from '../schema/local-storage-resource';
import { objectTypeOf } from '../../plugin/schema/model';
import { t, type CtyType } from '../../plugin/values/cty-type';
import { decodeJson } from '../../plugin/values/json-codec';
import { ObjectView } from '../../plugin/values/object-view';
import { record, type ValueRecord } from '../../plugin/values/value';

const currentType = objectTypeOf(localStorageResourceSchema);

const ADDED_IN_V1 = ['pin_wo', 'pin_wo_version', 'verification_code', 'display_phone_number', 'set_pin_before_deregister'];

export const v0Type = t.object(
  Object.fromEntries(Object.entries(currentType.attributes).filter(([name]) => !ADDED_IN_V1.includes(name))) as Record<string, CtyType>,
);

export function upgradeLocalStorageState(version: number, rawJson: Uint8Array | string): { state: ObjectView; diagnostics: Diagnostic[] } {
  const none = new ObjectView(currentType, null);
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
  const type = version === 0 ? v0Type : currentType;
  const decoded = decodeJson(rawJson, type, { ignoreUndefinedAttributes: true, what: `stored state (schema version ${version})` });
  if (!decoded.ok) return { state: none, diagnostics: decoded.diagnostics };
  if (decoded.value === null) return { state: none, diagnostics: [] };

  const old = decoded.value as ValueRecord;
  const next = record();
  for (const name of Object.keys(currentType.attributes)) next[name] = old[name] ?? null;
  // v0 could hold null here; the attribute now has a default, and null would show as a change.
  if (next.disable_on_destroy === null) next.disable_on_destroy = false;
  if (next.set_pin_before_deregister === null) next.set_pin_before_deregister = false;
  next.pin_wo = null; // write-only: never in state
  if (next.id === null && typeof next.phone_number_id === 'string') next.id = next.phone_number_id;
  return { state: new ObjectView(currentType, next), diagnostics: [] };
}
