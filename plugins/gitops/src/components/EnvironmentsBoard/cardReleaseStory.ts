import type {
  ApplicationSummary,
  EnvironmentSummary,
  ProductSummary,
  ReleaseStatus,
  ReleaseStepStatus,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';

/** A release that a card shows: one still moving into that environment, or the last one that failed there. */
export interface CardRelease {
  release: ReleaseSummary;
  status: ReleaseStatus;
  step: ReleaseStepStatus;
}

const SETTLED: ReleaseStepStatus[] = ['succeeded', 'skipped', 'terminated'];

/**
 * The newest release of `product` that targets `environment`, if it is queued, running, waiting or
 * failed there; a later release that succeeded (or was stopped) there hides an older failure.
 */
export function cardRelease(
  releases: ReleaseSummary[] | undefined,
  product: string,
  environment: string,
): CardRelease | undefined {
  const newest = releases
    ?.filter(
      r =>
        r.product === product &&
        r.environments.some(e => e.environment === environment),
    )
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!newest) return undefined;
  const step = newest.environments.find(
    e => e.environment === environment,
  )!.status;
  if (newest.status === 'succeeded' || newest.status === 'terminated') {
    return undefined;
  }
  if (newest.status === 'failed' && step !== 'failed') return undefined;
  if (SETTLED.includes(step)) return undefined;
  return { release: newest, status: newest.status, step };
}

/** What a card says about its release, e.g. "Promoting 1.4.3" or "1.4.3 failed". */
export function cardReleaseLabel(
  card: CardRelease,
  waitingFor?: 'approval' | 'gate',
): string {
  const { version } = card.release;
  if (card.status === 'failed') return `${version} failed`;
  if (card.status === 'queued' || card.step === 'pending') {
    return `${version} pending`;
  }
  if (card.status === 'waiting') {
    return waitingFor === 'approval'
      ? `${version} waiting for approval`
      : `${version} waiting`;
  }
  return `Promoting ${version}`;
}

/** Numeric-aware comparison of two versions (`1.10.0` > `1.9.2`, `v2` > `v1`); negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.replace(/^v/i, '').split(/[.+-]/);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c =
      Number.isNaN(nx) || Number.isNaN(ny)
        ? x.localeCompare(y)
        : Math.sign(nx - ny);
    if (c !== 0) return c;
  }
  return 0;
}

/** How a card's version stands against production's. */
export type DriftMarker =
  | { kind: 'up-to-date'; production: string }
  | { kind: 'ahead'; production: string; by: number }
  | { kind: 'behind'; production: string };

/**
 * A non-production card against the first production environment: "up to date" when both run the
 * same version, else ahead by the number of distinct known versions (on the board or in recent
 * releases of the product) newer than production's, up to this card's.
 */
export function driftMarker(
  summary: ProductSummary,
  environment: EnvironmentSummary,
  environments: EnvironmentSummary[],
  releases: ReleaseSummary[] | undefined,
): DriftMarker | undefined {
  if (environment.tier === 'production') return undefined;
  const production = environments.find(e => e.tier === 'production');
  if (!production) return undefined;
  const mine = summary.environments.find(
    e => e.environment === environment.name,
  )?.version;
  const theirs = summary.environments.find(
    e => e.environment === production.name,
  )?.version;
  if (!mine || !theirs) return undefined;
  const order = compareVersions(mine, theirs);
  if (order === 0) return { kind: 'up-to-date', production: production.title };
  if (order < 0) return { kind: 'behind', production: production.title };
  const known = new Set<string>([
    ...summary.environments.flatMap(e => e.versions),
    ...(releases ?? [])
      .filter(r => r.product === summary.product.name)
      .map(r => r.version),
  ]);
  known.add(mine);
  const by = [...known].filter(
    v => compareVersions(v, theirs) > 0 && compareVersions(v, mine) <= 0,
  ).length;
  return { kind: 'ahead', production: production.title, by };
}

export function driftLabel(marker: DriftMarker): string {
  if (marker.kind === 'up-to-date') return 'Up to date';
  if (marker.kind === 'behind') return `Behind ${marker.production}`;
  return `Ahead of ${marker.production} by ${marker.by} ${
    marker.by === 1 ? 'version' : 'versions'
  }`;
}

/** When the product's applications in an environment last finished a sync, and at which revision. */
export function lastDeploy(
  applications: ApplicationSummary[] | undefined,
  product: string,
  environment: string,
): { at?: string; application?: ApplicationSummary } {
  let best: { at?: string; application?: ApplicationSummary } = {};
  for (const app of applications ?? []) {
    if (app.product !== product || app.environment !== environment) continue;
    const at = app.operation?.finishedAt;
    if (!best.application || (at && (!best.at || at > best.at))) {
      best = { at, application: app };
    }
  }
  return best;
}
