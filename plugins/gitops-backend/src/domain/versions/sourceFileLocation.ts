import { ApplicationSummary } from '@slipway/plugin-gitops-common';

/** Where to read a file of an application's source: the repository, the synced commit and the path. */
export interface SourceFileLocation {
  repoURL: string;
  /** The revision Argo CD synced (not the target branch), so the file matches what runs. */
  revision: string;
  /** Path relative to the repository root. */
  path: string;
}

function joinPath(dir: string, file: string): string {
  return [...dir.split('/'), ...file.split('/')]
    .filter(part => part !== '' && part !== '.')
    .join('/');
}

/**
 * Locates `file` (a product's version or promotion file) in the application's Git source folder at the
 * synced revision. Multi-source apps use their first Git source with a path. Returns why not, when
 * there is no such source or the app has not synced yet.
 */
export function sourceFileLocation(
  app: Pick<ApplicationSummary, 'sources' | 'sync'>,
  file: string,
): SourceFileLocation | { problem: string } {
  const index = app.sources.findIndex(
    source => source.path !== undefined && !source.chart,
  );
  if (index < 0) {
    const chart = app.sources.find(source => source.chart);
    return {
      problem: chart
        ? `its source is the Helm chart "${chart.chart}" from ${chart.repoURL}, which has no ${file} in Git`
        : `it has no Git source folder to read ${file} from`,
    };
  }
  const source = app.sources[index];
  const revision =
    app.sync.revisions?.[index] ??
    (app.sources.length === 1 ? app.sync.revision : undefined);
  if (!revision) {
    return {
      problem: `it has not synced yet, so there is no synced revision to read ${file} at`,
    };
  }
  return {
    repoURL: source.repoURL,
    revision,
    path: joinPath(source.path!, file),
  };
}
