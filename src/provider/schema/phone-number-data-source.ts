/** `data "whatsapp_phone_number"`: what Graph knows about one phone number. */
import { t } from '../../plugin/values/cty-type';
import { graphId } from '../validators/whatsapp-validators';
import type { BlockSchema } from '../../plugin/schema/model';

export const PHONE_NUMBER_TYPE = 'whatsapp_phone_number';

const computedString = (description: string) => ({ type: t.string, computed: true, description });

export const phoneNumberDataSourceSchema = {
  version: 0,
  description: 'Reads a WhatsApp Business phone number: its registration, verification, quality and Local Storage setting.',
  attributes: {
    phone_number_id: {
      type: t.string,
      required: true,
      validators: [graphId('phone_number_id')],
      description: 'The phone number id (digits only).',
    },
    display_phone_number: computedString('The number as WhatsApp displays it.'),
    verified_name: computedString('The business display name Meta verified for this number.'),
    code_verification_status: computedString('`VERIFIED`, `NOT_VERIFIED`, `EXPIRED`, or a newer value verbatim.'),
    platform_type: computedString('`CLOUD_API`, `ON_PREMISE`, `NOT_APPLICABLE`, or a newer value verbatim.'),
    status: computedString('Connection status, for example `CONNECTED`, `PENDING`, `FLAGGED`.'),
    quality_rating: computedString('Quality rating, for example `GREEN`, `YELLOW`, `RED`, `UNKNOWN`.'),
    name_status: computedString('Review status of the display name, for example `APPROVED`.'),
    throughput_level: computedString('Messaging throughput level, for example `STANDARD` or `HIGH`.'),
    registered: { type: t.bool, computed: true, description: 'Whether the number is registered with Cloud API.' },
    storage_status: computedString(
      'Storage status: `IN_COUNTRY_STORAGE_ENABLED`, `DEFAULT`, `NO_STORAGE_ENABLED`, or a newer status verbatim.',
    ),
    storage_mode: computedString(
      "The storage mode: `IN_COUNTRY`, `DEFAULT` (Meta's default storage) or `NO_STORAGE`; null for a status this provider does not know (see `storage_status`).",
    ),
    data_localization_region: computedString('The Local Storage country code when storage is in-country; null otherwise.'),
    retention_minutes: {
      type: t.number,
      computed: true,
      description: 'With No Storage: how long message data stays in transit, in minutes; null otherwise.',
    },
    api_version: computedString('The Graph API version the provider is configured with (`api_version`).'),
    effective_api_version: computedString(
      'The Graph API version that answered the read: `api_version` itself while Meta serves it; once it has stopped, the oldest version Meta still serves, which answers for it (and whose flow the provider then uses).',
    ),
    effective_api_version_available_until: computedString(
      "The date (`YYYY-MM-DD`, UTC) until which Meta serves `effective_api_version`, from Meta's Graph API changelog; null while Meta has set none.",
    ),
  },
} satisfies BlockSchema;
