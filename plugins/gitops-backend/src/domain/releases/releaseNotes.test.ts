import type { GitCommitInfo } from '@slipway/plugin-gitops-node';
import { buildReleaseNotes, issueKeysIn } from './releaseNotes';

function commit(sha: string, message: string, name: string): GitCommitInfo {
  return {
    sha,
    message,
    author: {
      name,
      email: `${name.toLowerCase()}@example.com`,
      date: '2026-11-20T10:00:00Z',
    },
    parents: [],
    trailers: {},
  };
}

describe('buildReleaseNotes', () => {
  const commits = [
    commit(
      'c3',
      'Fix refund rounding (PAY-10)\n\nAlso closes PAY-9 and OPS-2.',
      'Bob',
    ),
    commit('c2', 'Use UTF-8 and SHA-256 everywhere', 'Alice'),
    commit('c1', 'PAY-9: add refunds endpoint', 'Bob'),
  ];

  it('lists commits with their issue keys, authors in order of appearance and sorted issue keys', () => {
    const notes = buildReleaseNotes(
      commits,
      [{ name: 'ghcr.io/acme/payments-api', from: '1.3.2', to: '1.4.0' }],
      sha =>
        sha === 'c2'
          ? undefined
          : `https://git.example/acme/payments/commit/${sha}`,
    );
    expect(notes.authors).toEqual(['Bob', 'Alice']);
    expect(notes.issueKeys).toEqual(['OPS-2', 'PAY-9', 'PAY-10']);
    expect(notes.commits[0]).toEqual({
      sha: 'c3',
      message: 'Fix refund rounding (PAY-10)\n\nAlso closes PAY-9 and OPS-2.',
      author: 'Bob',
      date: '2026-11-20T10:00:00Z',
      url: 'https://git.example/acme/payments/commit/c3',
      issueKeys: ['PAY-10', 'PAY-9', 'OPS-2'],
    });
    expect(notes.commits[1]).not.toHaveProperty('url');
    expect(notes.commits[1].issueKeys).toEqual([]);
    expect(notes.images).toEqual([
      { name: 'ghcr.io/acme/payments-api', from: '1.3.2', to: '1.4.0' },
    ]);
  });

  it('is empty for no commits', () => {
    expect(buildReleaseNotes([], [])).toEqual({
      commits: [],
      authors: [],
      issueKeys: [],
      images: [],
    });
  });
});

describe('issueKeysIn', () => {
  it('finds keys at word boundaries only', () => {
    expect(issueKeysIn('xPAY-1 PAY-2x PAY-3, [ops-4] OPS-5')).toEqual([
      'PAY-3',
      'OPS-5',
    ]);
  });
});
