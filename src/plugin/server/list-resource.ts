/** What a list resource type implements (protocol 5.10/6.10, `terraform query`). */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema, ViewOf } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { Value } from '../values/value';
import type { RequestContext } from './request-context';

export interface ListResult {
  /** The identity of the found object, in the managed resource's identity schema. */
  identity: Record<string, Value>;
  /** How `terraform query` shows the object. */
  displayName: string;
  /** The object as resource state; only when the caller asked for it. */
  resource?: ObjectView;
}

export interface ListRequest<Data, B extends BlockSchema = BlockSchema> {
  config: ViewOf<B>;
  includeResource: boolean;
  /** Most results wanted (the server also stops forwarding after that many). */
  limit: number;
  ctx: RequestContext<Data>;
}

export interface ListResource<Data, B extends BlockSchema = BlockSchema> {
  /** Same name as the managed resource it lists, which must have an identity. */
  readonly typeName: string;
  /** The schema of the `config` block inside a `list` block. */
  readonly schema: B;
  /** Checks beyond the schema's validators. */
  validate(config: ViewOf<B>): Diagnostic[];
  /** Streams what it finds; a failure is thrown as a DiagnosticsError after the results found so far. */
  list(request: ListRequest<Data, B>): AsyncIterable<ListResult>;
}
