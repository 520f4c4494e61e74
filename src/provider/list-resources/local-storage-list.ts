/**
 * `list "whatsapp_local_storage"`: the numbers of a WABA as whatsapp_local_storage
 * objects, streamed page by page, so `terraform query` can show them and
 * `-generate-config-out` can write resource and import blocks for each.
 */
import { storageAsRegion } from '../../engine/storage-state';
import { filterNeedsStorage, filterWabaNumbers, type WabaNumber } from '../../engine/waba-numbers';
import { DiagnosticsError, errorDiag } from '../../plugin/diagnostics';
import type { BlockSchema } from '../../plugin/schema/model';
import { adoptedState } from '../resources/local-storage-adopted';
import { wabaReadDiagnostic } from '../data-sources/waba-read-diagnostic';
import { requireEngine, type ListResource } from '../provider-context';
import { LOCAL_STORAGE_TYPE, type LocalStorageView } from '../schema/local-storage-resource';
import { wabaFilterAttributes, wabaFilterFrom } from '../schema/waba-filter';

export const localStorageListSchema = {
  version: 0,
  description:
    'Lists the phone numbers of a WhatsApp Business Account as `whatsapp_local_storage` objects (Terraform 1.14+ `terraform query`). ' +
    'With `-generate-config-out`, Terraform writes a resource and an import block for each number. ' +
    'Set `registered_only = true` to adopt without changes: `whatsapp_local_storage` keeps its number registered, so the configuration generated for an unregistered number ' +
    'would register it (and needs its `pin`); such numbers show as "not registered" in the listing.',
  attributes: wabaFilterAttributes,
} satisfies BlockSchema;

/** A listed number as whatsapp_local_storage state, as an import followed by a read would record it. */
export function localStorageStateOf(n: WabaNumber): LocalStorageView {
  return adoptedState(n.id).with({
    registered: n.registered,
    display_phone_number: n.display_phone_number ?? null,
    storage_status: n.storage_status ?? null,
    data_localization_region:
      n.storage_status === undefined ? null : (storageAsRegion({ status: n.storage_status, region: n.data_localization_region }) ?? null),
    storage_mode: n.storage_mode ?? null,
    retention_minutes: n.retention_minutes ?? null,
  });
}

function displayName(n: WabaNumber): string {
  const name = [n.display_phone_number, n.verified_name ? `(${n.verified_name})` : undefined].filter(Boolean).join(' ') || n.id;
  return n.registered ? name : `${name}, not registered`;
}

export const localStorageListResource: ListResource<typeof localStorageListSchema> = {
  typeName: LOCAL_STORAGE_TYPE,
  schema: localStorageListSchema,

  validate() {
    return [];
  },

  async *list({ config, includeResource, limit, ctx }) {
    const wabaId = config.knownString('waba_id');
    if (wabaId === undefined)
      throw new DiagnosticsError([errorDiag('waba_id unknown', 'waba_id must be known to list the numbers.', ['waba_id'])]);
    const engine = requireEngine(ctx, `list the numbers of WABA ${wabaId}`);
    const filter = wabaFilterFrom(config);
    const withStorage = includeResource || filterNeedsStorage(filter);
    let sent = 0;
    try {
      for await (const page of engine.wabaNumberPages(wabaId, { withStorage, registeredOnly: filter.registeredOnly, signal: ctx.signal })) {
        for (const n of filterWabaNumbers(page, filter)) {
          if (sent >= limit) return;
          sent += 1;
          yield {
            identity: { phone_number_id: n.id },
            displayName: displayName(n),
            ...(includeResource ? { resource: localStorageStateOf(n) } : {}),
          };
        }
        if (sent >= limit) return;
      }
    } catch (err) {
      if (err instanceof DiagnosticsError) throw err;
      throw new DiagnosticsError([wabaReadDiagnostic(wabaId, err)]);
    }
  },
};
