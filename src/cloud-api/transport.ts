/**
 * How the Graph client's requests leave the process, as the npm package's JS form runs on Node:
 * axios's http adapter over keep-alive agents of CONNECTION_POOL_SIZE sockets.
 *
 * The standalone provider executable (Bun) bundles transport-fetch.ts in this module's place
 * (scripts/lib/bundle-plugins.mjs, `fetchTransport`): Node's http stack is what a short-lived
 * provider process would otherwise load for its reads (docs/performance.md). Both keep the same
 * contract, proven for both forms by test/cloud-api/transport-forms.test.ts: certificates always
 * verified, at most CONNECTION_POOL_SIZE requests awaiting an answer, HTTP(S)_PROXY / NO_PROXY
 * honoured, and transport failures carrying the codes src/cloud-api/client.ts classifies.
 */
import http from 'node:http';
import https from 'node:https';
import type { CreateAxiosDefaults } from 'axios';
import { CONNECTION_POOL_SIZE } from './connection-pool';

export interface GraphTransport {
  /** Merged into the client's axios defaults: the adapter and what it sends through. */
  readonly axiosDefaults: CreateAxiosDefaults;
  /** Releases kept-alive connections (lets a process or a test exit promptly). */
  close(): void;
}

export function createTransport(): GraphTransport {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTION_POOL_SIZE });
  // Explicit, so NODE_TLS_REJECT_UNAUTHORIZED=0 in a pipeline's environment cannot silently send
  // the token to an unverified server. There is no insecure option.
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: CONNECTION_POOL_SIZE, rejectUnauthorized: true });
  return {
    // Never the fetch adapter here: the Node bundles leave it out (scripts/lib/bundle-plugins.mjs).
    axiosDefaults: { adapter: 'http', httpAgent, httpsAgent },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
