/** What a managed resource type implements; the server does decoding, dispatch and errors. */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { RequestContext } from './request-context';
import type { DeferralReason } from '../wire';

export interface PlanRequest<Data> {
  /** Null object on create. */
  prior: ObjectView;
  /** Null object on destroy. */
  proposed: ObjectView;
  /** Null object on destroy. */
  config: ObjectView;
  ctx: RequestContext<Data>;
}

export interface PlanResponse {
  /** Null object on destroy. */
  planned: ObjectView;
  requiresReplace: AttributePath[];
  diagnostics: Diagnostic[];
  /** Ask the engine to defer this change (only when ctx.deferralAllowed). */
  deferred?: DeferralReason;
}

export interface ApplyRequest<Data> {
  prior: ObjectView;
  /** Null object on destroy. */
  planned: ObjectView;
  /** Configuration, including write-only values; null object on destroy. */
  config: ObjectView;
  ctx: RequestContext<Data>;
}

export interface StateResponse {
  /** Null object: the resource is gone. */
  state: ObjectView;
  diagnostics: Diagnostic[];
  deferred?: 'provider_config_unknown';
}

export interface ManagedResource<Data> {
  readonly typeName: string;
  readonly schema: BlockSchema;
  /** Checks beyond the schema's validators (those run first, in the server). */
  validate(config: ObjectView, ctx: Pick<RequestContext<Data>, 'writeOnlyAllowed'>): Diagnostic[];
  plan(request: PlanRequest<Data>): Promise<PlanResponse>;
  apply(request: ApplyRequest<Data>): Promise<StateResponse>;
  read(state: ObjectView, ctx: RequestContext<Data>): Promise<StateResponse>;
  importState(id: string, ctx: RequestContext<Data>): Promise<StateResponse>;
  /** Raw JSON state written with schema `version`, to the current schema. */
  upgradeState(version: number, rawJson: Uint8Array | string): StateResponse;
}
