/**
 * The admin API under /__emulator/ (not part of Graph; docs/emulator.md):
 * call log, faults, latency, clock, verification codes, reset, state, options.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from './call-log';
import { FaultSpecError, type FaultBook } from './faults';
import { sendJson } from './http-util';
import { readBody } from './request-parsing';
import { SeedError, validateOptions } from './seed';
import type { EmulatorState } from './state';
import type { EndpointName } from './types';

export interface AdminContext {
  state: EmulatorState;
  log: CallLog;
  faults: FaultBook;
  /** Back to the seed, the startup latency, an empty log and no faults. */
  reset(): void;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req)).toString('utf8').trim();
  if (raw === '') return {};
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new AdminError(400, 'the request body must be a JSON object');
}

function finiteNumber(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new AdminError(400, `"${name}" must be a number`);
  return v;
}

const PATCHABLE_KEYS: ReadonlySet<string> = new Set([
  'waba_id',
  'display_phone_number',
  'verified_name',
  'code_verification_status',
  'platform_type',
  'status',
  'registered',
  'pin',
  'storage_configuration',
  'quality_rating',
  'name_status',
  'is_on_biz_app',
  'throughput',
  'account_mode',
  'verification_code',
  'settings',
]);

export async function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  query: string,
): Promise<void> {
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const route = pathname.replace(/^\/__emulator/, '').replace(/\/+$/, '') || '/';
    const q = new URLSearchParams(query);
    const { state, log, faults } = ctx;

    if (route === '/' || route === '/health') return sendJson(res, 200, { ok: true, numbers: state.numbers.size });
    if (route === '/calls') {
      if (method === 'GET') {
        const since = q.get('sinceSeq');
        return sendJson(
          res,
          200,
          log.list({
            endpoint: (q.get('endpoint') as EndpointName | null) ?? undefined,
            phoneNumberId: q.get('phoneNumberId') ?? undefined,
            sinceSeq: since !== null ? Number(since) : undefined,
          }),
        );
      }
      if (method === 'DELETE') {
        log.clear();
        return sendJson(res, 200, { success: true });
      }
    }
    if (route === '/faults') {
      if (method === 'GET') return sendJson(res, 200, { faults: faults.list(), random: faults.random, latencyMs: faults.latencyMs });
      if (method === 'POST') return sendJson(res, 201, faults.add(await jsonBody(req)));
      if (method === 'DELETE') {
        faults.clear();
        return sendJson(res, 200, { success: true });
      }
    }
    if (route === '/faults/random' && (method === 'PUT' || method === 'POST'))
      return sendJson(res, 200, faults.setRandom(await jsonBody(req)));
    if (route === '/latency') {
      if (method === 'GET') return sendJson(res, 200, { ms: faults.latencyMs });
      if (method === 'PUT' || method === 'POST') {
        const ms = finiteNumber((await jsonBody(req)).ms, 'ms');
        if (ms < 0) throw new AdminError(400, '"ms" must not be negative');
        faults.latencyMs = ms;
        return sendJson(res, 200, { ms });
      }
    }
    if (route === '/clock') {
      if (method === 'GET') return sendJson(res, 200, clockInfo(state));
      if (method === 'PUT' || method === 'POST') {
        const now = finiteNumber((await jsonBody(req)).now, 'now');
        state.clockOffsetMs = now - Date.now();
        state.changed();
        return sendJson(res, 200, clockInfo(state));
      }
    }
    if (route === '/clock/advance' && method === 'POST') {
      state.clockOffsetMs += finiteNumber((await jsonBody(req)).ms, 'ms');
      state.changed();
      return sendJson(res, 200, clockInfo(state));
    }
    const code = /^\/verification-codes\/([^/]+)$/.exec(route);
    if (code && method === 'GET') {
      const info = state.counters.get(decodeURIComponent(code[1]))?.verification;
      if (!info) throw new AdminError(404, `no verification code was sent to ${decodeURIComponent(code[1])}`);
      return sendJson(res, 200, info);
    }
    if (route === '/reset' && method === 'POST') {
      ctx.reset();
      return sendJson(res, 200, { success: true });
    }
    if (route === '/state' && method === 'GET') return sendJson(res, 200, state.dump());
    const phone = /^\/phone-numbers\/([^/]+)$/.exec(route);
    if (phone) {
      const id = decodeURIComponent(phone[1]);
      const n = state.numbers.get(id);
      if (!n) throw new AdminError(404, `no phone number ${id} in the emulator`);
      if (method === 'GET') return sendJson(res, 200, n);
      if (method === 'PATCH') {
        const fields = await jsonBody(req);
        for (const key of Object.keys(fields)) {
          if (!PATCHABLE_KEYS.has(key))
            throw new AdminError(400, `"${key}" is not a phone number field; patchable: ${[...PATCHABLE_KEYS].join(', ')}`);
        }
        Object.assign(n, fields);
        state.changed();
        return sendJson(res, 200, n);
      }
    }
    if (route === '/options') {
      if (method === 'GET') return sendJson(res, 200, state.options);
      if (method === 'PATCH' || method === 'PUT') {
        const opts = validateOptions(await jsonBody(req));
        Object.assign(state.options, opts);
        if (opts.call_log_limit !== undefined) log.limit = opts.call_log_limit;
        state.changed();
        return sendJson(res, 200, state.options);
      }
    }
    throw new AdminError(404, `no admin endpoint ${method} ${pathname}; see docs/emulator.md`);
  } catch (e) {
    if (e instanceof AdminError) return sendJson(res, e.status, { error: { message: e.message } });
    if (e instanceof FaultSpecError || e instanceof SeedError) return sendJson(res, 400, { error: { message: e.message } });
    return sendJson(res, 500, { error: { message: `emulator admin failure: ${(e as Error).message}` } });
  }
}

function clockInfo(state: EmulatorState) {
  return { now: state.now(), offsetMs: state.clockOffsetMs };
}
