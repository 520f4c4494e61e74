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
import type { BlockSchema, ViewOf } from '../schema/model';
import type { DataSource } from './data-source';
import type { ListResource } from './list-resource';
import type { ProviderLogger } from './request-context';
import type { ManagedResource } from './resource';

export interface ConfigureResult<Data> {
  /** Handed to every later resource and data source call. */
  data: Data;
  diagnostics: Diagnostic[];
  /**
   * The configuration holds values known only after apply (the engine configures again before
   * apply): the server defers reads and plans where the engine allows it, and refuses the rest.
   */
  deferred?: { reason: 'provider_config_unknown'; unknownAttributes: readonly string[] };
}

export interface ProviderDefinition<Data, P extends BlockSchema = BlockSchema> {
  /** The provider's local name (`provider "<name>"`), used in messages. */
  readonly name: string;
  /** The provider block's schema. */
  readonly schema: P;
  readonly resources: readonly ManagedResource<Data>[];
  readonly dataSources: readonly DataSource<Data>[];
  /** List resources (`terraform query`), each named like a managed resource that has an identity. */
  readonly listResources?: readonly ListResource<Data>[];
  /** The provider data before ConfigureProvider ran. */
  readonly unconfigured: Data;
  /**
   * The types cannot work before ConfigureProvider: until it has run the server keeps state on
   * read and answers apply, import, list and data-source reads with "Provider not configured"
   * itself. Without it their code runs with `unconfigured` data. A configure step that reported
   * errors or deferred (unknown values) is answered for either way.
   */
  readonly requiresConfigure?: boolean;
  /**
   * Turns the decoded provider configuration (schema validators already passed in
   * ValidateProviderConfig) into provider data. `previous` is the data it replaces.
   */
  configure(config: ViewOf<P>, context: { previous: Data; log: ProviderLogger }): Promise<ConfigureResult<Data>> | ConfigureResult<Data>;
}
