/**
 * Typed client of the emulator's admin API (`/__emulator/...`, docs/emulator.md).
 * Tests, the demo and the benchmarks drive the emulator through this and Graph HTTP only.
 */
import axios, { AxiosInstance } from 'axios';
import type {
  CallLogEntry,
  ClockInfo,
  EmulatorOptions,
  EmulatorStateDump,
  EndpointName,
  FaultSpec,
  InjectedFault,
  PhoneNumberRecord,
  RandomFaultSpec,
  VerificationCodeInfo,
} from './types';

/** The message of an admin error answer, { error: { message } }, when the body has one. */
function adminErrorMessage(body: unknown): string | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

export interface CallFilter {
  endpoint?: EndpointName;
  phoneNumberId?: string;
  /** Only entries with seq greater than this. */
  sinceSeq?: number;
}

export interface FaultsInfo {
  faults: InjectedFault[];
  random: RandomFaultSpec | null;
  latencyMs: number;
}

export class EmulatorAdminClient {
  private readonly http: AxiosInstance;

  /** `baseUrl` is the emulator's URL, e.g. http://127.0.0.1:43125 (no version, no /__emulator). */
  constructor(readonly baseUrl: string) {
    this.http = axios.create({
      baseURL: `${baseUrl.replace(/\/+$/, '')}/__emulator`,
      timeout: 10_000,
      // Admin errors carry a plain { error: { message } }; surface them with the message.
      validateStatus: () => true,
      proxy: false,
    });
  }

  private async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, data?: unknown, params?: object): Promise<T> {
    const res = await this.http.request<unknown>({ method, url, data, params });
    if (res.status >= 400) {
      const message = adminErrorMessage(res.data) || `HTTP ${res.status}`;
      throw new Error(`emulator admin ${method} ${url} failed: ${message}`);
    }
    return res.data as T;
  }

  /** The ordered Graph call log (secrets redacted). */
  calls(filter: CallFilter = {}): Promise<CallLogEntry[]> {
    return this.call('GET', '/calls', undefined, filter);
  }

  async clearCalls(): Promise<void> {
    await this.call('DELETE', '/calls');
  }

  /** The next `times` (default 1) matching Graph calls fail as `spec` says. */
  injectFault(spec: FaultSpec): Promise<InjectedFault> {
    return this.call('POST', '/faults', spec);
  }

  faults(): Promise<FaultsInfo> {
    return this.call('GET', '/faults');
  }

  /** Removes injected faults and random faults (latency stays). */
  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** Every Graph call fails with probability `rate`; rate 0 turns it off. */
  setRandomFaults(spec: RandomFaultSpec): Promise<RandomFaultSpec> {
    return this.call('PUT', '/faults/random', spec);
  }

  /** Fixed milliseconds added to every Graph request (not to admin requests). */
  async setLatency(ms: number): Promise<void> {
    await this.call('PUT', '/latency', { ms });
  }

  clock(): Promise<ClockInfo> {
    return this.call('GET', '/clock');
  }

  advanceClock(ms: number): Promise<ClockInfo> {
    return this.call('POST', '/clock/advance', { ms });
  }

  /** Sets the emulator's "now" (epoch ms). */
  setClock(now: number): Promise<ClockInfo> {
    return this.call('PUT', '/clock', { now });
  }

  /** The last code request_code "sent" to the number, or undefined when none was sent. */
  async lastVerificationCode(phoneNumberId: string): Promise<string | undefined> {
    const info = await this.verificationCode(phoneNumberId);
    return info?.code;
  }

  async verificationCode(phoneNumberId: string): Promise<VerificationCodeInfo | undefined> {
    const res = await this.http.get(`/verification-codes/${encodeURIComponent(phoneNumberId)}`);
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw new Error(`emulator admin GET verification code failed: HTTP ${res.status}`);
    return res.data as VerificationCodeInfo;
  }

  /** Back to the seed: numbers, tokens, counters, clock, options, faults, latency and call log. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  state(): Promise<EmulatorStateDump> {
    return this.call('GET', '/state');
  }

  /** Sets stored fields directly (e.g. registered, storage_configuration with a status we do not know). */
  patchPhoneNumber(phoneNumberId: string, fields: Partial<PhoneNumberRecord>): Promise<PhoneNumberRecord> {
    return this.call('PATCH', `/phone-numbers/${encodeURIComponent(phoneNumberId)}`, fields);
  }

  options(): Promise<EmulatorOptions> {
    return this.call('GET', '/options');
  }

  setOptions(opts: Partial<EmulatorOptions>): Promise<EmulatorOptions> {
    return this.call('PATCH', '/options', opts);
  }
}
