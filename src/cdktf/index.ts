/**
 * CDKTF constructs for WhatsApp Cloud API Local Storage (docs/cdktf.md).
 * The generated L1 bindings are exported as `bindings`; the constructs here sit on top of them.
 */
export { WhatsAppLocalStorage, localStorageProblems, type WhatsAppLocalStorageProps } from './local-storage';
export { WhatsAppLocalStorageGroup, type WhatsAppLocalStorageGroupProps } from './group';
export { WhatsAppProvider, providerPropProblems, type WhatsAppProviderProps } from './provider';
export { LOCAL_STORAGE_REGIONS, parseLocalStorage, parseLocalStorageRegion, type LocalStorageRegion, type ParsedStorage } from './regions';
export { NO_STORAGE_RETENTION_MINUTES } from '../cloud-api/no-storage';
export { STORAGE_MODES, type StorageMode } from '../engine/storage-modes';
export * as bindings from './generated/providers/whatsapp';
export { WhatsAppWabaStoragePolicy, wabaPolicyProblems, type WhatsAppWabaStoragePolicyProps } from './waba-policy';
