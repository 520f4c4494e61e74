/** What a managed resource type implements; the server does decoding, dispatch and errors. */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { IdentitySchema, IdentityViewOf } from '../schema/identity';
import type { BlockSchema, ViewOf } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { Value } from '../values/value';
import type { RequestContext } from './request-context';
import type { DeferralReason } from '../wire';
import type { AttributePlan } from '../plan-modifiers/plan-attributes';

export interface PlanRequest<Data, B extends BlockSchema = BlockSchema> {
  /** Null object on create. */
  prior: ViewOf<B>;
  /** Null object on destroy. */
  proposed: ViewOf<B>;
  /**
   * What the server planned from the schema before the resource's own plan: defaults, write-only
   * attributes nulled, unset computed values unknown on change, every attribute's plan modifiers.
   * A null object on destroy.
   */
  attributes: AttributePlan<ViewOf<B>>;
  /** Null object on destroy. */
  config: ViewOf<B>;
  /** The resource's private state as the prior state holds it (opaque to Terraform; empty when none). */
  priorPrivate?: Uint8Array;
  ctx: RequestContext<Data>;
}

export interface PlanResponse {
  /** Null object on destroy. */
  planned: ObjectView;
  requiresReplace: AttributePath[];
  diagnostics: Diagnostic[];
  /** Ask the engine to defer this change (only when ctx.deferralAllowed). */
  deferred?: DeferralReason;
  /** Private state handed to ApplyResourceChange; absent: the prior private state, unchanged. */
  plannedPrivate?: Uint8Array;
}

export interface ApplyRequest<Data, B extends BlockSchema = BlockSchema> {
  prior: ViewOf<B>;
  /** Null object on destroy. */
  planned: ViewOf<B>;
  /** Configuration, including write-only values; null object on destroy. */
  config: ViewOf<B>;
  /** The private state the plan returned. */
  plannedPrivate?: Uint8Array;
  ctx: RequestContext<Data>;
}

export interface StateResponse {
  /** Null object: the resource is gone. */
  state: ObjectView;
  diagnostics: Diagnostic[];
  deferred?: 'provider_config_unknown';
  /** Private state stored with `state`; absent: the one the request carried, unchanged. */
  private?: Uint8Array;
}

/** Resource identity (protocol 5.9/6.9, Terraform 1.12+): which remote object a state describes. */
export interface ResourceIdentity<B extends BlockSchema = BlockSchema, I extends IdentitySchema = IdentitySchema> {
  readonly schema: I;
  /** The identity of the object `state` describes; undefined while it is not known (create with unknown values). */
  of(state: ViewOf<B>): Record<string, Value> | undefined;
  /** The import id an identity names (import blocks with `identity = {...}`), or why it names none. */
  importId(identity: IdentityViewOf<I>): { id: string } | { diagnostics: Diagnostic[] };
  /** Raw JSON identity written with identity schema `version`, to the current identity schema. */
  upgrade(version: number, rawJson: Uint8Array | string): { identity?: Record<string, Value>; diagnostics: Diagnostic[] };
}

export interface ManagedResource<Data, B extends BlockSchema = BlockSchema> {
  readonly typeName: string;
  readonly schema: B;
  /** When present, the server announces the identity schema and returns identities from read, plan, apply and import. */
  readonly identity?: ResourceIdentity<B>;
  /** Checks beyond the schema's validators (those run first, in the server). */
  validate?(config: ViewOf<B>, ctx: Pick<RequestContext<Data>, 'writeOnlyAllowed'>): Diagnostic[];
  /**
   * What the resource predicts beyond the schema's plan (request.attributes); without it the
   * schema's plan is the plan. Not called while the provider's configuration is deferred, unless
   * planWhenProviderDeferred is set (fwserver's ProviderDeferred.EnablePlanModification).
   */
  plan?(request: PlanRequest<Data, B>): Promise<PlanResponse>;
  readonly planWhenProviderDeferred?: boolean;
  apply(request: ApplyRequest<Data, B>): Promise<StateResponse>;
  /** Runs only with a ready provider: otherwise the server keeps the state (deferring when the engine allows). */
  /** `privateState`: the private state stored with `state` (empty when none). */
  read(state: ViewOf<B>, ctx: RequestContext<Data>, privateState?: Uint8Array): Promise<StateResponse>;
  importState(id: string, ctx: RequestContext<Data>): Promise<StateResponse>;
  /** Raw JSON state written with schema `version`, to the current schema; without it only version 0 JSON is read. */
  upgradeState?(version: number, rawJson: Uint8Array | string): StateResponse;
}
