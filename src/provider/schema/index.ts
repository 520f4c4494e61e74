/** Every schema the provider serves, by type name (derived from the type registry). */
import type { BlockSchema } from '../../plugin/schema/model';
import { DATA_SOURCES, RESOURCES } from '../registry';
import { providerConfigSchema } from './provider-config';

export const PROVIDER_ADDRESS = 'registry.terraform.io/waba/whatsapp';

const byTypeName = (types: ReadonlyArray<{ typeName: string; schema: BlockSchema }>): Readonly<Record<string, BlockSchema>> =>
  Object.fromEntries(types.map((t) => [t.typeName, t.schema]));

export const resourceSchemas = byTypeName(RESOURCES);

export const dataSourceSchemas = byTypeName(DATA_SOURCES);

export { providerConfigSchema };
export * from '../../plugin/schema/model';
