/** What a data source type implements. */
import type { Diagnostic } from '../diagnostics';
import type { BlockSchema, ViewOf } from '../schema/model';
import type { ObjectView } from '../values/object-view';
import type { RequestContext } from './request-context';

export interface DataSourceResponse {
  state: ObjectView;
  diagnostics: Diagnostic[];
  deferred?: 'provider_config_unknown';
}

export interface DataSource<Data, B extends BlockSchema = BlockSchema> {
  readonly typeName: string;
  readonly schema: B;
  read(config: ViewOf<B>, ctx: RequestContext<Data>): Promise<DataSourceResponse>;
}
