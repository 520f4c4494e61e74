/** What a managed resource type implements; the service does decoding, dispatch and errors. */
import type { AttributePath, Diagnostic } from '../../plugin/diagnostics';
import type { RequestContext } from '../provider-context';
import type { BlockSchema } from '../../plugin/schema/model';
import type { ObjectView } from '../../plugin/values/object-view';
import type { DeferralReason } from '../../plugin/wire';

export interface PlanRequest {
  /** Null object on create. */
  prior: ObjectView;
  /** Null object on destroy. */
  proposed: ObjectView;
  /** Null object on destroy. */
  config: ObjectView;
  ctx: RequestContext;
}

export interface PlanResponse {
  /** Null object on destroy. */
  planned: ObjectView;
  requiresReplace: AttributePath[];
  diagnostics: Diagnostic[];
  /** Ask the engine to defer this change (only when ctx.deferralAllowed). */
  deferred?: DeferralReason;
}

export interface ApplyRequest {
  prior: ObjectView;
  /** Null object on destroy. */
  planned: ObjectView;
  /** Configuration, including write-only values; null object on destroy. */
  config: ObjectView;
  ctx: RequestContext;
}

export interface StateResponse {
  /** Null object: the resource is gone. */
  state: ObjectView;
  diagnostics: Diagnostic[];
  deferred?: 'provider_config_unknown';
}

export interface ManagedResource {
  readonly typeName: string;
  readonly schema: BlockSchema;
  /** Checks beyond the schema's validators (those run first, in the service). */
  validate(config: ObjectView, ctx: Pick<RequestContext, 'writeOnlyAllowed'>): Diagnostic[];
  plan(request: PlanRequest): Promise<PlanResponse>;
  apply(request: ApplyRequest): Promise<StateResponse>;
  read(state: ObjectView, ctx: RequestContext): Promise<StateResponse>;
  importState(id: string, ctx: RequestContext): Promise<StateResponse>;
  /** Raw JSON state written with schema `version`, to the current schema. */
  upgradeState(version: number, rawJson: Uint8Array | string): StateResponse;
}
