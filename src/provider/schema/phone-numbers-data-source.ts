/** `data "whatsapp_phone_numbers"`: every number of a WhatsApp Business Account. */
import { t } from '../../plugin/values/cty-type';
import type { BlockSchema } from '../../plugin/schema/model';
import { wabaFilterAttributes } from './waba-filter';

export const PHONE_NUMBERS_TYPE = 'whatsapp_phone_numbers';

/** One element of `phone_numbers`. */
export const WABA_NUMBER_TYPE = t.object({
  id: t.string,
  display_phone_number: t.string,
  verified_name: t.string,
  registered: t.bool,
  status: t.string,
  platform_type: t.string,
  code_verification_status: t.string,
  storage_status: t.string,
  storage_mode: t.string,
  data_localization_region: t.string,
  retention_minutes: t.number,
});

export const phoneNumbersDataSourceSchema = {
  version: 0,
  description:
    "Lists every phone number of a WhatsApp Business Account (all pages: the list is complete or the read fails), optionally with each number's Local Storage setting.\n\n" +
    'Use it with `import` blocks and `for_each` to bring a whole WABA under management in one apply that changes nothing (see the bulk adoption guide).',
  attributes: {
    ...wabaFilterAttributes,
    include_storage: {
      type: t.bool,
      optional: true,
      description:
        "When `true`, read each number's storage status and region too (one request per number, several at a time). " +
        'Filtering by `storage_status` or `data_localization_region` reads them as well. Otherwise the storage attributes of each number are null.',
    },
    id: { type: t.string, computed: true, description: 'Same as `waba_id`.' },
    ids: { type: t.list(t.string), computed: true, description: 'The ids of the listed numbers, in the order Graph lists them.' },
    phone_numbers: {
      type: t.list(WABA_NUMBER_TYPE),
      computed: true,
      description:
        'The listed numbers: `id`, `display_phone_number`, `verified_name`, `registered`, `status`, `platform_type`, `code_verification_status`, ' +
        'and, when storage is read, `storage_status`, `storage_mode` (`IN_COUNTRY`, `DEFAULT` or `NO_STORAGE`, null for a status the provider does not manage), ' +
        '`data_localization_region` (null unless in-country) and `retention_minutes` (No Storage only): the three a `whatsapp_local_storage` resource states.',
    },
  },
} satisfies BlockSchema;
