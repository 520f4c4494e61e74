/** Builds the one engine a provider configuration uses. */
import { LocalStorageEngine } from '../engine/engine';
import type { EnginePort, EngineSettings } from './engine-port';

export type EngineFactory = (settings: EngineSettings) => EnginePort;

export const createEngine: EngineFactory = (settings) =>
  LocalStorageEngine.fromConfig({
    accessToken: settings.accessToken,
    apiVersion: settings.apiVersion.raw,
    baseUrl: settings.baseUrl,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    userAgent: 'terraform-provider-whatsapp',
  });
