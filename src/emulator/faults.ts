/**
 * Fault injection: queued faults for an endpoint (and number, method) that fire
 * on the next N matching calls (after letting `skip` of them through), a seeded random error rate, and fixed latency.
 */
import { ENDPOINT_NAMES } from './types';
import type { FaultErrorSpec, FaultSpec, InjectedFault, RandomFaultSpec } from './types';

export class FaultSpecError extends Error {}

export const RATE_LIMIT_ERROR: FaultErrorSpec = Object.freeze({
  code: 4,
  error_subcode: 2446079,
  http_status: 429,
  message: '(#4) Application request limit reached',
  is_transient: true,
});

const MODES = ['error', 'hang', 'reset', 'raw', 'slow', 'rate_limited'];
const DEFAULT_RANDOM_ERROR: FaultErrorSpec = { code: 2, http_status: 500, is_transient: true };

/** Small seeded PRNG (mulberry32): repeatable random faults for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkErrorSpec(e: unknown, where: string): FaultErrorSpec {
  if (typeof e !== 'object' || e === null || typeof (e as FaultErrorSpec).code !== 'number') {
    throw new FaultSpecError(`${where} must be an object with a numeric "code", e.g. {"code": 131000}`);
  }
  const s = e as FaultErrorSpec;
  if (s.http_status !== undefined && (!Number.isInteger(s.http_status) || s.http_status < 100 || s.http_status > 599)) {
    throw new FaultSpecError(`${where}.http_status must be an HTTP status between 100 and 599`);
  }
  return s;
}

export type FaultHit = { spec: FaultSpec; source: 'injected' | 'random' };

export class FaultBook {
  private faults: InjectedFault[] = [];
  private nextId = 1;
  random: RandomFaultSpec | null = null;
  private rng: () => number = Math.random;
  latencyMs = 0;

  add(raw: unknown): InjectedFault {
    if (typeof raw !== 'object' || raw === null) throw new FaultSpecError('fault spec must be a JSON object');
    const spec = raw as FaultSpec;
    if (spec.endpoint !== '*' && !ENDPOINT_NAMES.includes(spec.endpoint)) {
      throw new FaultSpecError(`fault "endpoint" must be "*" or one of ${ENDPOINT_NAMES.join(', ')}`);
    }
    if (!MODES.includes(spec.mode)) throw new FaultSpecError(`fault "mode" must be one of ${MODES.join(', ')}`);
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new FaultSpecError('fault "times" must be a positive integer');
    if (spec.skip !== undefined && (!Number.isInteger(spec.skip) || spec.skip < 0))
      throw new FaultSpecError('fault "skip" must be a whole number of calls (0 or more)');
    if (spec.mode === 'error') checkErrorSpec(spec.error ?? { code: 2 }, 'fault "error"');
    if (spec.mode === 'slow' && (!Number.isInteger(spec.delayMs) || (spec.delayMs as number) < 1 || (spec.delayMs as number) > 600_000)) {
      throw new FaultSpecError('fault "delayMs" (mode "slow") must be a whole number of milliseconds from 1 to 600000');
    }
    if (
      spec.mode === 'raw' &&
      spec.httpStatus !== undefined &&
      (!Number.isInteger(spec.httpStatus) || spec.httpStatus < 100 || spec.httpStatus > 599)
    ) {
      throw new FaultSpecError('fault "httpStatus" must be an HTTP status between 100 and 599');
    }
    if (
      spec.headers !== undefined &&
      (typeof spec.headers !== 'object' || spec.headers === null || !Object.values(spec.headers).every((v) => typeof v === 'string'))
    ) {
      throw new FaultSpecError('fault "headers" must be an object of header name to string value');
    }
    if (
      spec.mode === 'error' &&
      spec.httpStatus !== undefined &&
      (!Number.isInteger(spec.httpStatus) || spec.httpStatus < 100 || spec.httpStatus > 599)
    ) {
      throw new FaultSpecError('fault "httpStatus" must be an HTTP status between 100 and 599');
    }
    const fault: InjectedFault = { ...spec, times, remaining: times, id: this.nextId++ };
    if (fault.mode === 'error' && !fault.error) fault.error = { code: 2 };
    if (fault.mode === 'rate_limited') {
      // Meta's documented rate-limit answer on /register (OpenAPI description): code 4, subcode 2446079, HTTP 429.
      fault.mode = 'error';
      fault.error = { ...RATE_LIMIT_ERROR };
    }
    this.faults.push(fault);
    return fault;
  }

  list(): InjectedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
    this.random = null;
  }

  setRandom(raw: unknown): RandomFaultSpec {
    if (typeof raw !== 'object' || raw === null) throw new FaultSpecError('random fault spec must be a JSON object like {"rate": 0.1}');
    const spec = raw as RandomFaultSpec;
    if (typeof spec.rate !== 'number' || !(spec.rate >= 0 && spec.rate <= 1))
      throw new FaultSpecError('random fault "rate" must be a number from 0 to 1');
    if (
      spec.endpoints !== undefined &&
      (!Array.isArray(spec.endpoints) || !spec.endpoints.every((e) => e === '*' || ENDPOINT_NAMES.includes(e as never)))
    ) {
      throw new FaultSpecError(`random fault "endpoints" must list endpoint names: ${ENDPOINT_NAMES.join(', ')}`);
    }
    const error = spec.error === undefined ? DEFAULT_RANDOM_ERROR : checkErrorSpec(spec.error, 'random fault "error"');
    this.random = spec.rate === 0 ? null : { ...spec, error };
    this.rng = spec.seed !== undefined ? mulberry32(spec.seed) : Math.random;
    return this.random ?? { rate: 0 };
  }

  /** The fault for this call, if any; an injected fault is used up by one call. */
  take(endpoint: string, method: string, phoneNumberId: string | undefined): FaultHit | undefined {
    // The first matching fault fires; every matching fault still letting calls through counts this one instead.
    let i = -1;
    this.faults.forEach((f, at) => {
      const matches =
        (f.endpoint === '*' || f.endpoint === endpoint) &&
        (f.phoneNumberId === undefined || f.phoneNumberId === phoneNumberId) &&
        (f.method === undefined || f.method.toUpperCase() === method);
      if (!matches) return;
      if (f.skip) f.skip -= 1;
      else if (i < 0) i = at;
    });
    if (i >= 0) {
      const f = this.faults[i];
      f.remaining -= 1;
      if (f.remaining <= 0) this.faults.splice(i, 1);
      return { spec: f, source: 'injected' };
    }
    const r = this.random;
    if (r && (!r.endpoints || r.endpoints.includes('*') || r.endpoints.includes(endpoint)) && this.rng() < r.rate) {
      return { spec: { endpoint: '*', mode: 'error', error: r.error }, source: 'random' };
    }
    return undefined;
  }
}
