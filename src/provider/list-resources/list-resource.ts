/** What a list resource type implements (protocol 5.10/6.10, `terraform query`). */
import type { Diagnostic } from '../../plugin/diagnostics';
import type { BlockSchema } from '../../plugin/schema/model';
import type { ObjectView } from '../../plugin/values/object-view';
import type { Value } from '../../plugin/values/value';
import type { RequestContext } from '../provider-context';

export interface ListResult {
  /** The identity of the found object, in the managed resource's identity schema. */
  identity: Record<string, Value>;
  /** How `terraform query` shows the object. */
  displayName: string;
  /** The object as resource state; only when the caller asked for it. */
  resource?: ObjectView;
}

export interface ListRequest {
  config: ObjectView;
  includeResource: boolean;
  /** Most results wanted (the engine stops reading after that many). */
  limit: number;
  ctx: RequestContext;
}

export interface ListResource {
  /** Same name as the managed resource it lists. */
  readonly typeName: string;
  /** The schema of the `config` block inside a `list` block. */
  readonly schema: BlockSchema;
  /** Checks beyond the schema's validators. */
  validate(config: ObjectView): Diagnostic[];
  /** Streams what it finds; a failure is thrown as a DiagnosticsError after the results found so far. */
  list(request: ListRequest): AsyncIterable<ListResult>;
}
