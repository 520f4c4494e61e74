/**
 * The HTTP side of Graph calls: per-number serialization, latency, faults,
 * version check, rules, the answer and the call log entry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answeringVersion } from '../cloud-api/api-version';
import { CallLog, preciseNow } from './call-log';
import type { FaultBook, FaultHit } from './faults';
import { GraphError, graphErrorFromSpec, newFbtraceId } from './graph-errors';
import { endpointOf, handleGraph, INCOMPLETE_DEREGISTRATION, type GraphResponse } from './graph-rules';
import { sendJson, sendRaw } from './http-util';
import type { KeyedQueue } from './keyed-queue';
import {
  compareVersions,
  extractToken,
  parseParams,
  parseVersion,
  readBody,
  redactParams,
  splitPath,
  unknownPathError,
} from './request-parsing';
import type { EmulatorState } from './state';
import type { CallLogEntry, EndpointName } from './types';

export interface GraphContext {
  state: EmulatorState;
  log: CallLog;
  faults: FaultBook;
  queue: KeyedQueue;
}

const EMPTY = Buffer.alloc(0);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function handleGraphHttp(
  ctx: GraphContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  query: string,
): Promise<void> {
  const receivedAt = preciseNow();
  const method = (req.method ?? 'GET').toUpperCase();
  const split = splitPath(pathname);
  const endpoint: EndpointName = split.id && !split.extra ? endpointOf(split.edge) : 'unknown';
  const entry: Omit<CallLogEntry, 'seq'> = {
    method,
    path: pathname,
    endpoint,
    apiVersion: split.versionRaw,
    phoneNumberId: endpoint === 'phone_numbers' ? undefined : split.id,
    status: 0,
    receivedAt,
    startedAt: receivedAt,
    finishedAt: receivedAt,
    params: {},
  };
  let body: Buffer | GraphError;
  try {
    body = method === 'GET' || method === 'HEAD' ? EMPTY : await readBody(req);
  } catch (e) {
    if (!(e instanceof GraphError)) {
      req.socket.destroy();
      return;
    }
    body = e;
  }
  // Added latency models the network: it is spent before the request reaches the
  // number's queue, so two reads of one number in flight overlap their transit time
  // as they would against Graph, while the server work itself stays serialized.
  if (ctx.faults.latencyMs > 0) await sleep(ctx.faults.latencyMs);
  await ctx.queue.run(split.id ?? '', async () => {
    entry.startedAt = preciseNow();
    let hit = ctx.faults.take(endpoint, method, split.id);
    if (hit?.spec.mode === 'slow') {
      // A slow backend: the number's turn is held, then the call is answered normally.
      entry.fault = 'slow';
      await sleep(hit.spec.delayMs ?? 0);
      hit = undefined;
    }
    if (hit && !hit.spec.applyFirst) {
      deliverFault(ctx, res, entry, hit);
      return;
    }
    const answer = answerGraph(ctx, req, method, pathname, query, body, split, entry);
    if (hit) deliverFault(ctx, res, entry, hit);
    else finish(ctx, res, entry, answer, entry.answeredVersion ?? entry.apiVersion);
  });
}

function answerGraph(
  ctx: GraphContext,
  req: IncomingMessage,
  method: string,
  pathname: string,
  query: string,
  body: Buffer | GraphError,
  split: ReturnType<typeof splitPath>,
  entry: Omit<CallLogEntry, 'seq'>,
): GraphResponse {
  try {
    if (body instanceof GraphError) throw body;
    const params = parseParams(query, req.headers['content-type'], body);
    entry.params = redactParams(params);
    const opts = ctx.state.options;
    const min = parseVersion(opts.min_api_version)!;
    const max = parseVersion(opts.max_api_version)!;
    const version = split.version;
    if (!version || compareVersions(version, min) < 0 || compareVersions(version, max) > 0 || !split.id || split.extra) {
      throw unknownPathError(pathname);
    }
    // A version past its end is answered as the oldest usable version answers (Meta's versioning rule),
    // on the emulator's clock; the facebook-api-version header says which one answered.
    const answering = parseVersion(answeringVersion(version.raw, ctx.state.now()))!;
    entry.answeredVersion = answering.raw;
    return handleGraph(ctx.state, {
      method,
      version: answering,
      endpoint: entry.endpoint,
      id: split.id,
      edge: split.edge,
      params,
      token: extractToken(req.headers.authorization, params),
      origin: `http://${req.headers.host ?? 'localhost'}`,
    });
  } catch (e) {
    if (e instanceof GraphError) return errorAnswer(e);
    const wrapped = new GraphError(1, 'The emulator failed to handle this request (a bug in the emulator).');
    return errorAnswer(wrapped);
  }
}

function errorAnswer(e: GraphError): GraphResponse & { graphCode: number } {
  return { status: e.httpStatus, body: e.toBody(), graphCode: e.code };
}

function finish(
  ctx: GraphContext,
  res: ServerResponse,
  entry: Omit<CallLogEntry, 'seq'>,
  answer: GraphResponse & { graphCode?: number },
  version?: string,
  extraHeaders: Record<string, string> = {},
): void {
  // Date on the emulator's clock, so a client sees the time the version rules were applied at.
  const headers: Record<string, string> = { date: new Date(ctx.state.now()).toUTCString() };
  if (version) headers['facebook-api-version'] = version;
  if (answer.graphCode !== undefined) {
    headers['x-fb-trace-id'] = (answer.body as { error: { fbtrace_id: string } }).error.fbtrace_id;
    if (answer.graphCode === 190) headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token"';
  } else {
    headers['x-fb-trace-id'] = newFbtraceId();
  }
  sendJson(res, answer.status, answer.body, { ...headers, ...extraHeaders });
  entry.status = answer.status;
  entry.graphCode = answer.graphCode;
  entry.finishedAt = preciseNow();
  ctx.log.add(entry);
}

function deliverFault(ctx: GraphContext, res: ServerResponse, entry: Omit<CallLogEntry, 'seq'>, hit: FaultHit): void {
  const spec = hit.spec;
  entry.fault = hit.source === 'random' ? 'random' : spec.mode;
  switch (spec.mode) {
    case 'error': {
      const e = graphErrorFromSpec({ ...(spec.error ?? { code: 2 }), http_status: spec.error?.http_status ?? spec.httpStatus });
      // "Incomplete deregistration" leaves the number half-deregistered: Meta's fix, deregistering again, is accepted.
      if (e.code === INCOMPLETE_DEREGISTRATION && entry.phoneNumberId && ctx.state.numbers.has(entry.phoneNumberId)) {
        ctx.state.countersOf(entry.phoneNumberId).incompleteDeregistration = true;
      }
      finish(ctx, res, entry, errorAnswer(e), entry.answeredVersion ?? entry.apiVersion, spec.headers);
      return;
    }
    case 'raw':
      sendRaw(res, spec.httpStatus ?? 200, spec.body ?? '', spec.contentType ?? 'text/html; charset=utf-8', spec.headers);
      entry.status = spec.httpStatus ?? 200;
      entry.finishedAt = preciseNow();
      ctx.log.add(entry);
      return;
    case 'reset':
      res.socket?.destroy();
      entry.finishedAt = preciseNow();
      ctx.log.add(entry);
      return;
    case 'hang': {
      // Never answer; the number's queue moves on. finishedAt records when the client gave up.
      entry.finishedAt = preciseNow();
      const logged = ctx.log.add(entry);
      res.on('close', () => {
        logged.finishedAt = preciseNow();
      });
      return;
    }
  }
}
