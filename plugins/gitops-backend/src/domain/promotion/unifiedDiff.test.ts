import { unifiedDiff } from './unifiedDiff';

describe('unifiedDiff', () => {
  it('shows the changed line with its context under git-style file headers', () => {
    const before =
      '# prod\nimage:\n  repository: api\n  tag: "1.3.2" # pinned\nreplicas: 6\n';
    const after = before.replace('1.3.2', '1.4.0');
    expect(unifiedDiff('apps/api/values.yaml', before, after)).toBe(
      [
        '--- a/apps/api/values.yaml',
        '+++ b/apps/api/values.yaml',
        '@@ -1,5 +1,5 @@',
        ' # prod',
        ' image:',
        '   repository: api',
        '-  tag: "1.3.2" # pinned',
        '+  tag: "1.4.0" # pinned',
        ' replicas: 6',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('values.yaml', 'a: 1\n', 'a: 1\n')).toBe('');
  });

  it('separates distant changes into hunks and marks a missing final newline', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `key${i}: ${i}`);
    const after = [...lines];
    after[1] = 'key1: changed';
    after[18] = 'key18: changed';
    const diff = unifiedDiff('v.yaml', lines.join('\n'), after.join('\n'));
    expect(diff.match(/^@@ /gm)).toHaveLength(2);
    expect(diff).toContain('\\ No newline at end of file');
  });
});
