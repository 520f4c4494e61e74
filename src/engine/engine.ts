/**
 * LocalStorageEngine: the facade the provider, the CLI and library users call.
 * Owns one Graph client per configuration (so one keep-alive pool), reads
 * numbers, plans and converges. converge() never throws for API failures: it
 * answers ok:false with an actionable error and the observed truth.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphApiClient, type RetryNotice } from '../cloud-api/client';
import { ApiVersionError, DEFAULT_API_VERSION, parseApiVersion, type VersionLifecycle } from '../cloud-api/api-version';
import { explainInvalidBaseUrl } from '../cloud-api/base-url';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../cloud-api/retry';
import { engineError, EngineFailure, toEngineError, type Wording } from './engine-errors';
import { ENGINE_INPUT_NAMES, type InputNames } from './engine-inputs';
import { requireGraphId } from './validation';
import { executeConvergence } from './executor';
import { planConvergence } from './planner';
import { currentLifecycle, flowVersion } from './version-flow';
import { readNumber, toPhoneNumberInfo, toSummary, type PhoneNumberInfo, type PhoneNumberSummary } from './observe';
import { readWabaNumbers, wabaNumberPages, type WabaNumber, type WabaReadOptions } from './waba-numbers';
import type { ApiVersion, ConvergeOptions, ConvergencePlan, ConvergeResult, DesiredState, EngineEvent, ObservedState } from './types';

export interface EngineConfig {
  accessToken: string;
  /** Default: the newest version in the table (src/cloud-api/api-version.ts); v20.0 and older use the legacy /register flow while Meta still serves them. */
  apiVersion?: string;
  /** Default https://graph.facebook.com */
  baseUrl?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Retries per call (client) and extra attempts per write (executor); default 3. */
  maxRetries?: number;
  userAgent?: string;
  /** Backoff base in ms (default 500); tests pass a few ms. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Longest wait accepted when Meta asks for one (Retry-After, usage header); default 2 minutes. */
  maxRateLimitWaitMs?: number;
  /** How the caller's users spell the engine's inputs in its messages; default the engine's own field names. */
  inputNames?: InputNames;
}

export class LocalStorageEngine {
  readonly apiVersion: ApiVersion;
  private readonly client: GraphApiClient;
  private readonly policy: RetryPolicy;
  private readonly maxWriteAttempts: number;
  private readonly wording: Wording;
  // Client retries are reported to the converge() call that caused them, even when several run at once.
  private readonly retryListener = new AsyncLocalStorage<(event: EngineEvent) => void>();

  /** Throws an EngineFailure (invalid_input at accessToken, apiVersion or baseUrl) for a configuration it cannot use. */
  static fromConfig(config: EngineConfig): LocalStorageEngine {
    return new LocalStorageEngine(config);
  }

