/**
 * The WhatsApp provider's data, as every resource and data source receives it:
 * the configured engine, or why there is none. The plugin server's generic
 * types are named here once, specialised to that data.
 */
import type { DataSource as PluginDataSource } from '../plugin/server/data-source';
import type { ListResource as PluginListResource } from '../plugin/server/list-resource';
import type { RequestContext as PluginRequestContext } from '../plugin/server/request-context';
import type {
  ApplyRequest as PluginApplyRequest,
  ManagedResource as PluginManagedResource,
  PlanRequest as PluginPlanRequest,
} from '../plugin/server/resource';
import type { EnginePort } from './engine-port';
import type { BlockSchema } from '../plugin/schema/model';
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
export type ManagedResource<B extends BlockSchema = BlockSchema> = PluginManagedResource<EngineState, B>;
export type DataSource<B extends BlockSchema = BlockSchema> = PluginDataSource<EngineState, B>;
export type ListResource<B extends BlockSchema = BlockSchema> = PluginListResource<EngineState, B>;
export type PlanRequest<B extends BlockSchema = BlockSchema> = PluginPlanRequest<EngineState, B>;
export type ApplyRequest<B extends BlockSchema = BlockSchema> = PluginApplyRequest<EngineState, B>;

/**
 * The engine. The server runs resource, data-source and list code only once the provider is
 * ready (it defers or answers for an unready one itself), so a missing engine is a bug.
 */
export function requireEngine(ctx: RequestContext, purpose: string): EnginePort {
  const state = ctx.providerData;
  if (state.kind === 'ready') return state.engine;
  throw new Error(`${purpose} ran without a configured provider (${state.kind})`);
}
