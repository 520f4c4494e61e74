/**
 * Every resource and data source type the whatsapp provider serves: the one list.
 * The server's dispatch, GetMetadata, GetProviderSchema and its "it offers ..."
 * sentence, and the schema index (docs, tests) all derive from it.
 */
import { localStorageRegionsDataSource } from './data-sources/local-storage-regions';
import { phoneNumberDataSource } from './data-sources/phone-number';
import type { DataSource, ManagedResource } from './provider-context';
import { localStorageResource } from './resources/local-storage';

export const PROVIDER_NAME = 'whatsapp';

export const RESOURCES: readonly ManagedResource[] = [localStorageResource];

export const DATA_SOURCES: readonly DataSource[] = [phoneNumberDataSource, localStorageRegionsDataSource];
