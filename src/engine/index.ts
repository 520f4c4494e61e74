export * from './types';
export * from './regions';
export { planConvergence, stepLabel } from './planner';
export { LocalStorageEngine } from './engine';
export type { EngineConfig } from './engine';
export { executeConvergence } from './executor';
export type { ExecutorDeps } from './executor';
export { isRegistered, toObservedState } from './observe';
export type { PhoneNumberInfo, PhoneNumberSummary } from './observe';
export { validatePhoneNumberId, validateWabaId, validateRegion, validatePin, validateVerificationCode } from './validation';
export { ENGINE_ERROR_KINDS, KIND_FIELD, EngineFailure, engineError, toEngineError, wrongPinRisk } from './engine-errors';
export type { EngineErrorKind, Wording } from './engine-errors';
export { ENGINE_INPUT_NAMES } from './engine-inputs';
export type { EngineInputField, EngineSubjects, InputNames, StorageField } from './engine-inputs';
export { describeStorage, describeRegion, storageMatches, normalizeStatus } from './storage-state';
export * from './storage-modes';
export { residencyChange, residencySummary } from './residency';
export type { ResidencyChange } from './residency';
export { targetOfStorage, modeOfStorage } from './storage-state';
export { REGION_CHANGE_DOWNTIME } from './downtime';
export {
  readWabaNumbers,
  wabaNumberPages,
  filterWabaNumbers,
  filterNeedsStorage,
  WABA_PAGE_SIZE,
  DEFAULT_STORAGE_CONCURRENCY,
} from './waba-numbers';
export type { WabaNumber, WabaNumberFilter, WabaReadOptions } from './waba-numbers';
export { decideQuota, quotaStatus, pruneLedger, quotaLine, QUOTA_LIMIT, QUOTA_WINDOW_HOURS } from './quota';
export type { QuotaEntry, QuotaDecision, QuotaStatus, QuotaOperation, QuotaOutcome } from './quota';
