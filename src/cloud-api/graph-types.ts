/** Shapes of the Graph responses and requests this client uses (only the fields we read or write). */

export interface SuccessResponse {
  success: boolean;
}

export interface PhoneNumberNode {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  code_verification_status?: string;
  platform_type?: string;
  status?: string;
  quality_rating?: string;
  name_status?: string;
  throughput?: { level?: string };
  is_on_biz_app?: boolean;
  [field: string]: unknown;
}

export interface StorageConfigurationRead {
  status?: string;
  data_localization_region?: string;
  [field: string]: unknown;
}

export interface PhoneNumberSettings {
  storage_configuration?: StorageConfigurationRead;
  [field: string]: unknown;
}

export type StorageConfigurationWrite =
  | { status: 'IN_COUNTRY_STORAGE_ENABLED'; data_localization_region: string }
  | { status: 'IN_COUNTRY_STORAGE_DISABLED' }
  | { status: 'NO_STORAGE_ENABLED'; retention_minutes: number };

export interface RegisterRequest {
  pin: string;
  /** v20.0 and older: enables Local Storage in this region while registering. */
  dataLocalizationRegion?: string;
  /** v20.0 and older: enables No Storage with this retention while registering (never with a region). */
  metaStoreRetentionMinutes?: number;
}

export interface RequestCodeRequest {
  codeMethod: 'SMS' | 'VOICE';
  /** Language of the message, e.g. "en_US". */
  language: string;
}

export interface PhoneNumberPage {
  data: PhoneNumberNode[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}
