/** data "whatsapp_phone_number": one read through the engine. */
import { errorDiag } from '../../plugin/diagnostics';
import { asEngineError } from '../engine-diagnostics';
import { numberReadDiagnostic } from '../number-read-diagnostic';
import { requireEngine } from '../provider-context';
import { attributeNames, viewOf } from '../../plugin/schema/model';
import { PHONE_NUMBER_TYPE, phoneNumberDataSourceSchema } from '../schema/phone-number-data-source';
import type { DataSource } from '../provider-context';

const ATTRIBUTES = attributeNames(phoneNumberDataSourceSchema);

export const phoneNumberDataSource: DataSource<typeof phoneNumberDataSourceSchema> = {
  typeName: PHONE_NUMBER_TYPE,
  schema: phoneNumberDataSourceSchema,

  async read(config, ctx) {
    const id = config.knownString('phone_number_id');
    if (id === undefined)
      return {
        state: config,
        diagnostics: [errorDiag('phone_number_id unknown', 'phone_number_id must be known to read the number.', ['phone_number_id'])],
      };
    const engine = requireEngine(ctx, `read phone number ${id}`);
    try {
      const info = await engine.phoneNumber(id, ctx.signal);
      const version = engine.versionLifecycle();
      const values: Record<string, string | number | boolean | null> = {
        phone_number_id: id,
        display_phone_number: info.display_phone_number ?? null,
        verified_name: info.verified_name ?? null,
        code_verification_status: info.code_verification_status ?? null,
        platform_type: info.platform_type ?? null,
        status: info.status ?? null,
        quality_rating: info.quality_rating ?? null,
        name_status: info.name_status ?? null,
        throughput_level: info.throughput_level ?? null,
        registered: info.registered,
        storage_status: info.storage_status,
        storage_mode: info.storage_mode ?? null,
        data_localization_region: info.data_localization_region ?? null,
        retention_minutes: info.retention_minutes ?? null,
        api_version: version.configured,
        effective_api_version: version.effective,
        effective_api_version_available_until: version.effectiveAvailableUntil ?? null,
      };
      return { state: viewOf(phoneNumberDataSourceSchema, values), diagnostics: [] };
    } catch (err) {
      return { state: config, diagnostics: [numberReadDiagnostic(id, asEngineError(err), { attributes: ATTRIBUTES }, 'nothing_read')] };
    }
  },
};
