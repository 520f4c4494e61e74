/**
 * The whatsapp provider: its configuration schema, the configure step that builds
 * the engine, and the registered types, served by the generic plugin server
 * (src/plugin/server). main.ts requires this module lazily, on the first RPC.
 */
import { redact, registerSecret } from '../plugin/protocol/logger';
import type { ProviderService } from '../plugin/protocol/provider-service';
import { errorDiag } from '../plugin/diagnostics';
import type { ConfigureResult, ProviderDefinition } from '../plugin/server/provider-definition';
import { createProviderServer } from '../plugin/server/provider-server';
import { notLoadedYet } from '../shared/lazy-object';
import { EngineFailure } from '../engine/engine-errors';
import { createEngine, type EngineFactory } from './engine-factory';
import { providerArgument } from './engine-input-paths';
import type { DataSource, EngineState, ListResource, ManagedResource, ProviderLogger } from './provider-context';
import { resolveProviderSettings } from './provider-settings';
import { DATA_SOURCES, LIST_RESOURCES, PROVIDER_NAME, RESOURCES } from './registry';
import { providerConfigSchema, type ProviderConfigView } from './schema/provider-config';
import { createOfflineGate, DEFAULT_MAX_NUMBERS_OFFLINE } from './offline-gate';

export interface ProviderOptions {
  /** Where env fallbacks are read (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  engineFactory?: EngineFactory;
  logger?: ProviderLogger;
  resources?: readonly ManagedResource[];
  dataSources?: readonly DataSource[];
  listResources?: readonly ListResource[];
}

export function createProviderService(options: ProviderOptions = {}): ProviderService {
  return createProviderServer(whatsAppProvider(options), options.logger ? { logger: options.logger } : {});
}

function whatsAppProvider(options: ProviderOptions = {}): ProviderDefinition<EngineState, typeof providerConfigSchema> {
  const env = options.env ?? process.env;
  const engineFactory = options.engineFactory ?? createEngine;
  return {
    name: PROVIDER_NAME,
    schema: providerConfigSchema,
    resources: options.resources ?? RESOURCES,
    dataSources: options.dataSources ?? DATA_SOURCES,
    listResources: options.listResources ?? LIST_RESOURCES,
    unconfigured: { kind: 'unconfigured' },
    requiresConfigure: true,
    configure: (config, { previous, log }) => configure(config, previous, log, env, engineFactory),
  };
}

function configure(
  config: ProviderConfigView,
  previous: EngineState,
  log: ProviderLogger,
  env: NodeJS.ProcessEnv,
  engineFactory: EngineFactory,
): ConfigureResult<EngineState> {
  const resolution = resolveProviderSettings(config, env);
  if (resolution.kind === 'unknown') {
    log.debug('provider configuration has unknown values; the engine configures again before apply', {
      unknown: resolution.unknownAttributes,
    });
    return {
      data: { kind: 'unknown_config', unknownAttributes: resolution.unknownAttributes },
      diagnostics: [],
      deferred: { reason: 'provider_config_unknown', unknownAttributes: resolution.unknownAttributes },
    };
  }
  if (resolution.kind === 'invalid') return { data: { kind: 'failed' }, diagnostics: resolution.diagnostics };
  // The token may come from the environment, which the server never decodes.
  registerSecret(resolution.settings.accessToken);
  let data: EngineState;
  try {
    if (previous.kind === 'ready' && !notLoadedYet(previous.engine)) (previous.engine as { close?: () => void }).close?.();
    const offlineGate = createOfflineGate(resolution.settings.maxNumbersOffline ?? DEFAULT_MAX_NUMBERS_OFFLINE);
    data = { kind: 'ready', engine: engineFactory(resolution.settings), offlineGate };
  } catch (err) {
    // An engine that refuses its configuration says which input; the diagnostic points at that argument.
    const argument = err instanceof EngineFailure && err.field ? providerArgument(err.field) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    const diagnostic = errorDiag('Invalid provider configuration', redact(message), argument ? [argument] : undefined);
    return { data: { kind: 'failed' }, diagnostics: [diagnostic] };
  }
  log.info('provider configured', {
    api_version: resolution.settings.apiVersion.raw,
    base_url: resolution.settings.baseUrl,
    max_numbers_offline: resolution.settings.maxNumbersOffline ?? DEFAULT_MAX_NUMBERS_OFFLINE,
    sources: resolution.sources,
  });
  return { data, diagnostics: [] };
}
