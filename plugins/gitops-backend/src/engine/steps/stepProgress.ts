import type { Environment, Product } from '@slipway/plugin-gitops-common';

/** A Git write that landed, for the audit log. */
export interface LandedCommit {
  sha: string;
  repository: string;
  environment: string;
  application: string;
}

/** A write the initiator was no longer allowed to make, for the audit log (`denied`). */
export interface DeniedWrite {
  repository: string;
  environment: string;
  application: string;
  reason: string;
}

/** What one look at a step did. */
export interface StepProgress {
  /** The step changed and must be saved before anything else happens. */
  changed: boolean;
  /** Held by a gate or an open pull request (the release shows `waiting`). */
  waiting: boolean;
  /** When to look again, in milliseconds from now. */
  delayMs: number;
  commits: LandedCommit[];
  denied?: DeniedWrite[];
}

/** What a phase reads besides the release and the step. */
export interface StepContext {
  product: Product;
  environment: Environment;
  now: Date;
}

/** Nothing to save; look again after `delayMs`. */
export const idle = (delayMs: number, waiting = false): StepProgress => ({
  changed: false,
  waiting,
  delayMs,
  commits: [],
});

/** Saved state moved on: save it, then look again at once. */
export const moved = (commits: LandedCommit[] = []): StepProgress => ({
  changed: true,
  waiting: false,
  delayMs: 0,
  commits,
});

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
