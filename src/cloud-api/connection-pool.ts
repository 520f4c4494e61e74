/**
 * Sockets per Graph client (and so the most requests in flight at once). A module of its
 * own so that code sizing its concurrency to it (src/engine/waba-numbers.ts) does not load
 * the client and axios: the provider uses that module's filters in processes that never
 * talk to the API.
 */
export const CONNECTION_POOL_SIZE = 16;
