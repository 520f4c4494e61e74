/** Rules across attributes of one configuration object. */
import { errorDiag } from '../diagnostics';
import type { ConfigValidator } from './validator';

/** At most one of `names` may be set (unknown counts as "maybe set", so it never errors on its own). */
export function atMostOneOf(...names: string[]): ConfigValidator {
  return {
    validate(config) {
      const set = names.filter((n) => config.get(n) !== null && !config.isUnknown(n));
      if (set.length <= 1) return [];
      return set
        .slice(1)
        .map((n) =>
          errorDiag(
            'Conflicting attributes',
            `Set only one of ${names.join(', ')}: ${set.join(' and ')} are both set. They are two ways of giving the same value.`,
            [n],
          ),
        );
    },
  };
}
