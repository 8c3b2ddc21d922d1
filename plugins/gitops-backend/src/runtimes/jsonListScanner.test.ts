import { JsonListScanner, MalformedJsonError } from './jsonListScanner';

/** Feeds `text` in chunks of `size` bytes and returns what the scanner saw. */
function scan(text: string, size: number) {
  const elements: unknown[] = [];
  const scanner = new JsonListScanner('items', json =>
    elements.push(JSON.parse(json)),
  );
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) {
    scanner.push(bytes.subarray(i, i + size));
  }
  scanner.end();
  return { elements, fields: scanner.fields, sawList: scanner.sawList };
}

const list = {
  metadata: {
    resourceVersion: '42',
    note: 'braces } ] in "strings" \\ too \\" \\\\',
  },
  items: [
    { metadata: { name: 'a', labels: { 'x/y': 'z' } }, spec: { sources: [] } },
    { metadata: { name: 'ünïcødé-😀', annotations: { a: '{[' } } },
    null,
    'text, with ] and }',
    12.5e3,
    [1, [2]],
    {},
  ],
  after: true,
};

describe('JsonListScanner', () => {
  it.each([1, 2, 3, 7, 64, 100_000])(
    'hands over each list element and the other values, whatever the chunking (%i bytes)',
    size => {
      for (const text of [
        JSON.stringify(list),
        JSON.stringify(list, null, 2),
      ]) {
        const seen = scan(text, size);
        expect(seen.elements).toEqual(list.items);
        expect(seen.fields).toEqual({
          metadata: list.metadata,
          after: true,
        });
        expect(seen.sawList).toBe(true);
      }
    },
  );

  it('reports a list key that holds no array as a plain value', () => {
    expect(scan('{"items":null,"metadata":{}}', 5)).toEqual({
      elements: [],
      fields: { items: null, metadata: {} },
      sawList: false,
    });
    expect(scan('{"items":{"a":1}}', 3).fields).toEqual({ items: { a: 1 } });
    expect(scan('{}', 1)).toEqual({ elements: [], fields: {}, sawList: false });
  });

  it.each([
    ['truncated', '{"metadata":{},"items":[{"metadata":'],
    ['not an object', '[{"a":1}]'],
    ['text after the end', '{"items":[]} {}'],
    ['a malformed value', '{"metadata":{"a":tru}}'],
    ['empty', ''],
  ])('rejects %s', (_, text) => {
    expect(() => scan(text, 4)).toThrow(MalformedJsonError);
  });
});
