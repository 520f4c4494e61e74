/**
 * The Graph client's transport in the standalone provider executable: axios's fetch adapter on Bun's
 * fetch, bundled in place of transport.ts (see there for the contract both keep).
 *  - Certificates: Bun's `tls` option, explicit for the same reason as the Node agents'.
 *  - Pool: Bun keeps connections alive process-wide with no per-host cap, so the cap is on
 *    requests awaiting an answer, here. axios's timeout starts when a request is issued, its wait
 *    for a turn included (on Node, once it has a socket): a write that times out still waiting is
 *    reported as outcome unknown, the side that makes the engine read the state first.
 *  - Proxies: Bun's fetch reads HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY (either case)
 *    itself, the names proxy-from-env reads for the http adapter.
 */
import type { CreateAxiosDefaults } from 'axios';
import { CONNECTION_POOL_SIZE } from './connection-pool';
import type { GraphTransport } from './transport';

type Fetch = NonNullable<NonNullable<CreateAxiosDefaults['env']>['fetch']>;

export function createTransport(): GraphTransport {
  return {
    axiosDefaults: {
      adapter: 'fetch',
      fetchOptions: { tls: { rejectUnauthorized: true } },
      env: { fetch: atMostInFlight(globalThis.fetch.bind(globalThis), CONNECTION_POOL_SIZE) },
    },
    // Bun's idle keep-alive connections do not hold the process open.
    close() {},
  };
}

/** `fetch` with at most `limit` calls awaiting their response; the rest wait their turn in order. */
export function atMostInFlight(fetch: Fetch, limit: number): Fetch {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async (input, init) => {
    if (active < limit) active++;
    else await new Promise<void>((turn) => waiting.push(turn));
    try {
      return await fetch(input, init);
    } finally {
      release();
    }
  };
}
