import type { GitIdentity } from './git';
import type { HistoryCommit } from './history';

/** The `past:` section of history.yaml: how to generate the months before its written commits. */
export interface PastSpec {
  /** Seed of the random generator: the same seed gives the same commits. */
  seed: number;
  /** How many days before the first written commit the generated history begins. */
  days: number;
  /** Chance that a production release is rolled back soon after it lands. */
  rollbackChance: number;
  products: PastProduct[];
}

export interface PastProduct {
  name: string;
  apps: string[];
  /** The first issue key, such as PAY-40; each release takes the next number. */
  firstIssue: string;
  /** Author names of history.yaml's `authors`. */
  authors: string[];
  /** The version every environment runs when the history begins. */
  firstVersion: string;
  /** What the releases change, used in turn for their commit messages. */
  changes: string[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, and the same sequence on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (low: number, high: number) => low + (high - low) * next(),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
  };
}

/** Moves a time into working hours (08:00–18:00 UTC, Monday to Friday), keeping its minutes. */
function workingTime(ms: number): number {
  const d = new Date(ms);
  for (;;) {
    const day = d.getUTCDay();
    if (day === 0 || day === 6 || d.getUTCHours() >= 18) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(8);
      continue;
    }
    if (d.getUTCHours() < 8) d.setUTCHours(8 + (d.getUTCHours() % 3));
    return d.getTime();
  }
}

function bump(version: string, release: number): string {
  const [major, minor, patch] = version.split('.').map(Number);
  // Every fourth release is a minor one, the others patches.
  return release % 4 === 0
    ? `${major}.${minor + 1}.0`
    : `${major}.${minor}.${patch + 1}`;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/**
 * The generated history before `before`: a first commit that sets every application's starting
 * version, then per product a sequence of releases, each a change shipped to dev, promoted to staging
 * and then to production on later working days, some rolled back in production within hours.
 */
export function generatePast(
  spec: PastSpec,
  authors: Record<string, GitIdentity>,
  before: Date,
): HistoryCommit[] {
  const random = generator(spec.seed);
  const end = before.getTime() - 12 * HOUR;
  const start = before.getTime() - spec.days * DAY;
  const author = (name: string) => {
    const identity = authors[name];
    if (!identity) {
      throw new Error(`history.yaml: past: unknown author "${name}"`);
    }
    return identity;
  };
  const commits: HistoryCommit[] = [
    {
      date: iso(workingTime(start)),
      author: author(spec.products[0].authors[0]),
      message:
        'PLAT-3 Add Helm values for every application\n\nOne folder per application and environment; Argo CD syncs each folder.',
      versions: spec.products.map(p => ({
        apps: p.apps,
        environments: ['dev', 'staging', 'production'],
        version: p.firstVersion,
      })),
      set: [],
    },
  ];
  for (const product of spec.products) {
    const [prefix, first] = product.firstIssue.split('-');
    let issue = Number(first);
    let version = product.firstVersion;
    let inProduction = product.firstVersion;
    let t = start + random.between(0.5, 2) * DAY;
    for (let release = 1; ; release++) {
      const dev = workingTime(t);
      const staging = workingTime(dev + random.between(0.3, 2.5) * DAY);
      const production = workingTime(staging + random.between(0.5, 3) * DAY);
      if (production > end) break;
      version = bump(version, release);
      const key = `${prefix}-${issue++}`;
      const who = author(random.pick(product.authors));
      const change = product.changes[(release - 1) % product.changes.length];
      const ship = (environment: string, at: number, message: string) =>
        commits.push({
          date: iso(at),
          author: who,
          message,
          versions: [
            { apps: product.apps, environments: [environment], version },
          ],
          set: [],
        });
      ship(
        'dev',
        dev,
        `${key} ${change}\n\nShips ${product.name} ${version} to dev.`,
      );
      ship(
        'staging',
        staging,
        `Promote ${product.name} ${version} to staging (${key})`,
      );
      ship(
        'production',
        production,
        `Promote ${product.name} ${version} to production (${key})`,
      );
      const rolledBack = random.next() < spec.rollbackChance;
      if (rolledBack) {
        const at = production + random.between(0.4, 4) * HOUR;
        commits.push({
          date: iso(at),
          author: who,
          message: `Roll back ${product.name} to ${inProduction} in production\n\n${version} raised the error rate after ${key}.`,
          versions: [
            {
              apps: product.apps,
              environments: ['production'],
              version: inProduction,
            },
          ],
          set: [],
        });
        t = at + random.between(0.5, 2) * DAY;
      } else {
        inProduction = version;
        t = production + random.between(0.5, 3) * DAY;
      }
    }
  }
  return commits
    .map((commit, order) => ({ commit, order }))
    .sort(
      (a, b) =>
        Date.parse(a.commit.date) - Date.parse(b.commit.date) ||
        a.order - b.order,
    )
    .map(({ commit }) => commit);
}

/**
 * Moves every commit by whole days so the last one falls on the day before `now`: the history always
 * ends yesterday, so the last 90 days on the Insights page hold all of it, whenever the sandbox is made.
 * Whole days keep every time of day and every duration, so the figures the history gives stay the same.
 */
export function endingYesterday(
  commits: HistoryCommit[],
  now: Date,
): HistoryCommit[] {
  const last = Date.parse(commits[commits.length - 1].date);
  const days = Math.floor(now.getTime() / DAY) - Math.floor(last / DAY) - 1;
  return commits.map(c => ({
    ...c,
    date: iso(Date.parse(c.date) + days * DAY),
  }));
}
