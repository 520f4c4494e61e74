/**
 * The constructs' logic, written once for any CDK for Terraform library. Users import
 * an entry point instead: `whatsapp-local-storage/cdktf` or `whatsapp-local-storage/cdktn`.
 */
export {
  cdkLibrary,
  type CdkLibrary,
  type CdkModule,
  type CdkTypes,
  type LocalStorageConfig,
  type LocalStorageResource,
  type PhoneNumbersConfig,
  type VariableConfig,
} from './library';
export { LocalStorageConstruct, localStorageProblems, pinVariable, type LocalStorageProps } from './local-storage';
export { LocalStorageGroupConstruct, type LocalStorageGroupProps } from './group';
export { WabaStoragePolicyConstruct, wabaPolicyProblems, type WabaStoragePolicyProps } from './waba-policy';
export { checkProvider, providerPropProblems, type WhatsAppProviderProps } from './provider';
export { LOCAL_STORAGE_REGIONS, parseLocalStorage, parseLocalStorageRegion, type LocalStorageRegion, type ParsedStorage } from './regions';
export { NO_STORAGE_RETENTION_MINUTES } from '../cloud-api/no-storage';
export { STORAGE_MODES, type StorageMode } from '../engine/storage-modes';
