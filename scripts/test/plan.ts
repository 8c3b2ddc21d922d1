import { join } from 'node:path';

/** One suite `npm test` runs: a command, run once, never in watch mode. */
export interface Suite {
  name: string;
  args: string[];
  env: Record<string, string>;
}

export interface TestPlan {
  suites: Suite[];
  /** One line per part that cannot run here, saying how to enable it. */
  skipped: { what: string; line: string }[];
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * What `npm test` runs in this environment (`node` runs each command): the unit suite of every
 * package, the scripts' tests and the browser tests. The unit suite runs once (CI mode) and never
 * reaches for Docker; its PostgreSQL and Redis tests run only when their variables are set.
 */
export function planTestRun(
  root: string,
  env: NodeJS.ProcessEnv,
  exists: (path: string) => boolean,
): TestPlan {
  const skipped: TestPlan['skipped'] = [];
  if (!env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    skipped.push({
      what: 'PostgreSQL tests',
      line:
        'Skipping the PostgreSQL tests (their SQLite runs still run): set ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432 to run them.',
    });
  }
  if (!env.SLIPWAY_TEST_REDIS_URL) {
    skipped.push({
      what: 'Redis cache test',
      line: 'Skipping the Redis cache test: set SLIPWAY_TEST_REDIS_URL=redis://127.0.0.1:6379 to run it.',
    });
  }
  const suites: Suite[] = [
    {
      name: 'unit',
      args: [
        join(root, 'node_modules', '.bin', 'backstage-cli'),
        'repo',
        'test',
      ],
      // CI: run once instead of watching. Docker: never; PostgreSQL comes from its variable or not at all.
      env: { CI: env.CI || '1', BACKSTAGE_TEST_DISABLE_DOCKER: '1' },
    },
    {
      name: 'scripts',
      args: ['--import', 'tsx', '--test', 'scripts/**/*.test.ts'],
      env: {},
    },
  ];
  const chromium = env.SLIPWAY_CHROMIUM || DEFAULT_CHROMIUM;
  if (exists(chromium)) {
    suites.push({
      name: 'e2e',
      args: [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        'e2e/*.test.ts',
      ],
      env: {},
    });
  } else {
    skipped.push({
      what: 'browser tests',
      line: `Skipping the browser tests (e2e/): no Chromium at ${chromium}; install it or set SLIPWAY_CHROMIUM to its path.`,
    });
  }
  return { suites, skipped };
}

/** The suites named on the command line (all when none is), or an error naming the known ones. */
export function selectSuites(plan: TestPlan, names: string[]): Suite[] {
  if (names.length === 0) return plan.suites;
  const known = ['unit', 'scripts', 'e2e'];
  const unknown = names.filter(n => !known.includes(n));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown test suite ${unknown.join(', ')}; the suites are ${known.join(
        ', ',
      )}.`,
    );
  }
  return plan.suites.filter(s => names.includes(s.name));
}
