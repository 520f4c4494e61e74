/**
 * Graph client calls in a process of its own, bundled as one of the two forms bundles the client
 * (test/cloud-api/transport-forms.ts): the JS form on Node, the standalone form on Bun. Reads its
 * job from TRANSPORT_JOB and the token from WHATSAPP_ACCESS_TOKEN; prints one JSON line, each
 * call's answer or failure. Exits on its own: a kept-alive socket that held it would time out the test.
 */
import { GraphApiClient } from '../../src/cloud-api/client';
import { GraphApiError } from '../../src/cloud-api/errors';

export interface TransportJob {
  baseUrl: string;
  phoneNumberId: string;
  /** GET settings, or POST register (a write, for what the client may resend). */
  call: 'settings' | 'register';
  /** Calls at once (default 1). */
  count?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

export type CallOutcome =
  { ok: unknown } | { error: { kind: string; outcomeUnknown: boolean; attempts: number; message: string } | { unexpected: string } };

async function main(): Promise<void> {
  const job = JSON.parse(process.env.TRANSPORT_JOB ?? '{}') as TransportJob;
  const client = new GraphApiClient({
    accessToken: process.env.WHATSAPP_ACCESS_TOKEN ?? '',
    baseUrl: job.baseUrl,
    timeoutMs: job.timeoutMs ?? 10_000,
    maxRetries: job.maxRetries ?? 0,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
  });
  const one = async (): Promise<CallOutcome> => {
    try {
      const answer =
        job.call === 'settings' ? await client.getSettings(job.phoneNumberId) : await client.register(job.phoneNumberId, { pin: '123456' });
      return { ok: answer };
    } catch (e) {
      if (e instanceof GraphApiError) {
        return { error: { kind: e.kind, outcomeUnknown: e.outcomeUnknown, attempts: e.attempts, message: e.message } };
      }
      return { error: { unexpected: String(e) } };
    }
  };
  const outcomes = await Promise.all(Array.from({ length: job.count ?? 1 }, one));
  client.close();
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}

void main();
