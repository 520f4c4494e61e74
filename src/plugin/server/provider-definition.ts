/**
 * What a provider hands the server: its name, configuration schema, configure step
 * and the types it serves. Everything protocol-shaped (decoding, dispatch, secrets,
 * diagnostics on the wire) stays in the server.
 *
 * Extension points: a new kind of type (ephemeral resources, say) is one more list
 * here, one more TypeKind in the server, and its RPCs leave unsupported-rpcs.ts, as
 * list resources did; resource identity is an optional member of ManagedResource
 * that the server's identity RPCs read.
 */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { DataSource } from './data-source';
import type { ListResource } from './list-resource';
import type { ProviderLogger } from './request-context';
import type { ManagedResource } from './resource';

export interface ConfigureResult<Data> {
  /** Handed to every later resource and data source call. */
  data: Data;
  diagnostics: Diagnostic[];
}

export interface ProviderDefinition<Data> {
  /** The provider's local name (`provider "<name>"`), used in messages. */
  readonly name: string;
  /** The provider block's schema. */
  readonly schema: BlockSchema;
  readonly resources: readonly ManagedResource<Data>[];
  readonly dataSources: readonly DataSource<Data>[];
  /** List resources (`terraform query`), each named like a managed resource that has an identity. */
  readonly listResources?: readonly ListResource<Data>[];
  /** The provider data before ConfigureProvider ran. */
  readonly unconfigured: Data;
  /**
   * Turns the decoded provider configuration (schema validators already passed in
   * ValidateProviderConfig) into provider data. `previous` is the data it replaces.
   */
  configure(config: ObjectView, context: { previous: Data; log: ProviderLogger }): Promise<ConfigureResult<Data>> | ConfigureResult<Data>;
}
