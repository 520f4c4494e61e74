/** data "whatsapp_local_storage_regions": the supported list, no API call. */
import { SUPPORTED_REGIONS } from '../../engine/regions';
import { viewOf } from '../../plugin/schema/model';
import { REGIONS_TYPE, regionsDataSourceSchema } from '../schema/regions-data-source';
import { record } from '../../plugin/values/value';
import type { DataSource } from '../provider-context';

export const localStorageRegionsDataSource: DataSource<typeof regionsDataSourceSchema> = {
  typeName: REGIONS_TYPE,
  schema: regionsDataSourceSchema,

  async read() {
    const values = record({
      codes: SUPPORTED_REGIONS.map((r) => r.code),
      regions: SUPPORTED_REGIONS.map((r) => record({ code: r.code, country: r.country, area: r.area })),
    });
    return { state: viewOf(regionsDataSourceSchema, values), diagnostics: [] };
  },
};
