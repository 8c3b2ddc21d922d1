/* eslint-disable no-console */
/**
 * Benchmark: the Git layer of a promotion.
 *  1. request → commit landed on a local bare repository (one app: values.yaml + Chart.yaml), p50/p95;
 *  2. GitHub API calls per single-app commit (through msw and the in-memory GitHub fake), with and
 *     without a lost race;
 *  3. N concurrent commits to different files on one local branch: through one provider (how a backend
 *     writes), three (replicas racing), and N independent writers (every write racing every other),
 *     with retries, give-ups (ConflictError after the retry bound) and lost updates counted.
 *
 *   npx tsx bench/promotions/git.ts [--commits 30] [--concurrent 50]
 */
import { ConfigReader } from '@backstage/config';
import { GitCommitRequest } from '@slipway/plugin-gitops-node';
import { setupServer } from 'msw/node';
import { parseArgs } from 'node:util';
import {
  createTestRepo,
  FakeGithub,
  GithubGitProvider,
  LocalGitProvider,
  TestRepo,
} from '@slipway/plugin-gitops-backend/testUtils';

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '30' },
    concurrent: { type: 'string', default: '50' },
  },
});
const commits = Number(values.commits);
const concurrent = Number(values.concurrent);
const author = { name: 'Bench', email: 'bench@example.com' };

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One app promotion: both files of the app edited in place, one commit. */
function promotion(
  url: string,
  app: string,
  version: string,
): GitCommitRequest {
  const valuesFile = `apps/${app}/prod/values.yaml`;
  const chart = `apps/${app}/prod/Chart.yaml`;
  return {
    repo: { url, branch: 'main' },
    message: `Promote ${app} to ${version}`,
    author,
    trailers: {
      'Slipway-Release': `bench-${version}`,
      'Slipway-Actor': 'user:default/bench',
    },
    changes: async read => [
      {
        path: valuesFile,
        content: (await read(valuesFile))!.replace(
          /tag: "[^"]*"/,
          `tag: "${version}"`,
        ),
      },
      {
        path: chart,
        content: (await read(chart))!.replace(
          /appVersion: "[^"]*"/,
          `appVersion: "${version}"`,
        ),
      },
    ],
  };
}

const appFiles = (app: string) => ({
  [`apps/${app}/prod/values.yaml`]: `# ${app} production\nreplicaCount: 2\nimage:\n  repository: ghcr.io/bench/${app}\n  tag: "1.0.0" # promoted by Slipway\n`,
  [`apps/${app}/prod/Chart.yaml`]: `apiVersion: v2\nname: ${app}\nversion: 0.1.0\nappVersion: "1.0.0"\n`,
});

async function localLatency() {
  const repo = await createTestRepo('bare');
  try {
    await repo.seed(appFiles('payments-api'));
    const provider = new LocalGitProvider();
    const times: number[] = [];
    for (let i = 1; i <= commits; i++) {
      const started = performance.now();
      const result = await provider.commit(
        promotion(repo.url, 'payments-api', `1.0.${i}`),
      );
      times.push(performance.now() - started);
      if ((await repo.git('rev-parse', 'main')) !== result.sha)
        throw new Error('commit did not land');
    }
    times.sort((a, b) => a - b);
    console.log(
      `local bare repo, request → commit landed (${commits} single-app commits):`,
    );
    console.log(
      `  p50 ${ms(percentile(times, 50))}  p95 ${ms(
        percentile(times, 95),
      )}  max ${ms(times[times.length - 1])}`,
    );
  } finally {
    await repo.cleanup();
  }
}

async function githubCalls() {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const fake = new FakeGithub({ token: 'bench-token' });
    server.use(...fake.handlers());
    fake.push('main', appFiles('payments-api'));
    const provider = GithubGitProvider.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', token: 'bench-token' }],
        },
      }),
    );
    const url = 'https://github.com/acme/manifests';
    const times: number[] = [];
    let calls = 0;
    for (let i = 1; i <= commits; i++) {
      fake.calls.length = 0;
      const started = performance.now();
      await provider.commit(promotion(url, 'payments-api', `1.0.${i}`));
      times.push(performance.now() - started);
      calls = Math.max(calls, fake.calls.length);
    }
    times.sort((a, b) => a - b);
    console.log(
      `GitHub through msw (${commits} single-app commits, 2 files each):`,
    );
    console.log(
      `  API calls per commit: ${calls} (most seen)  p50 ${ms(
        percentile(times, 50),
      )}  p95 ${ms(percentile(times, 95))}`,
    );

    fake.calls.length = 0;
    fake.beforeNext('git/update-ref', () => {
      fake.push('main', { 'README.md': 'another writer\n' });
    });
    const raced = await provider.commit(
      promotion(url, 'payments-api', '2.0.0'),
    );
    const forced = fake.calls.filter(
      c => c.operationId === 'git/update-ref' && c.body?.force !== false,
    ).length;
    console.log(
      `  with one lost race (422 not a fast forward): ${fake.calls.length} calls, ${raced.attempts} attempts, force pushes ${forced}`,
    );
    fake.calls.length = 0;
    await provider.commit(promotion(url, 'payments-api', '2.0.0'));
    console.log(
      `  already promoted (no-op): ${fake.calls.length} calls, no commit`,
    );
  } finally {
    server.close();
  }
}

async function concurrentCommits(
  label: string,
  writer: () => LocalGitProvider,
) {
  const repo: TestRepo = await createTestRepo('bare');
  try {
    const apps = Array.from({ length: concurrent }, (_, i) => `app-${i}`);
    await repo.seed(Object.assign({}, ...apps.map(appFiles)));
    const start = await repo.git('rev-parse', 'main');
    const started = performance.now();
    const results = await Promise.allSettled(
      apps.map(app => writer().commit(promotion(repo.url, app, '2.0.0'))),
    );
    const elapsed = performance.now() - started;
    const landed = results.filter(r => r.status === 'fulfilled');
    const gaveUp = results.length - landed.length;
    const attempts = landed.reduce(
      (sum, r) =>
        sum +
        (r as PromiseFulfilledResult<{ attempts: number }>).value.attempts,
      0,
    );
    const history = (await repo.git('rev-list', '--parents', `${start}..main`))
      .split('\n')
      .filter(Boolean);
    const linear = history.every(line => line.split(' ').length === 2);
    // A lost update: a writer was told its commit landed but its change is not at the head.
    let lost = 0;
    for (const [i, app] of apps.entries()) {
      const content = await repo.git(
        'show',
        `main:apps/${app}/prod/values.yaml`,
      );
      if (
        results[i].status === 'fulfilled' &&
        !content.includes('tag: "2.0.0"')
      )
        lost++;
    }
    console.log(
      `${concurrent} concurrent commits to different files on one local branch, ${label}:`,
    );
    console.log(
      `  total ${ms(elapsed)}  landed ${
        landed.length
      }/${concurrent}  commits on branch ${
        history.length
      }  linear ${linear}  retries ${
        attempts - landed.length
      }  gave up ${gaveUp}  lost updates ${lost}`,
    );
  } finally {
    await repo.cleanup();
  }
}

async function main() {
  await localLatency();
  await githubCalls();
  const shared = new LocalGitProvider();
  await concurrentCommits('one provider (one backend)', () => shared);
  const replicas = [1, 2, 3].map(() => new LocalGitProvider());
  let next = 0;
  await concurrentCommits(
    'three providers (three backend replicas)',
    () => replicas[next++ % replicas.length],
  );
  await concurrentCommits(
    'every commit its own writer (stress: compare-and-swap only)',
    () => new LocalGitProvider(),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
