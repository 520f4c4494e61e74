/**
 * The attributes that pick numbers out of a WABA, shared by the
 * whatsapp_phone_numbers data source and the whatsapp_local_storage list
 * resource, and how a configuration becomes an engine filter.
 */
import type { WabaNumberFilter } from '../../engine/waba-numbers';
import type { AttributeMap, AttributeTypesOf } from '../../plugin/schema/model';
import { stringValidator } from '../../plugin/validators/string-validators';
import { t } from '../../plugin/values/cty-type';
import type { ObjectView } from '../../plugin/values/object-view';
import { graphId, localStorageRegion } from '../validators/whatsapp-validators';

const STORAGE_STATUSES = ['IN_COUNTRY_STORAGE_ENABLED', 'DEFAULT'];

export const wabaFilterAttributes = {
  waba_id: {
    type: t.string,
    required: true,
    validators: [graphId('waba_id')],
    description: 'The WhatsApp Business Account id (digits only, as shown in WhatsApp Manager > Account tools).',
  },
  registered_only: {
    type: t.bool,
    optional: true,
    description: 'When `true`, only numbers registered with Cloud API (able to send and receive messages).',
  },
  storage_status: {
    type: t.string,
    optional: true,
    validators: [
      stringValidator((value) =>
        STORAGE_STATUSES.includes(value.toUpperCase()) || value.toUpperCase() === 'IN_COUNTRY_STORAGE_DISABLED'
          ? undefined
          : {
              summary: 'Invalid storage_status',
              detail: `storage_status must be IN_COUNTRY_STORAGE_ENABLED (Local Storage on) or DEFAULT (off); got "${value}".`,
            },
      ),
    ],
    description:
      "Only numbers whose storage status is this: `IN_COUNTRY_STORAGE_ENABLED` (Local Storage on) or `DEFAULT` (off). Reads each number's storage.",
  },
  data_localization_region: {
    type: t.string,
    optional: true,
    validators: [localStorageRegion()],
    description: "Only numbers keeping their data in this region (for example `DE`). Reads each number's storage.",
  },
} satisfies AttributeMap;

/** The filter a (known) configuration asks for. */
/** A view of any configuration that holds the filter attributes (the data source's and the list resource's). */
export type WabaFilterView = ObjectView<AttributeTypesOf<typeof wabaFilterAttributes>>;

export function wabaFilterFrom(config: WabaFilterView): WabaNumberFilter {
  const filter: WabaNumberFilter = {};
  if (config.knownBool('registered_only') === true) filter.registeredOnly = true;
  const status = config.knownString('storage_status');
  if (status !== undefined) filter.storageStatus = status;
  const region = config.knownString('data_localization_region');
  if (region !== undefined) filter.region = region;
  return filter;
}
