import {
  GitopsReleaseSearchDocument,
  Release,
  releaseName,
} from '@slipway/plugin-gitops-common';

/** Git hosts and `git log --oneline` show seven characters. */
const shortSha = (sha: string) => sha.slice(0, 7);

const unique = (values: string[]) => [...new Set(values.filter(Boolean))];

/** A commit as people search for it: both SHA forms, so either finds the release. */
const commitLine = (sha: string, rest: string) =>
  `${shortSha(sha)} ${sha} ${rest}`.trim();

/**
 * The search document of one release. Lines of the text name, in order: what went where, the issue
 * keys, the release notes' commits with their authors, the images with both tags, and the commits
 * Slipway wrote (or the pull requests it opened) to promote.
 */
export function releaseDocument(
  release: Release,
  location: string,
): GitopsReleaseSearchDocument {
  const notes = release.notes;
  const targets = release.environments.map(e => e.environment);
  const issueKeys = unique(notes?.issueKeys ?? []);
  const commits = notes?.commits ?? [];
  const images = notes?.images ?? [];
  const promotions = release.steps.flatMap(step =>
    step.applications.map(app => ({ environment: step.environment, app })),
  );

  const lines = [
    `${release.product} ${release.version} from ${
      release.sourceEnvironment
    } to ${targets.join(', ')}: ${release.status}, started by ${
      release.initiator
    }`,
    release.message,
    issueKeys.length > 0 ? `Issues: ${issueKeys.join(' ')}` : undefined,
    ...commits.map(c =>
      commitLine(c.sha, `${c.message.split('\n')[0]} (${c.author})`),
    ),
    notes?.authors.length ? `Authors: ${notes.authors.join(', ')}` : undefined,
    ...images.map(image =>
      [
        `${image.name} ${image.from ?? '(none)'} → ${image.to ?? '(none)'}`,
        ...[image.from, image.to].flatMap(tag =>
          tag ? [`${image.name}:${tag}`] : [],
        ),
      ].join(' '),
    ),
    ...promotions.flatMap(({ environment, app }) => {
      const what = `promoted ${app.application.name} in ${environment}`;
      if (app.commitSha) return [commitLine(app.commitSha, what)];
      if (app.pullRequest) return [`${app.pullRequest.url} ${what}`];
      return [];
    }),
  ];

  return {
    title: releaseName(release),
    text: lines.filter((line): line is string => Boolean(line)).join('\n'),
    location,
    releaseId: release.id,
    product: release.product,
    environment: targets[targets.length - 1] ?? '',
    version: release.version,
    status: release.status,
    issueKeys,
    commits: unique(commits.map(c => c.sha)),
  };
}
