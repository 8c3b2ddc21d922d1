import { NotAllowedError } from '@backstage/errors';
import type { RepoWriteDecision } from '../git/permissions';
import type { ReleaseRecord } from '../domain/releases/releaseRecord';

/**
 * What the engine and the promotion route ask before writing to a repository for a user
 * (`RepoWriteGuard` in the plugin; tests may pass their own).
 */
export interface EngineWriteGuard {
  check(actorRef: string, repoUrl: string): Promise<RepoWriteDecision>;
}

/** The initiator of automatic releases: they are written with Slipway's own credentials. */
export const ENGINE_INITIATOR = 'engine';

/** Whether writes for this initiator are checked against their Git permission. */
export function writesOnBehalfOf(initiator: string): boolean {
  // Automatic releases act for nobody: Slipway's own Git credentials and the delivery config
  // (reviewed like any other change) decide what they may write, so the guard is not applied.
  return initiator !== ENGINE_INITIATOR;
}

/** Every repository a release will write to, in step order, each once. */
export function targetRepositories(record: ReleaseRecord): string[] {
  return [
    ...new Set(
      record.steps.flatMap(step => step.applications.map(a => a.repoURL)),
    ),
  ];
}

/** Throws the guard's NotAllowedError (403) unless the initiator may write to every target repository. */
export async function assertCanWriteTargets(
  guard: EngineWriteGuard,
  record: ReleaseRecord,
): Promise<void> {
  if (!writesOnBehalfOf(record.initiator)) return;
  for (const repo of targetRepositories(record)) {
    const decision = await guard.check(record.initiator, repo);
    if (!decision.allowed) throw new NotAllowedError(decision.reason);
  }
}
