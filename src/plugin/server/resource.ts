/** What a managed resource type implements; the server does decoding, dispatch and errors. */
import type { AttributePath, Diagnostic } from '../diagnostics';
import type { IdentitySchema } from '../schema/identity';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { Value } from '../values/value';
import type { RequestContext } from './request-context';
import type { DeferralReason } from '../wire';

export interface PlanRequest<Data> {
  /** Null object on create. */
  prior: ObjectView;
  /** Null object on destroy. */
  proposed: ObjectView;
  /** Null object on destroy. */
  config: ObjectView;
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

export interface ApplyRequest<Data> {
  prior: ObjectView;
  /** Null object on destroy. */
  planned: ObjectView;
  /** Configuration, including write-only values; null object on destroy. */
  config: ObjectView;
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
export interface ResourceIdentity {
  readonly schema: IdentitySchema;
  /** The identity of the object `state` describes; undefined while it is not known (create with unknown values). */
  of(state: ObjectView): Record<string, Value> | undefined;
  /** The import id an identity names (import blocks with `identity = {...}`), or why it names none. */
  importId(identity: ObjectView): { id: string } | { diagnostics: Diagnostic[] };
  /** Raw JSON identity written with identity schema `version`, to the current identity schema. */
  upgrade(version: number, rawJson: Uint8Array | string): { identity?: Record<string, Value>; diagnostics: Diagnostic[] };
}

export interface ManagedResource<Data> {
  readonly typeName: string;
  readonly schema: BlockSchema;
  /** When present, the server announces the identity schema and returns identities from read, plan, apply and import. */
  readonly identity?: ResourceIdentity;
  /** Checks beyond the schema's validators (those run first, in the server). */
  validate(config: ObjectView, ctx: Pick<RequestContext<Data>, 'writeOnlyAllowed'>): Diagnostic[];
  plan(request: PlanRequest<Data>): Promise<PlanResponse>;
  apply(request: ApplyRequest<Data>): Promise<StateResponse>;
  /** `privateState`: the private state stored with `state` (empty when none). */
  read(state: ObjectView, ctx: RequestContext<Data>, privateState?: Uint8Array): Promise<StateResponse>;
  importState(id: string, ctx: RequestContext<Data>): Promise<StateResponse>;
  /** Raw JSON state written with schema `version`, to the current schema. */
  upgradeState(version: number, rawJson: Uint8Array | string): StateResponse;
}
