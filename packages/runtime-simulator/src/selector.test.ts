import { parseLabelSelector } from './selector';

describe('parseLabelSelector', () => {
  const labels = {
    env: 'prod',
    tier: 'backend',
    'app.kubernetes.io/part-of': 'payments',
    replicas: '3',
  };

  it.each([
    ['', true],
    ['env=prod', true],
    ['env==prod', true],
    ['env=dev', false],
    ['env!=dev', true],
    ['missing!=x', true],
    ['env in (dev, prod)', true],
    ['env in (dev,qa)', false],
    ['env notin (dev,qa)', true],
    ['missing notin (a)', true],
    ['env', true],
    ['missing', false],
    ['!missing', true],
    ['!env', false],
    ['app.kubernetes.io/part-of=payments,tier=backend', true],
    ['app.kubernetes.io/part-of=payments, tier=frontend', false],
    ['replicas>2', true],
    ['replicas<3', false],
    ['  env = prod  ', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(expected);
  });

  it('treats an app without labels as having none', () => {
    expect(parseLabelSelector('!env').matches(undefined)).toBe(true);
    expect(parseLabelSelector('env').matches(undefined)).toBe(false);
  });

  it.each([
    ['env in', "found 'end of string', expected: '('"],
    ['env in (a', "found 'end of string', expected: ',' or ')'"],
    ['=prod', "found '=', expected: !, identifier, or 'end of string'"],
    [
      'env=prod,',
      "found 'end of string', expected: !, identifier, or 'end of string'",
    ],
    ['env=prod tier=x', "found 'tier', expected: ',' or 'end of string'"],
    ['-bad=x', 'name part must consist of alphanumeric characters'],
    ['env=pr od', "found 'od'"],
    ['replicas>x', 'the value must be an integer'],
  ])('rejects %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
