import type { RetryOptions } from '@slipway/plugin-gitops-node';
import { setupServer } from 'msw/node';
import { GitlabDouble, PROJECT_URL } from './__testUtils__/gitlabDouble';
import { gitlabProvider } from './__testUtils__/gitlabWorld';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const APPS = Array.from({ length: 20 }, (_, i) => `app-${i + 1}`);
const LEDGER = 'promotions.yaml';
const valuesFile = (app: string) => `apps/${app}/prod/values.yaml`;
const values = (tag: string, replicas = 1) =>
  `replicas: ${replicas}\nimage:\n  tag: "${tag}"\n`;

function world() {
  const files: Record<string, string> = { [LEDGER]: 'promoted:\n' };
  for (const app of APPS) files[valuesFile(app)] = values('1.0.0');
  const double = new GitlabDouble(files);
  server.use(...double.handlers());
  return double;
}

/**
 * 20 promotions at once, each from its own provider: separate backends, so their writes really race
 * (one provider queues its own writes to a branch). Each sets its app's tag, keeping what else the file
 * holds; `ledger` also has each append itself to one file all of them edit.
 */
function promoteAll(ledger: boolean, retry: RetryOptions = {}) {
  return Promise.all(
    APPS.map(app =>
      gitlabProvider({}, { baseDelayMs: 20, ...retry }).commit({
        repo: { url: PROJECT_URL, branch: 'main' },
        message: `Promote ${app} 1.1.0 to prod`,
        author: { name: 'Slipway', email: 'slipway@example.com' },
        trailers: { 'Slipway-Release': `r-${app}` },
        changes: async read => [
          {
            path: valuesFile(app),
            content: (await read(valuesFile(app)))!.replace(
              /tag: "[^"]*"/,
              'tag: "1.1.0"',
            ),
          },
          ...(ledger
            ? [{ path: LEDGER, content: `${await read(LEDGER)}  - ${app}\n` }]
            : []),
        ],
      }),
    ),
  );
}

/** Every promotion landed on the branch once, nothing was rewritten, and nothing was forced. */
function expectAllLanded(
  double: GitlabDouble,
  results: Awaited<ReturnType<typeof promoteAll>>,
  foreignPushes: number,
) {
  const onMain = double.reachable('main');
  for (const result of results) {
    expect(result.sha).toBeDefined();
    expect(onMain.has(result.sha!)).toBe(true);
  }
  const history = double.history('main');
  expect(history).toHaveLength(1 + APPS.length + foreignPushes);
  expect(history.every(c => c.parents.length <= 1)).toBe(true);
  expect(
    history
      .filter(c => c.message.startsWith('Promote '))
      .map(c => c.message.split('\n')[0])
      .sort(),
  ).toEqual(APPS.map(app => `Promote ${app} 1.1.0 to prod`).sort());
  expect(double.forced).toBe(0);
  const posted = double.calls.filter(c => c.method === 'POST');
  expect(posted.every(c => !c.body.force && !c.body.start_sha)).toBe(true);
  expect(posted).toHaveLength(results.reduce((sum, r) => sum + r.attempts, 0));
}

describe('concurrent promotions into one GitLab branch', () => {
  it("lands all 20 while people keep pushing to the branch and to the promoted files: none lost, none forced, the people's edits kept", async () => {
    const double = world();
    // Every third commit request finds that a person just pushed: scaling one of the apps being
    // promoted, whose file that promotion has already read.
    let posts = 0;
    const scaled: string[] = [];
    double.beforeCommit = call => {
      posts++;
      const path: string = call.body.actions[0].file_path;
      const app = path.split('/')[1];
      if (posts % 3 === 0 && !scaled.includes(app)) {
        scaled.push(app);
        double.push('main', {
          [path]: double
            .fileAt('main', path)!
            .replace('replicas: 1', 'replicas: 3'),
        });
      }
    };

    const results = await promoteAll(false);

    expectAllLanded(double, results, scaled.length);
    expect(scaled.length).toBeGreaterThan(0);
    for (const app of APPS) {
      expect(double.fileAt('main', valuesFile(app))).toBe(
        values('1.1.0', scaled.includes(app) ? 3 : 1),
      );
    }
    // Those whose file moved after they read it rebuilt their edit on the person's commit.
    for (const [i, app] of APPS.entries()) {
      expect(results[i].attempts).toBe(scaled.includes(app) ? 2 : 1);
    }
  });

  it('lands all 20 when every one of them also edits one shared file, and a bot pushes to it too', async () => {
    const double = world();
    let posts = 0;
    let bot = 0;
    double.beforeCommit = () => {
      posts++;
      if (posts % 4 === 0 && bot < 10) {
        bot++;
        double.push('main', {
          [LEDGER]: `${double.fileAt('main', LEDGER)}  - ci-bot-${bot}\n`,
          [`ci/run-${bot}.txt`]: `${bot}\n`,
        });
      }
    };

    // Each round of this race one writer of the shared file wins, so 20 separate backends need more
    // rounds than the default 8 attempts allow for in the worst case; the bound stays.
    const results = await promoteAll(true, { maxAttempts: 12 });

    expectAllLanded(double, results, bot);
    const ledger = double.fileAt('main', LEDGER)!.split('\n');
    for (const app of APPS) {
      expect(ledger).toContain(`  - ${app}`);
      expect(double.fileAt('main', valuesFile(app))).toBe(values('1.1.0'));
    }
    for (let n = 1; n <= bot; n++) {
      expect(ledger).toContain(`  - ci-bot-${n}`);
      expect(double.fileAt('main', `ci/run-${n}.txt`)).toBe(`${n}\n`);
    }
    expect(Math.max(...results.map(r => r.attempts))).toBeGreaterThan(1);
  });
});
