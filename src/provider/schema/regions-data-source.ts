/** `data "whatsapp_local_storage_regions"`: the supported countries. */
import { t } from '../../plugin/values/cty-type';
import type { BlockSchema } from '../../plugin/schema/model';

export const REGIONS_TYPE = 'whatsapp_local_storage_regions';

export const regionObjectType = t.object({ code: t.string, country: t.string, area: t.string });

export const regionsDataSourceSchema = {
  version: 0,
  description:
    'Lists the countries Cloud API Local Storage can keep data in (the values `data_localization_region` accepts). Needs no API call.',
  attributes: {
    codes: { type: t.list(t.string), computed: true, description: 'The region codes, for example `["AU", "IN", ...]`.' },
    regions: {
      type: t.list(regionObjectType),
      computed: true,
      description: 'The regions with details: `code` (ISO 3166-1 alpha-2), `country` (English name) and `area` (for example `Europe`).',
    },
  },
} satisfies BlockSchema;
