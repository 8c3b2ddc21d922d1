import { sourceFileLocation } from './sourceFileLocation';

const repoURL = 'file:///sandbox/repos/app-manifests.git';

describe('sourceFileLocation', () => {
  it('reads from the source folder at the synced revision, not the target branch', () => {
    expect(
      sourceFileLocation(
        {
          sources: [
            { repoURL, path: 'apps/payments-api/dev/', targetRevision: 'main' },
          ],
          sync: { status: 'OutOfSync', revision: 'a1b2c3' },
        },
        'Chart.yaml',
      ),
    ).toEqual({
      repoURL,
      revision: 'a1b2c3',
      path: 'apps/payments-api/dev/Chart.yaml',
    });
  });

  it('picks the Git source of a multi-source app and its own revision', () => {
    expect(
      sourceFileLocation(
        {
          sources: [
            {
              repoURL: 'https://charts.example.com',
              chart: 'api',
              targetRevision: '1.2.0',
            },
            { repoURL, path: '.', targetRevision: 'main' },
          ],
          sync: { status: 'Synced', revisions: ['1.2.0', 'f00d'] },
        },
        'values.yaml',
      ),
    ).toEqual({ repoURL, revision: 'f00d', path: 'values.yaml' });
  });

  it('explains why there is nothing to read', () => {
    expect(
      sourceFileLocation(
        {
          sources: [{ repoURL: 'https://charts.example.com', chart: 'api' }],
          sync: { status: 'Synced', revision: '1.2.0' },
        },
        'Chart.yaml',
      ),
    ).toEqual({
      problem:
        'its source is the Helm chart "api" from https://charts.example.com, which has no Chart.yaml in Git',
    });
    expect(
      sourceFileLocation(
        { sources: [{ repoURL, path: 'apps/x' }], sync: { status: 'Unknown' } },
        'Chart.yaml',
      ),
    ).toEqual({
      problem:
        'it has not synced yet, so there is no synced revision to read Chart.yaml at',
    });
  });
});
