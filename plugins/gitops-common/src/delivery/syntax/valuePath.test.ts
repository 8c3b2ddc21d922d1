import {
  formatValuePath,
  parseValuePath,
  PathSyntaxError,
  readPath,
} from './valuePath';

describe('parseValuePath', () => {
  it.each([
    ['$', []],
    ['$.appVersion', [{ kind: 'key', key: 'appVersion' }]],
    [
      '$.image.tag',
      [
        { kind: 'key', key: 'image' },
        { kind: 'key', key: 'tag' },
      ],
    ],
    [
      '$.a.b[0].c',
      [
        { kind: 'key', key: 'a' },
        { kind: 'key', key: 'b' },
        { kind: 'index', index: 0 },
        { kind: 'key', key: 'c' },
      ],
    ],
    ["$['x.y']", [{ kind: 'key', key: 'x.y' }]],
    ['$["it\'s"]', [{ kind: 'key', key: "it's" }]],
    ["$['a\\'b']", [{ kind: 'key', key: "a'b" }]],
    [
      "$.images[?(@.name=='api')].newTag",
      [
        { kind: 'key', key: 'images' },
        { kind: 'filter', key: 'name', value: 'api' },
        { kind: 'key', key: 'newTag' },
      ],
    ],
  ])('reads %s', (path, segments) => {
    expect(parseValuePath(path)).toEqual(segments);
  });

  it.each([
    ['image.tag', 'a path starts with "$"'],
    [
      '$.image[',
      'expected an index, a quoted name or a filter after "[", found the end',
    ],
    ['$.', 'expected a property name after ".", found the end'],
    ['$.image.1tag', 'expected a property name after ".", found "1"'],
    ["$['open", 'is not closed'],
    ['$.a[0', 'expected "]" after the index, found the end'],
    ['$..tag', 'recursive descent ("..") is not supported'],
    ['$.images[*]', 'wildcards are not supported'],
    ['$.images.*', 'wildcards are not supported'],
    ['$.images[?(@.name!="api")]', 'only "==" comparisons are supported'],
    ['$.images[?(@.name==api)]', 'expected a quoted value after "=="'],
    ['$ .tag', 'unexpected " " at character 2'],
  ])('rejects %s with a reason', (path, reason) => {
    expect(() => parseValuePath(path)).toThrow(PathSyntaxError);
    expect(() => parseValuePath(path)).toThrow(
      `"${path}" is not a valid path: `,
    );
    expect(() => parseValuePath(path)).toThrow(reason);
  });

  it('formats segments back to a canonical path', () => {
    for (const path of [
      '$.image.tag',
      "$['x.y'][2].z",
      "$.images[?(@.name=='a\\'b')].newTag",
    ]) {
      expect(formatValuePath(parseValuePath(path))).toBe(path);
    }
  });
});

describe('readPath', () => {
  // What the YAML `image: { tag: "1.2.3" }`, `a: { b: [ { c: first }, { c: second } ] }`, … parses to.
  const data = {
    image: { tag: '1.2.3' },
    a: { b: [{ c: 'first' }, { c: 'second' }] },
    'x.y': 'dotted',
    images: [
      { name: 'web', newTag: '2.0.0' },
      { name: 'api', newTag: '2.1.0' },
    ],
  };

  it('walks keys, indexes, quoted keys and filters', () => {
    const read = (path: string) => readPath(data, parseValuePath(path));
    expect(read('$.image.tag')).toEqual({ found: true, value: '1.2.3' });
    expect(read('$.a.b[1].c')).toEqual({ found: true, value: 'second' });
    expect(read("$['x.y']")).toEqual({ found: true, value: 'dotted' });
    expect(read("$.images[?(@.name=='api')].newTag")).toEqual({
      found: true,
      value: '2.1.0',
    });
  });

  it('says which step of the path failed', () => {
    const read = (path: string) => readPath(data, parseValuePath(path));
    expect(read('$.image.digest')).toEqual({
      found: false,
      reason: '$.image has no "digest"',
    });
    expect(read('$.a.b[5].c')).toEqual({
      found: false,
      reason: '$.a.b has 2 elements, no index 5',
    });
    expect(read('$.image[0]')).toEqual({
      found: false,
      reason: '$.image is a mapping, not a list',
    });
    expect(read('$.image.tag.x')).toEqual({
      found: false,
      reason: '$.image.tag is the value "1.2.3", not a mapping',
    });
    expect(read("$.images[?(@.name=='db')].newTag")).toEqual({
      found: false,
      reason: 'no element of $.images has name "db"',
    });
  });
});
