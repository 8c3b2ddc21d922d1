import type {
  ApplicationPromotion,
  Release,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';
import type { ReleaseEvent } from '@slipway/plugin-gitops-node';
import type { Deployment, SourceCommit } from './deployments';

/**
 * The deployments a release event reports: every application of a verified step (healthy at the
 * promoted revision), and every application of a failed step that synced the promoted revision but
 * never turned healthy (degraded). Applications that did not reach their revision deployed nothing.
 */
export function deploymentsOfReleaseEvent(event: ReleaseEvent): Deployment[] {
  if (event.type === 'release.step.verified') {
    return event.step.applications
      .filter(app => app.commitSha)
      .map(app =>
        deployment(event.release, event.step, app, {
          // Verification stamps `finishedAt` when the application turned healthy.
          at: app.finishedAt ?? event.occurredAt,
          healthy: true,
        }),
      );
  }
  if (event.type === 'release.step.finished' && event.status === 'failed') {
    return event.step.applications
      .filter(
        app =>
          app.commitSha &&
          app.syncedRevision === app.commitSha &&
          app.status !== 'healthy',
      )
      .map(app =>
        deployment(event.release, event.step, app, {
          at: event.step.finishedAt ?? event.occurredAt,
          healthy: false,
        }),
      );
  }
  return [];
}

function deployment(
  release: Release,
  step: ReleaseStep,
  app: ApplicationPromotion,
  { at, healthy }: { at: string; healthy: boolean },
): Deployment {
  return {
    product: release.product,
    environment: step.environment,
    application: app.application,
    version: release.version,
    revision: app.syncedRevision ?? app.commitSha!,
    sourceCommits: sourceCommits(release, app),
    syncedAt: at,
    ...(healthy ? { healthyAt: at } : { failedAt: at }),
    releaseId: release.id,
    releaseKind: release.kind,
    outcome: healthy ? 'healthy' : 'degraded',
  };
}

/** The release notes' commits when known, else the manifest commit, dated when its write began. */
function sourceCommits(
  release: Release,
  app: ApplicationPromotion,
): SourceCommit[] {
  const notes = release.notes?.commits ?? [];
  if (notes.length > 0) {
    return notes.map(commit => ({
      sha: commit.sha,
      time: commit.date,
      author: commit.author,
      issueKeys: commit.issueKeys,
    }));
  }
  return [
    { sha: app.commitSha!, ...(app.startedAt ? { time: app.startedAt } : {}) },
  ];
}
