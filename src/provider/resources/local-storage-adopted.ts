/**
 * The state of a number just taken under management (import, or a listed number
 * for `terraform query`): its id, every attribute with a schema default at that
 * default, everything else null until a read fills in the live values. One
 * definition, so an import and a generated import block plan the same way.
 */
import { objectTypeOf } from '../../plugin/schema/model';
import { ObjectView } from '../../plugin/values/object-view';
import { record } from '../../plugin/values/value';
import { localStorageResourceSchema } from '../schema/local-storage-resource';

const type = objectTypeOf(localStorageResourceSchema);

export function adoptedState(phoneNumberId: string): ObjectView {
  const values = record();
  for (const [name, attribute] of Object.entries(localStorageResourceSchema.attributes)) values[name] = attribute.default ?? null;
  values.id = phoneNumberId;
  values.phone_number_id = phoneNumberId;
  return new ObjectView(type, values);
}
