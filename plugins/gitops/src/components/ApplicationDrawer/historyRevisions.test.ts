import { gitRevisions } from './historyRevisions';

const git = {
  repoURL: 'https://github.com/org/manifests.git',
  path: 'apps/api',
};
const chart = { repoURL: 'https://charts.example.com', chart: 'redis' };

describe('gitRevisions', () => {
  it('returns the revision of a single Git source', () => {
    expect(gitRevisions({ id: 1, revision: 'abc', sources: [git] })).toEqual([
      { revision: 'abc' },
    ]);
  });

  it('skips Helm chart versions, which have no commit', () => {
    expect(
      gitRevisions({ id: 1, revision: '18.1.0', sources: [chart] }),
    ).toEqual([]);
  });

  it('keeps the source index of each Git revision of a multi-source app', () => {
    expect(
      gitRevisions({
        id: 1,
        revisions: ['18.1.0', 'def'],
        sources: [chart, git],
      }),
    ).toEqual([{ revision: 'def', sourceIndex: 1 }]);
  });
});
