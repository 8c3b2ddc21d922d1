import { setupServer } from 'msw/node';
import { GitlabDouble, PROJECT_URL } from './__testUtils__/gitlabDouble';
import { gitlabProvider } from './__testUtils__/gitlabWorld';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const APPS = Array.from({ length: 20 }, (_, i) => `app-${i + 1}`);
const LEDGER = 'promotions.yaml';
const values = (tag: string) => `image:\n  tag: "${tag}"\n`;

describe('concurrent promotions into one GitLab branch', () => {
  it('lands all 20, loses none and forces none, while the head keeps moving under them', async () => {
    const files: Record<string, string> = { [LEDGER]: 'promoted:\n' };
    for (const app of APPS)
      files[`apps/${app}/prod/values.yaml`] = values('1.0.0');
    const double = new GitlabDouble(files);
    server.use(...double.handlers());

    // Someone else pushes to the branch now and then: to the ledger every promotion also edits, and to
    // a file nobody else touches.
    let posts = 0;
    let foreign = 0;
    double.beforeCommit = () => {
      posts++;
      if (posts % 4 === 0 && foreign < 10) {
        foreign++;
        double.push('main', {
          [LEDGER]: `${double.fileAt('main', LEDGER)}  - ci-bot-${foreign}\n`,
          [`ci/run-${foreign}.txt`]: `${foreign}\n`,
        });
      }
    };

    // One provider per promotion: separate backends, so their writes really race (one provider queues
    // its own writes to a branch).
    const results = await Promise.all(
      APPS.map(app =>
        gitlabProvider({}, { baseDelayMs: 20 }).commit({
          repo: { url: PROJECT_URL, branch: 'main' },
          message: `Promote ${app} 1.1.0 to prod`,
          author: { name: 'Slipway', email: 'slipway@example.com' },
          trailers: { 'Slipway-Release': `r-${app}` },
          changes: async read => [
            { path: `apps/${app}/prod/values.yaml`, content: values('1.1.0') },
            { path: LEDGER, content: `${await read(LEDGER)}  - ${app}\n` },
          ],
        }),
      ),
    );

    const onMain = double.reachable('main');
    for (const [i, app] of APPS.entries()) {
      expect(results[i].sha).toBeDefined();
      expect(onMain.has(results[i].sha!)).toBe(true);
      expect(double.fileAt('main', `apps/${app}/prod/values.yaml`)).toBe(
        values('1.1.0'),
      );
    }
    const ledger = double.fileAt('main', LEDGER)!.split('\n');
    for (const app of APPS) expect(ledger).toContain(`  - ${app}`);
    for (let n = 1; n <= foreign; n++) {
      expect(ledger).toContain(`  - ci-bot-${n}`);
      expect(double.fileAt('main', `ci/run-${n}.txt`)).toBe(`${n}\n`);
    }
    // One linear history: every promotion and every other push, each once, nothing rewritten.
    const history = double.history('main');
    expect(history).toHaveLength(1 + APPS.length + foreign);
    expect(history.every(c => c.parents.length <= 1)).toBe(true);
    expect(
      history
        .filter(c => /^Promote /.test(c.message))
        .map(c => c.message.split('\n')[0])
        .sort(),
    ).toEqual(APPS.map(app => `Promote ${app} 1.1.0 to prod`).sort());
    expect(double.forced).toBe(0);
    const commitCalls = double.calls.filter(c => c.method === 'POST');
    expect(commitCalls.every(c => !c.body.force && !c.body.start_sha)).toBe(
      true,
    );
    // The head did move under them: some promotions needed more than one attempt.
    const attempts = results.map(r => r.attempts);
    expect(foreign).toBeGreaterThan(0);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
    expect(commitCalls).toHaveLength(attempts.reduce((a, b) => a + b, 0));
  });
});
