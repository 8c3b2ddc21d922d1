import { LabelSelector } from '../product';
import {
  LabelSelectorSyntaxError,
  matchesLabelSelector,
  parseLabelSelector,
} from './labelSelector';

const web = {
  'app.kubernetes.io/part-of': 'storefront',
  tier: 'web',
  track: 'stable',
};
const api = { 'app.kubernetes.io/part-of': 'storefront', tier: 'api' };
const bare = {};

function matches(selector: string | LabelSelector) {
  const parsed =
    typeof selector === 'string' ? parseLabelSelector(selector) : selector;
  return [web, api, bare].map(labels => matchesLabelSelector(parsed, labels));
}

describe('label selectors', () => {
  it.each([
    ['tier=web', [true, false, false]],
    ['tier==web', [true, false, false]],
    ['tier!=web', [false, true, true]],
    ['tier in (web, api)', [true, true, false]],
    ['tier notin (web)', [false, true, true]],
    ['track', [true, false, false]],
    ['!track', [false, true, true]],
    ['app.kubernetes.io/part-of=storefront,!track', [false, true, false]],
    [
      'app.kubernetes.io/part-of in (storefront,search),tier notin (db,cache)',
      [true, true, false],
    ],
  ])('string form %s', (selector, expected) => {
    expect(matches(selector)).toEqual(expected);
  });

  it('matches the structured form with matchLabels and every operator', () => {
    expect(
      matches({ matchLabels: { tier: 'web' }, matchExpressions: [] }),
    ).toEqual([true, false, false]);
    const expression = (
      operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist',
      values: string[] = [],
    ) =>
      matches({
        matchLabels: {},
        matchExpressions: [{ key: 'tier', operator, values }],
      });
    expect(expression('In', ['api'])).toEqual([false, true, false]);
    expect(expression('NotIn', ['api'])).toEqual([true, false, true]);
    expect(expression('Exists')).toEqual([true, true, false]);
    expect(expression('DoesNotExist')).toEqual([false, false, true]);
  });

  it.each([
    ['tier=web,', 'empty requirement'],
    ['tier in web', 'cannot read "tier in web"'],
    ['tier in ()', 'lists no values'],
    ['tier in (a b)', '"a b" is not a valid label value'],
    ['tier=>web', 'cannot read "tier=>web"'],
  ])('rejects %s', (selector, reason) => {
    expect(() => parseLabelSelector(selector)).toThrow(
      LabelSelectorSyntaxError,
    );
    expect(() => parseLabelSelector(selector)).toThrow(reason);
  });
});
