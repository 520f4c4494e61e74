/**
 * Answers encoded at build time, for the provider RPCs whose requests carry nothing the
 * answer depends on: the provider's metadata, schema and identity schemas. Engines start
 * a provider process just to read its schema (then one to validate, one to plan); with
 * these, that process answers from a file of bytes and never loads the provider, the
 * protocol code or the engine. A process that has loaded the provider answers live, and a
 * test keeps the two byte-for-byte equal (test/plugin/precomputed-answers.test.ts).
 */
import type { GrpcCallContext, MethodHandler } from './grpc-server';

/** RPC names answered from the file when the provider is not loaded (GetSchema: protocol 5's GetProviderSchema). */
export const PRECOMPUTED_RPCS: readonly string[] = ['GetMetadata', 'GetProviderSchema', 'GetSchema', 'GetResourceIdentitySchemas'];

/** Method path (e.g. `/tfplugin6.Provider/GetProviderSchema`) -> the encoded response, base64. */
export type PrecomputedAnswers = Record<string, string>;

/** Runs each precomputed RPC through the live handlers (build time) and keeps its encoded answer. */
export async function computeAnswers(handlers: ReadonlyMap<string, MethodHandler>): Promise<PrecomputedAnswers> {
  const answers: PrecomputedAnswers = {};
  for (const [path, handler] of handlers) {
    if (handler.kind !== 'unary' || !PRECOMPUTED_RPCS.includes(path.slice(path.lastIndexOf('/') + 1))) continue;
    const ctx: GrpcCallContext = { signal: new AbortController().signal, method: path };
    const response = await handler.call(handler.decode(new Uint8Array(0)), ctx);
    answers[path] = Buffer.from(handler.encode(response)).toString('base64');
  }
  return answers;
}

/** A unary handler that answers with fixed bytes (the request is read by nobody). */
export function fixedAnswer(bytes: Uint8Array): MethodHandler {
  return {
    kind: 'unary',
    decode: () => undefined,
    encode: () => bytes,
    call: async () => undefined,
  };
}
