/** What a data source type implements. */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { RequestContext } from './request-context';

export interface DataSourceResponse {
  state: ObjectView;
  diagnostics: Diagnostic[];
  deferred?: 'provider_config_unknown';
}

export interface DataSource<Data> {
  readonly typeName: string;
  readonly schema: BlockSchema;
  read(config: ObjectView, ctx: RequestContext<Data>): Promise<DataSourceResponse>;
}
