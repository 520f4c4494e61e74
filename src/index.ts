/**
 * whatsapp-local-storage: the package's root entry point.
 *
 * The parts are also entry points of their own (`whatsapp-local-storage/engine`,
 * `/cloud-api`, `/emulator`, `/cdktf`, `/cdktn`); the root gathers the ones that need no
 * peer dependency, as namespaces so their names never collide.
 */
export * as engine from './engine';
export * as cloudApi from './cloud-api';
export * as emulator from './emulator';
export { startEmulator, type StartEmulatorOptions } from './emulator';
export { LocalStorageEngine, SUPPORTED_REGIONS, type EngineConfig } from './engine';
export { GraphApiClient, type GraphClientConfig } from './cloud-api';
