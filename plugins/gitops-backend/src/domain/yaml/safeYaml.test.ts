import { parseYamlSafely, YamlReadError } from './safeYaml';

describe('parseYamlSafely', () => {
  it('reads one document into plain data', () => {
    expect(parseYamlSafely('a: 1\nb: [x, y]\n')).toEqual({
      a: 1,
      b: ['x', 'y'],
    });
    expect(parseYamlSafely('# nothing here\n')).toBeUndefined();
  });

  it('keeps scalars as written with the failsafe schema', () => {
    expect(
      parseYamlSafely('appVersion: 1.10\nflag: true\n', { schema: 'failsafe' }),
    ).toEqual({
      appVersion: '1.10',
      flag: 'true',
    });
  });

  it('rejects an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(() => parseYamlSafely(bomb)).toThrow(YamlReadError);
    expect(() => parseYamlSafely(bomb)).toThrow(
      'expands YAML aliases more than 100 times, which looks like an alias bomb; write the values out instead',
    );
  });

  it('still reads a few ordinary aliases', () => {
    expect(parseYamlSafely('base: &b { cpu: 1 }\nprod: *b\n')).toEqual({
      base: { cpu: 1 },
      prod: { cpu: 1 },
    });
  });

  it('rejects a file over the size limit before parsing it', () => {
    const big = `values: "${'x'.repeat(2000)}"\n`;
    expect(() => parseYamlSafely(big, { maxBytes: 1000 })).toThrow(
      'is 2011 bytes, larger than the 1000 bytes allowed for a YAML file',
    );
  });

  it('explains syntax errors, duplicate keys and several documents with the line', () => {
    expect(() => parseYamlSafely('a: [1\nb: 2\n')).toThrow(
      /^is not valid YAML: .* at line 2, column 1$/,
    );
    expect(() => parseYamlSafely('a: 1\na: 2\n')).toThrow(
      'is not valid YAML: Map keys must be unique at line 2, column 1',
    );
    expect(() => parseYamlSafely('a: 1\n---\nb: 2\n')).toThrow(
      'holds 2 YAML documents; put exactly one in the file',
    );
  });
});
