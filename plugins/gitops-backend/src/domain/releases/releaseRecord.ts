import type {
  ApplicationPromotion,
  ApplicationRef,
  PromotionAction,
  Release,
  ReleaseGate,
  ReleaseStep,
} from '@slipway/plugin-gitops-common';

/** Where a promotion reads the values it copies: the source application's folder at a fixed commit. */
export interface PromotionSource {
  application: ApplicationRef;
  repoURL: string;
  /** The application's source path in the repository. */
  path: string;
  /** The commit the source environment had synced when the release was created. */
  revision: string;
  images: string[];
}

/** An application promotion with what the engine needs to resume it. */
export interface StoredApplicationPromotion extends ApplicationPromotion {
  /** Pairs the target application with its source application. */
  component: string;
  /**
   * The revision the application must be synced at to count as promoted: the commit written, or
   * (when nothing had to change) the branch head the change was checked against.
   */
  expectedRevision?: string;
  /** The revision the application ran before the release (release notes, rollback). */
  previousRevision?: string;
  previousImages?: string[];
  /** The engine asked Argo CD to sync it (an application without automated sync). */
  syncRequested?: boolean;
  /** Times the engine tried the commit again because other writers kept the branch busy. */
  contendedAttempts?: number;
  /** Attempts the provider needed for the commit that landed (1 = no lost race). */
  commitAttempts?: number;
}

export interface StoredGate extends ReleaseGate {
  /** RFC 3339: when the gate began to hold (soak counts from here). */
  startedAt?: string;
  /** Soak: the configured duration as written. */
  duration?: string;
  /** A gate type a module added: the gate's fields as the flow wrote them. */
  settings?: Record<string, unknown>;
}

export interface StoredStep extends ReleaseStep {
  gates: StoredGate[];
  applications: StoredApplicationPromotion[];
  /** RFC 3339: when the current phase began (verification timeout, soak). */
  phaseStartedAt?: string;
}

/** Inputs fixed when a release is created, so every step copies the same version. */
export interface ReleasePlan {
  /** By component. */
  sources: Record<string, PromotionSource>;
  /** The action the request asked for; overrides the flow step's. */
  action?: PromotionAction;
  /** Set by a terminate that had to wait for a commit in flight: the engine ends the release after it. */
  terminate?: { actor: string; reason?: string };
}

/** A release as stored: the public shape plus the engine's bookkeeping. */
export interface ReleaseRecord extends Release {
  steps: StoredStep[];
  plan: ReleasePlan;
  /** Optimistic-concurrency counter: each write expects the value it read. */
  rowVersion: number;
  attempt: number;
  /** RFC 3339: when the engine should look at the release again; absent once finished. */
  nextRunAt?: string;
}

/** The public shape of a stored release (the engine's bookkeeping left out). */
export function toRelease(record: ReleaseRecord): Release {
  const {
    plan: _plan,
    rowVersion: _rowVersion,
    attempt: _attempt,
    nextRunAt: _nextRunAt,
    ...release
  } = record;
  return {
    ...release,
    steps: release.steps.map(
      ({ phaseStartedAt: _phase, applications, gates, ...step }) => ({
        ...step,
        gates: gates.map(
          ({ startedAt: _s, duration: _d, settings: _t, ...gate }) => gate,
        ),
        applications: applications.map(
          ({
            component: _c,
            expectedRevision: _e,
            previousRevision: _p,
            previousImages: _i,
            syncRequested: _r,
            contendedAttempts: _t,
            commitAttempts: _n,
            ...app
          }) => app,
        ),
      }),
    ),
  };
}
