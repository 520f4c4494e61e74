/** data "whatsapp_phone_numbers": a WABA's numbers through the engine, filtered. */
import { filterNeedsStorage, filterWabaNumbers, type WabaNumber } from '../../engine/waba-numbers';
import { errorDiag } from '../../plugin/diagnostics';
import type { Value } from '../../plugin/values/value';
import { requireEngine, type DataSource } from '../provider-context';
import { PHONE_NUMBERS_TYPE, phoneNumbersDataSourceSchema } from '../schema/phone-numbers-data-source';
import { wabaFilterFrom } from '../schema/waba-filter';
import { wabaReadDiagnostic } from './waba-read-diagnostic';

/** One listed number as the object `phone_numbers` holds. */
export function wabaNumberValue(n: WabaNumber): Record<string, Value> {
  return {
    id: n.id,
    display_phone_number: n.display_phone_number ?? null,
    verified_name: n.verified_name ?? null,
    registered: n.registered,
    status: n.status ?? null,
    platform_type: n.platform_type ?? null,
    code_verification_status: n.code_verification_status ?? null,
    storage_status: n.storage_status ?? null,
    storage_mode: n.storage_mode ?? null,
    data_localization_region: n.data_localization_region ?? null,
    retention_minutes: n.retention_minutes ?? null,
  };
}

export const phoneNumbersDataSource: DataSource<typeof phoneNumbersDataSourceSchema> = {
  typeName: PHONE_NUMBERS_TYPE,
  schema: phoneNumbersDataSourceSchema,

  async read(config, ctx) {
    const wabaId = config.knownString('waba_id');
    if (wabaId === undefined)
      return { state: config, diagnostics: [errorDiag('waba_id unknown', 'waba_id must be known to list the numbers.', ['waba_id'])] };
    const engine = requireEngine(ctx, `list the numbers of WABA ${wabaId}`);
    const filter = wabaFilterFrom(config);
    const withStorage = config.knownBool('include_storage') === true || filterNeedsStorage(filter);
    try {
      const numbers = filterWabaNumbers(
        await engine.wabaNumbers(wabaId, { withStorage, registeredOnly: filter.registeredOnly, signal: ctx.signal }),
        filter,
      );
      ctx.log.debug(`whatsapp_phone_numbers ${wabaId}: ${numbers.length} numbers`, { waba_id: wabaId, with_storage: withStorage });
      return {
        state: config.with({ id: wabaId, ids: numbers.map((n) => n.id), phone_numbers: numbers.map(wabaNumberValue) }),
        diagnostics: [],
      };
    } catch (err) {
      return { state: config, diagnostics: [wabaReadDiagnostic(wabaId, err)] };
    }
  },
};
