/**
 * Meta's No Storage rule, defined once for the emulator, the engine, the
 * provider schema and the construct: the retentions (minutes message data may
 * stay in transit) Meta accepts, on /settings (`retention_minutes`) and on the
 * legacy /register (`meta_store_retention_minutes`). Meta's No Storage page
 * names 60 only; when Meta adds one, this is the one edit.
 */
export const NO_STORAGE_RETENTION_MINUTES: readonly number[] = [60];