  constructor(config: EngineConfig) {
    const names = config.inputNames ?? ENGINE_INPUT_NAMES;
    this.apiVersion = checkedConfig(config, names);
    const maxRetries = config.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries;
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      maxRetries,
      baseDelayMs: config.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: config.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      maxRateLimitWaitMs: config.maxRateLimitWaitMs ?? DEFAULT_RETRY_POLICY.maxRateLimitWaitMs,
    };
    this.maxWriteAttempts = maxRetries + 1;
    this.client = new GraphApiClient({
      accessToken: config.accessToken,
      apiVersion: this.apiVersion,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      maxRetries,
      retryBaseDelayMs: this.policy.baseDelayMs,
      retryMaxDelayMs: this.policy.maxDelayMs,
      maxRateLimitWaitMs: this.policy.maxRateLimitWaitMs,
      userAgent: config.userAgent,
      names,
      onRetry: (n: RetryNotice) =>
        this.retryListener.getStore()?.({
          type: 'retry',
          operation: n.operation,
          attempt: n.attempt,
          delayMs: n.delayMs,
          reason: n.reason,
        }),
    });
    this.wording = { redact: (text) => this.client.redact(text), names };
  }

  /** The current state of a number. Throws an EngineFailure (no secrets inside). */
  observe(phoneNumberId: string, signal?: AbortSignal): Promise<ObservedState> {
    return this.failingAsEngine(async () => {
      requireGraphId(phoneNumberId, 'phoneNumberId', this.wording.names);
      return (await readNumber(this.client, phoneNumberId, signal)).observed;
    });
  }

  /** Plans in the flow of the version Meta answers with (see versionLifecycle). */
  plan(observed: ObservedState, desired: DesiredState): ConvergencePlan {
    return planConvergence(observed, desired, this.flowApiVersion(), this.wording.names);
  }

  /**
   * Where the configured version stands: the version that answers it and the dates. Uses
   * the answer headers of the last call (Meta's own clock and version) when there was one.
   */
  versionLifecycle(): VersionLifecycle {
    return currentLifecycle(this.client, this.apiVersion, this.wording.names);
  }

  /** Meta's "now" (the Date of its last answer applied to our clock), in epoch ms: the quota ledger's clock. */
  now(): number {
    return this.client.serverNow();
  }

  /** Mean time Graph took to answer this engine's requests so far, in ms; undefined before the first. */
  meanLatencyMs(): number | undefined {
    return this.client.meanLatencyMs();
  }

  /** The configured version with the flow of the version that answers it now. */
  flowApiVersion(): ApiVersion {
    return flowVersion(this.client, this.apiVersion);
  }

  /** Brings the number to `desired`. Never throws for API failures; see ConvergeResult. */
  converge(phoneNumberId: string, desired: DesiredState, options: ConvergeOptions = {}): Promise<ConvergeResult> {
    const run = () =>
      executeConvergence(
        {
          client: this.client,
          apiVersion: this.apiVersion,
          maxWriteAttempts: this.maxWriteAttempts,
          retryPolicy: this.policy,
          names: this.wording.names,
        },
        phoneNumberId,
        desired,
        options,
      );
    const listener = options.onEvent;
    if (!listener) return run();
    const safe = (event: EngineEvent) => {
      try {
        listener(
          event.type === 'retry' ? { ...event, reason: this.client.redact(event.reason, options.pin, options.verificationCode) } : event,
        );
      } catch {
        // listeners cannot break a run
      }
    };
    return this.retryListener.run(safe, run);
  }

  /** Everything the whatsapp_phone_number data source shows. */
  phoneNumber(phoneNumberId: string, signal?: AbortSignal): Promise<PhoneNumberInfo> {
    return this.failingAsEngine(async () => {
      requireGraphId(phoneNumberId, 'phoneNumberId', this.wording.names);
      const { node, observed } = await readNumber(this.client, phoneNumberId, signal);
      return toPhoneNumberInfo(node, observed);
    });
  }

  /** Every number of a WABA (follows paging). Storage is not included: read it per number with phoneNumber(). */
  listPhoneNumbers(wabaId: string, signal?: AbortSignal): Promise<PhoneNumberSummary[]> {
    return this.failingAsEngine(async () => {
      requireGraphId(wabaId, 'wabaId', this.wording.names);
      return (await this.client.listPhoneNumbers(wabaId, {}, { signal })).map(toSummary);
    });
  }

  /** Every number of a WABA, with each one's storage when `withStorage` (bounded concurrency). Throws an EngineFailure naming the WABA. */
  wabaNumbers(wabaId: string, options: WabaReadOptions = {}): Promise<WabaNumber[]> {
    return this.failingAsEngine(() => readWabaNumbers(this.client, wabaId, options, this.wording));
  }

  /** The same, page by page (for streaming to a caller that may stop early). */
  wabaNumberPages(wabaId: string, options: WabaReadOptions = {}): AsyncGenerator<WabaNumber[]> {
    return wabaNumberPages(this.client, wabaId, options, this.wording);
  }

  /** Scrubs the token and the given secrets from text (for callers' own diagnostics). */
  redact(text: string, ...secrets: Array<string | undefined>): string {
    return this.client.redact(text, ...secrets);
  }

  private async failingAsEngine<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      throw new EngineFailure(toEngineError(e, this.wording));
    }
  }

  /** Releases keep-alive sockets. */
  close(): void {
    this.client.close();
  }
}

/**
 * The configured version, once the connection settings are known to be usable: each problem is an
 * EngineFailure at its input, worded in the caller's names (the client checks them again itself).
 */
function checkedConfig(config: EngineConfig, names: InputNames): ApiVersion {
  const invalid = (field: 'accessToken' | 'apiVersion' | 'baseUrl', message: string) =>
    new EngineFailure(engineError('invalid_input', message, { field }));
  if (typeof config.accessToken !== 'string' || config.accessToken.trim() === '') {
    throw invalid('accessToken', `${names.accessToken} is empty: pass the token of a system user with whatsapp_business_management.`);
  }
  const baseUrlProblem = config.baseUrl === undefined ? undefined : explainInvalidBaseUrl(config.baseUrl, names);
  if (baseUrlProblem) throw invalid('baseUrl', baseUrlProblem);
  try {
    return parseApiVersion(config.apiVersion ?? DEFAULT_API_VERSION, names.apiVersion);
  } catch (e) {
    if (e instanceof ApiVersionError) throw invalid(e.field, e.message);
    throw e;
  }
}
