/**
 * The state of a number just taken under management (import, or a listed number
 * for `terraform query`): its id, every attribute with a schema default at that
 * default, everything else null until a read fills in the live values. One
 * definition, so an import and a generated import block plan the same way.
 */
import { viewOf, type AttributeMap } from '../../plugin/schema/model';
import { record } from '../../plugin/values/value';
import { localStorageResourceSchema, type LocalStorageView } from '../schema/local-storage-resource';

export function adoptedState(phoneNumberId: string): LocalStorageView {
  const values = record();
  const attributes: AttributeMap = localStorageResourceSchema.attributes;
  for (const [name, attribute] of Object.entries(attributes)) values[name] = attribute.default ?? null;
  values.id = phoneNumberId;
  values.phone_number_id = phoneNumberId;
  return viewOf(localStorageResourceSchema, values);
}
