/**
 * The identity of a whatsapp_local_storage: the phone number id. Version 0;
 * an identity written by a newer provider (a higher version) is refused
 * rather than guessed at.
 */
import { errorDiag } from '../../plugin/diagnostics';
import type { IdentitySchema } from '../../plugin/schema/identity';
import { t } from '../../plugin/values/cty-type';
import { graphId } from '../validators/whatsapp-validators';
import type { ResourceIdentity } from '../../plugin/server/resource';
import type { localStorageResourceSchema } from '../schema/local-storage-resource';

export const localStorageIdentitySchema = {
  version: 0,
  attributes: {
    phone_number_id: {
      type: t.string,
      requiredForImport: true,
      description: 'The WhatsApp Business phone number id (digits only).',
    },
  },
} satisfies IdentitySchema;

export const localStorageIdentity: ResourceIdentity<typeof localStorageResourceSchema, typeof localStorageIdentitySchema> = {
  schema: localStorageIdentitySchema,

  of(state) {
    const id = state.isNullObject ? undefined : (state.knownString('phone_number_id') ?? state.knownString('id'));
    return id === undefined ? undefined : { phone_number_id: id };
  },

  importId(identity) {
    const id = identity.isNullObject ? undefined : identity.knownString('phone_number_id');
    if (id === undefined) {
      return {
        diagnostics: [
          errorDiag(
            'Invalid import identity',
            'The identity has no phone_number_id: write `identity = { phone_number_id = "106540352242922" }` in the import block.',
          ),
        ],
      };
    }
    const problems = graphId('phone_number_id').validate(id, []);
    if (problems.length > 0) return { diagnostics: problems.map((d) => ({ ...d, summary: 'Invalid import identity' })) };
    return { id };
  },

  upgrade(version, rawJson) {
    if (version > localStorageIdentitySchema.version) {
      return {
        diagnostics: [
          errorDiag(
            'Identity from a newer provider',
            `This identity was written with identity schema version ${version}; this provider knows version ${localStorageIdentitySchema.version}. Use the provider version that wrote the state.`,
          ),
        ],
      };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof rawJson === 'string' ? rawJson : Buffer.from(rawJson).toString('utf8'));
    } catch {
      return { diagnostics: [errorDiag('Unreadable identity', 'The stored identity is not valid JSON.')] };
    }
    const id = (parsed as { phone_number_id?: unknown } | null)?.phone_number_id;
    if (typeof id !== 'string' || graphId('phone_number_id').validate(id, []).length > 0) {
      return {
        diagnostics: [
          errorDiag(
            'Unreadable identity',
            'The stored identity has no valid phone_number_id: remove the resource from state and import the number again.',
          ),
        ],
      };
    }
    return { identity: { phone_number_id: id }, diagnostics: [] };
  },
};
