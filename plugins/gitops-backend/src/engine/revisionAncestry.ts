import type { GitProviderRegistry } from '@slipway/plugin-gitops-node';

/** Looks at one application in a row that Git may fail before the step fails with Git's error. */
export const GIT_ATTEMPTS_PER_CHECK = 3;

/** Whether the synced revision contains the expected one, or why Git could not tell. */
export type AncestryAnswer =
  | { contains: boolean }
  | {
      /** Git's error, saying what was asked where. */
      gitError: string;
      /** Consecutive failures of this same question, this one included. */
      attempts: number;
    };

const short = (sha: string) => sha.slice(0, 7);

/**
 * Answers "does the revision Argo CD synced contain the commit a step wrote?" from Git. Answers are
 * remembered (commits never change); a Git failure is reported as such, never as "not yet", so a
 * step does not wait for a timeout that hides the real cause.
 */
export class RevisionAncestry {
  /** `repo|expected|synced` → whether synced contains expected. */
  private readonly known = new Map<string, boolean>();
  /** `repo|expected|synced` → consecutive Git failures. */
  private readonly failures = new Map<string, number>();

  constructor(private readonly git: GitProviderRegistry) {}

  async check(
    repoURL: string,
    expected: string | undefined,
    synced: string | undefined,
  ): Promise<AncestryAnswer> {
    if (!expected || !synced) return { contains: false };
    if (synced === expected) return { contains: true };
    const key = `${repoURL}|${expected}|${synced}`;
    const known = this.known.get(key);
    if (known !== undefined) return { contains: known };
    try {
      // Commits reachable from `expected` but not from `synced`: none when `synced` contains it.
      const missing = await this.git
        .forUrl(repoURL)
        .log(repoURL, { from: synced, to: expected, limit: 1 });
      const contains = missing.length === 0;
      if (this.known.size > 10_000) this.known.clear();
      this.known.set(key, contains);
      this.failures.delete(key);
      return { contains };
    } catch (error) {
      const attempts = (this.failures.get(key) ?? 0) + 1;
      if (this.failures.size > 10_000) this.failures.clear();
      this.failures.set(key, attempts);
      const message = error instanceof Error ? error.message : String(error);
      return {
        gitError: `Git could not tell whether ${short(
          synced,
        )} (synced) contains ${short(
          expected,
        )} (promoted) in ${repoURL}: ${message}`,
        attempts,
      };
    }
  }
}
