/** What a managed resource type implements; the service does decoding, dispatch and errors. */
import type { AttributePath, Diagnostic } from '../../plugin/diagnostics';
import type { RequestContext } from '../provider-context';
import type { BlockSchema } from '../../plugin/schema/model';
import type { IdentitySchema } from '../../plugin/schema/identity';
import type { Value } from '../../plugin/values/value';
import type { ObjectView } from '../../plugin/values/object-view';

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
  deferred?: 'provider_config_unknown' | 'resource_config_unknown';
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

/** Resource identity (Terraform 1.12+): which remote object a state describes. */
export interface ResourceIdentity {
  readonly schema: IdentitySchema;
  /** The identity of the object `state` describes; undefined while it is not known (create with unknown values). */
  of(state: ObjectView): Record<string, Value> | undefined;
  /** The import id an identity names (import blocks with `identity = {...}`), or why it names none. */
  importId(identity: ObjectView): { id: string } | { diagnostics: Diagnostic[] };
  /** Raw JSON identity written with identity schema `version`, to the current identity schema. */
  upgrade(version: number, rawJson: Uint8Array | string): { identity?: Record<string, Value>; diagnostics: Diagnostic[] };
}

export interface ManagedResource {
  readonly typeName: string;
  readonly schema: BlockSchema;
  readonly identity?: ResourceIdentity;
  /** Checks beyond the schema's validators (those run first, in the service). */
  validate(config: ObjectView, ctx: Pick<RequestContext, 'writeOnlyAllowed'>): Diagnostic[];
  plan(request: PlanRequest): Promise<PlanResponse>;
  apply(request: ApplyRequest): Promise<StateResponse>;
  read(state: ObjectView, ctx: RequestContext): Promise<StateResponse>;
  importState(id: string, ctx: RequestContext): Promise<StateResponse>;
  /** Raw JSON state written with schema `version`, to the current schema. */
  upgradeState(version: number, rawJson: Uint8Array | string): StateResponse;
}
