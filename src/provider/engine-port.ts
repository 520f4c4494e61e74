/**
 * The part of the engine (src/engine) the provider uses, as one narrow
 * interface: resources depend on this, and configure builds it.
 */
import type { VersionLifecycle } from '../cloud-api/api-version';
import type { PhoneNumberInfo } from '../engine/observe';
import type { WabaNumber, WabaReadOptions } from '../engine/waba-numbers';
import type { ApiVersion, ConvergeOptions, ConvergencePlan, ConvergeResult, DesiredState, ObservedState } from '../engine/types';

export interface EnginePort {
  observe(phoneNumberId: string, signal?: AbortSignal): Promise<ObservedState>;
  plan(observed: ObservedState, desired: DesiredState): ConvergencePlan;
  versionLifecycle(): VersionLifecycle;
  flowApiVersion(): ApiVersion;
  /** Meta's clock (epoch ms), the clock of the quota ledger. */
  now(): number;
  meanLatencyMs(): number | undefined;
  converge(phoneNumberId: string, desired: DesiredState, options: ConvergeOptions): Promise<ConvergeResult>;
  phoneNumber(phoneNumberId: string, signal?: AbortSignal): Promise<PhoneNumberInfo>;
  wabaNumbers(wabaId: string, options?: WabaReadOptions): Promise<WabaNumber[]>;
  wabaNumberPages(wabaId: string, options?: WabaReadOptions): AsyncIterable<WabaNumber[]>;
}

export interface EngineSettings {
  accessToken: string;
  apiVersion: ApiVersion;
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** At most this many numbers between their deregister and register at once (default 1). */
  maxNumbersOffline?: number;
}
