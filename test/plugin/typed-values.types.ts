/**
 * Compile-time checks of the typed schema (test/plugin/typed-values.test.ts compiles this
 * file and expects no errors: each @ts-expect-error line must be an error, or tsc reports
 * the directive as unused).
 */
import type { BlockSchema, ViewOf } from '../../src/plugin/schema/model';
import { integerBetween } from '../../src/plugin/validators/number-validators';
import { digitsOfLength } from '../../src/plugin/validators/string-validators';
import { t } from '../../src/plugin/values/cty-type';

export const schema = {
  version: 0,
  description: 'A typed thing.',
  attributes: {
    name: { type: t.string, required: true, description: 'Name.', validators: [digitsOfLength(4, 'a code')] },
    size: { type: t.number, optional: true, description: 'Size.', validators: [integerBetween(1, 9)] },
    enabled: { type: t.bool, optional: true, description: 'On or off.' },
  },
} satisfies BlockSchema;

export function reads(view: ViewOf<typeof schema>): void {
  view.knownString('name');
  view.knownNumber('size');
  view.knownBool('enabled');
  view.with({ size: 3 });
  // @ts-expect-error: no attribute "nmae" in the schema
  view.knownString('nmae');
  // @ts-expect-error: size is a number, not a string
  view.knownString('size');
  // @ts-expect-error: name is a string, not a bool
  view.knownBool('name');
  // @ts-expect-error: no attribute "colour" to change
  view.with({ colour: 'red' });
  // @ts-expect-error: no attribute "missing" to test for null
  view.isNull('missing');
}

export const wrongValidator: BlockSchema = {
  version: 0,
  description: 'A validator of the wrong type.',
  attributes: {
    // @ts-expect-error: a number validator on a string attribute
    code: { type: t.string, optional: true, description: 'Code.', validators: [integerBetween(1, 9)] },
    // @ts-expect-error: a string validator on a number attribute
    count: { type: t.number, optional: true, description: 'Count.', validators: [digitsOfLength(4, 'a code')] },
  },
};
