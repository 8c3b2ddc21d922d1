import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Release, ReleaseStep } from '@slipway/plugin-gitops-common';
import type {
  GitCommitStatusRequest,
  GitProviderRegistry,
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';

/**
 * Marks each commit a step wrote with its deployment: `pending` once committed, `success` or
 * `failure` when the step ends, under the context `slipway/<environment>`, linking to the release
 * page. One call per commit and event, so at most two per application and step; a provider without
 * commit statuses is skipped, and a failure is logged, never the release's.
 */
export class CommitStatusListener implements ReleaseEventListener {
  readonly name = 'commit-status';

  constructor(
    private readonly options: {
      git: GitProviderRegistry;
      logger: LoggerService;
      /** `app.baseUrl`: the release page is `<baseUrl>/gitops/releases/<id>`. */
      appBaseUrl?: string;
    },
  ) {}

  async onReleaseEvent(event: ReleaseEvent): Promise<void> {
    if (event.type === 'release.step.committed') {
      await this.mark(event.release, event.step, 'pending');
    } else if (event.type === 'release.step.finished') {
      await this.mark(
        event.release,
        event.step,
        event.status === 'succeeded' ? 'success' : 'failure',
      );
    }
  }

  private async mark(
    release: Release,
    step: ReleaseStep,
    state: GitCommitStatusRequest['state'],
  ): Promise<void> {
    const commits = new Map<string, { url: string; sha: string }>();
    for (const app of step.applications) {
      if (app.commitSha) {
        commits.set(`${app.repoURL} ${app.commitSha}`, {
          url: app.repoURL,
          sha: app.commitSha,
        });
      }
    }
    const description = describe(release, step, state);
    const targetUrl = this.options.appBaseUrl
      ? `${this.options.appBaseUrl.replace(/\/$/, '')}/gitops/releases/${
          release.id
        }`
      : undefined;
    await Promise.all(
      [...commits.values()].map(async ({ url, sha }) => {
        try {
          const provider = this.options.git.forUrl(url);
          await provider.setCommitStatus?.({
            url,
            sha,
            context: `slipway/${step.environment}`,
            state,
            description,
            ...(targetUrl ? { targetUrl } : {}),
          });
        } catch (error) {
          this.options.logger.warn(
            `Could not set the slipway/${step.environment} status of ${sha} in ${url} (release ${release.id}): ${error}`,
          );
        }
      }),
    );
  }
}

function describe(
  release: Release,
  step: ReleaseStep,
  state: GitCommitStatusRequest['state'],
): string {
  const what = `${release.product} ${release.version}`;
  if (state === 'pending') return `Deploying ${what} to ${step.environment}`;
  if (state === 'success') return `${what} runs in ${step.environment}`;
  return step.status === 'terminated'
    ? `${what} was stopped in ${step.environment}`
    : `${what} failed in ${step.environment}${
        step.error ? `: ${step.error}` : ''
      }`;
}
