/**
 * Builds the one engine a provider configuration uses. The engine (and with it the HTTP
 * client) is required on its first call, not at ConfigureProvider: an engine process that
 * only answers schema, validation or configuration (engines start several per command)
 * never loads axios.
 */
import { endStartupJitPolicy } from '../plugin/protocol/jit-policy';
import type { EnginePort, EngineSettings } from './engine-port';

export type EngineFactory = (settings: EngineSettings) => EnginePort;

function build(settings: EngineSettings): EnginePort {
  // From here on the process does per-resource work: the JIT may compile as usual.
  endStartupJitPolicy();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LocalStorageEngine } = require('../engine/engine') as typeof import('../engine/engine');
  return LocalStorageEngine.fromConfig({
    accessToken: settings.accessToken,
    apiVersion: settings.apiVersion.raw,
    baseUrl: settings.baseUrl,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    userAgent: 'terraform-provider-whatsapp',
  });
}

export const createEngine: EngineFactory = (settings) => {
  let engine: EnginePort | undefined;
  const get = (): EnginePort => (engine ??= build(settings));
  return {
    observe: (id, signal) => get().observe(id, signal),
    plan: (observed, desired) => get().plan(observed, desired),
    converge: (id, desired, options) => get().converge(id, desired, options),
    phoneNumber: (id, signal) => get().phoneNumber(id, signal),
    wabaNumbers: (wabaId, options) => get().wabaNumbers(wabaId, options),
    wabaNumberPages: (wabaId, options) => get().wabaNumberPages(wabaId, options),
    versionLifecycle: () => get().versionLifecycle(),
    flowApiVersion: () => get().flowApiVersion(),
    // Before the engine is loaded nothing has answered: our own clock, no measurement.
    now: () => (engine ? engine.now() : Date.now()),
    meanLatencyMs: () => engine?.meanLatencyMs(),
  };
};
