/**
 * Every resource, data source and list resource type the whatsapp provider serves: the one list.
 * The server's dispatch, GetMetadata, GetProviderSchema and its "it offers ..."
 * sentence, and the schema index (docs, tests) all derive from it.
 */
import { localStorageRegionsDataSource } from './data-sources/local-storage-regions';
import { phoneNumberDataSource } from './data-sources/phone-number';
import { phoneNumbersDataSource } from './data-sources/phone-numbers';
import { localStorageListResource } from './list-resources/local-storage-list';
import type { DataSource, ListResource, ManagedResource } from './provider-context';
import { localStorageResource } from './resources/local-storage';

export const PROVIDER_NAME = 'whatsapp';

export const RESOURCES: readonly ManagedResource[] = [localStorageResource];

export const DATA_SOURCES: readonly DataSource[] = [phoneNumberDataSource, phoneNumbersDataSource, localStorageRegionsDataSource];

export const LIST_RESOURCES: readonly ListResource[] = [localStorageListResource];
