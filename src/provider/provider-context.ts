/**
 * The WhatsApp provider's data, as every resource and data source receives it:
 * the configured engine, or why there is none. The plugin server's generic
 * types are named here once, specialised to that data.
 */
import type { Diagnostic } from '../plugin/diagnostics';
import { DiagnosticsError, errorDiag } from '../plugin/diagnostics';
import type { DataSource as PluginDataSource } from '../plugin/server/data-source';
import type { ListResource as PluginListResource } from '../plugin/server/list-resource';
import type { RequestContext as PluginRequestContext } from '../plugin/server/request-context';
import type { ApplyRequest as PluginApplyRequest, ManagedResource as PluginManagedResource, PlanRequest as PluginPlanRequest } from '../plugin/server/resource';
import type { EnginePort } from './engine-port';
import type { RollingGate } from './offline-gate';

export type { ProviderLogger } from '../plugin/server/request-context';
export type { PlanResponse, StateResponse } from '../plugin/server/resource';

export type EngineState =
  | { kind: 'unconfigured' }
  /** Configuration held unknown values (plan-time); Terraform configures again before apply. */
  | { kind: 'unknown_config'; unknownAttributes: string[] }
  /** ConfigureProvider reported errors; they were shown then, so later calls only point back. */
  | { kind: 'failed' }
  /** `offlineGate`: the rolling limit (max_numbers_offline) every apply of this configuration shares. */
  | { kind: 'ready'; engine: EnginePort; offlineGate: RollingGate };

export type RequestContext = PluginRequestContext<EngineState>;
export type ManagedResource = PluginManagedResource<EngineState>;
export type DataSource = PluginDataSource<EngineState>;
export type ListResource = PluginListResource<EngineState>;
export type PlanRequest = PluginPlanRequest<EngineState>;
export type ApplyRequest = PluginApplyRequest<EngineState>;

/** The engine, or a DiagnosticsError explaining why there is none. */
export function requireEngine(ctx: RequestContext, purpose: string): EnginePort {
  const state = ctx.providerData;
  if (state.kind === 'ready') return state.engine;
  throw new DiagnosticsError([notReadyDiagnostic(state, purpose)]);
}

export function notReadyDiagnostic(state: EngineState, purpose: string): Diagnostic {
  switch (state.kind) {
    case 'unknown_config':
      return errorDiag(
        'Provider configuration not known yet',
        `Cannot ${purpose}: the provider "whatsapp" arguments ${state.unknownAttributes.join(', ')} depend on values known only after apply. ` +
          'Set them from values known at plan time (variables, environment), or apply the resources they depend on first (-target).',
      );
    case 'failed':
      return errorDiag('Provider not configured', `Cannot ${purpose}: the provider "whatsapp" configuration has errors (reported above).`);
    default:
      return errorDiag('Provider not configured', `Cannot ${purpose}: Terraform did not configure the provider "whatsapp" before using it.`);
  }
}
