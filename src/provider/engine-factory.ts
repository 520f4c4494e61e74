/**
 * Builds the one engine a provider configuration uses. The engine (and with it the HTTP
 * client) is required on its first call, not at ConfigureProvider: an engine process that
 * only answers schema, validation or configuration (engines start several per command)
 * never loads axios.
 */
import { noteEngineCall } from '../plugin/protocol/jit-policy';
import type { EnginePort, EngineSettings } from './engine-port';
import { lazyObject } from '../shared/lazy-object';
import { HCL_INPUT_NAMES } from './engine-input-paths';

export type EngineFactory = (settings: EngineSettings) => EnginePort;

function build(settings: EngineSettings): EnginePort {
  const { LocalStorageEngine } = require('../engine/engine') as typeof import('../engine/engine');
  return LocalStorageEngine.fromConfig({
    accessToken: settings.accessToken,
    apiVersion: settings.apiVersion.raw,
    baseUrl: settings.baseUrl,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    userAgent: 'terraform-provider-whatsapp',
    // The engine's messages name the attributes users write.
    inputNames: HCL_INPUT_NAMES,
  });
}

export const createEngine: EngineFactory = (settings) =>
  lazyObject(
    () => build(settings),
    {
      // Before the engine is loaded nothing has answered: our own clock, no measurement.
      now: () => Date.now(),
      meanLatencyMs: () => undefined,
    },
    // Large plans get the normal JIT policy back (src/plugin/protocol/jit-policy.ts).
    noteEngineCall,
  );
