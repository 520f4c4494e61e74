/**
 * The phone number node's Graph fields. The client asks for the ones the engine reads; the
 * emulator, which plays Meta, answers every field listed here and refuses any other, as Graph does.
 */

/** Every field the engine reads from the phone number node. */
export const PHONE_NUMBER_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'code_verification_status',
  'platform_type',
  'status',
  'quality_rating',
  'name_status',
  'throughput',
] as const;

/** Every field of the node this project knows: the ones read, and others Graph serves that the engine leaves alone. */
export const PHONE_NUMBER_NODE_FIELDS = [
  ...PHONE_NUMBER_FIELDS,
  'is_on_biz_app',
  'is_pin_enabled',
  'account_mode',
  'is_official_business_account',
] as const;

export type PhoneNumberField = (typeof PHONE_NUMBER_NODE_FIELDS)[number];
