/**
 * Builds the one engine a provider configuration uses. The engine (and with it the HTTP
 * client) is required on its first call, not at ConfigureProvider: an engine process that
 * only answers schema, validation or configuration (engines start several per command)
 * never loads axios.
 */
import { endStartupJitPolicy } from '../plugin/protocol/jit-policy';
import type { EnginePort, EngineSettings } from './engine-port';
import { lazyObject } from '../shared/lazy-object';
import { HCL_INPUT_NAMES } from './engine-input-paths';

export type EngineFactory = (settings: EngineSettings) => EnginePort;

function build(settings: EngineSettings): EnginePort {
  // From here on the process does per-resource work: the JIT may compile as usual.
  endStartupJitPolicy();
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
  lazyObject(() => build(settings), {
    // Before the engine is loaded nothing has answered: our own clock, no measurement.
    now: () => Date.now(),
    meanLatencyMs: () => undefined,
  });
