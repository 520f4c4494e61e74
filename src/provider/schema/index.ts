/** Every schema the provider serves, by type name. */
import { localStorageResourceSchema, LOCAL_STORAGE_TYPE } from './local-storage-resource';
import type { BlockSchema } from '../../plugin/schema/model';
import { phoneNumberDataSourceSchema, PHONE_NUMBER_TYPE } from './phone-number-data-source';
import { phoneNumbersDataSourceSchema, PHONE_NUMBERS_TYPE } from './phone-numbers-data-source';
import { providerConfigSchema } from './provider-config';
import { regionsDataSourceSchema, REGIONS_TYPE } from './regions-data-source';

export const PROVIDER_ADDRESS = 'registry.terraform.io/waba/whatsapp';

export const resourceSchemas: Readonly<Record<string, BlockSchema>> = {
  [LOCAL_STORAGE_TYPE]: localStorageResourceSchema,
};

export const dataSourceSchemas: Readonly<Record<string, BlockSchema>> = {
  [PHONE_NUMBER_TYPE]: phoneNumberDataSourceSchema,
  [PHONE_NUMBERS_TYPE]: phoneNumbersDataSourceSchema,
  [REGIONS_TYPE]: regionsDataSourceSchema,
};

export { providerConfigSchema };
export * from '../../plugin/schema/model';
