/**
 * The provider reads its values through views typed by its own schemas: test/provider/typed-views.types.ts
 * reads attributes the real whatsapp_local_storage, whatsapp_phone_number, list resource, identity and
 * provider schemas lack, or with the wrong type, each marked @ts-expect-error. It must compile cleanly.
 */
import { join } from 'node:path';
import { expectedErrorCount, typeErrors } from '../plugin/type-check';

test("a wrong attribute name or type on the real provider types' views does not compile", () => {
  const file = join(__dirname, 'typed-views.types.ts');
  expect(typeErrors(file)).toEqual([]);
  expect(expectedErrorCount(file)).toBe(12);
});
