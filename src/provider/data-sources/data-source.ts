/** What a data source type implements. */
import type { Diagnostic } from '../../plugin/diagnostics';
import type { RequestContext } from '../provider-context';
import type { BlockSchema } from '../../plugin/schema/model';
import type { ObjectView } from '../../plugin/values/object-view';

export interface DataSource {
  readonly typeName: string;
  readonly schema: BlockSchema;
  read(config: ObjectView, ctx: RequestContext): Promise<{ state: ObjectView; diagnostics: Diagnostic[]; deferred?: 'provider_config_unknown' }>;
}
