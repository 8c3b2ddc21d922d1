import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { Release, ReleaseStep } from '@slipway/plugin-gitops-common';
import type { EvaluatedGate } from '@slipway/plugin-gitops-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHttpCheckGateType } from './httpCheckGateType';

const server = setupServer();
registerMswTestHooks(server);

const CHECK_URL = 'https://ci.example.test/checks';

const release = {
  id: 'rel-1',
  product: 'payments',
  version: '2.4.0',
  sourceRevision: 'abc123',
} as Release;
const step = {
  environment: 'prod',
  applications: [{ commitSha: 'def456' }],
} as ReleaseStep;

const gateType = createHttpCheckGateType({
  secrets: new Map([['ci-token', 's3cret']]),
});

function gate(
  settings: Record<string, unknown>,
  startedAt?: string,
): EvaluatedGate {
  return {
    type: 'http-check',
    phase: 'post',
    settings: { url: CHECK_URL, ...settings },
    ...(startedAt ? { startedAt } : {}),
  };
}

/** Answers each request with the next of `answers` (the last one repeats), noting what was asked. */
function checkServer(answers: Array<() => Response>) {
  const requests: Array<{ method: string; headers: Headers; body: string }> =
    [];
  server.use(
    http.all(CHECK_URL, async ({ request }) => {
      requests.push({
        method: request.method,
        headers: request.headers,
        body: await request.text(),
      });
      return answers[Math.min(requests.length - 1, answers.length - 1)]();
    }),
  );
  return requests;
}

describe('the http-check gate', () => {
  it('passes on the expected answer, sending the secret header and the filled-in body', async () => {
    const requests = checkServer([
      () => HttpResponse.json({ state: 'passed' }),
    ]);
    const answer = await gateType.evaluate(
      release,
      step,
      gate({
        headers: { Authorization: { secret: 'ci-token' }, 'X-Team': 'pay' },
        body: {
          release: '${releaseId}',
          what: '${product} ${version} to ${environment} at ${commit}',
        },
        expect: { status: 200, path: '$.state', equals: 'passed' },
      }),
    );
    expect(answer).toEqual({ result: 'pass' });
    expect(requests).toHaveLength(1);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].headers.get('authorization')).toBe('s3cret');
    expect(requests[0].headers.get('x-team')).toBe('pay');
    expect(JSON.parse(requests[0].body)).toEqual({
      release: 'rel-1',
      what: 'payments 2.4.0 to prod at def456',
    });
  });

  it('waits on a wrong status with the answer as the reason, and passes when a later try matches', async () => {
    checkServer([
      () => HttpResponse.json({ state: 'running' }, { status: 503 }),
      () => HttpResponse.json({ state: 'done' }),
    ]);
    const settings = { interval: '15s', expect: { status: 200 } };
    const before = Date.now();
    const first = await gateType.evaluate(release, step, gate(settings));
    expect(first).toMatchObject({
      result: 'wait',
      reason: `Checking again: ${CHECK_URL} answered 503: {"state":"running"} (expected 200)`,
    });
    const next =
      first.result === 'wait' ? first.nextCheckAt.getTime() - before : 0;
    expect(next).toBeGreaterThanOrEqual(15_000);
    expect(next).toBeLessThan(16_000);

    const second = await gateType.evaluate(
      release,
      step,
      gate(settings, new Date().toISOString()),
    );
    expect(second).toEqual({ result: 'pass' });
  });

  it('waits while the JSONPath value differs, saying what it found', async () => {
    checkServer([() => HttpResponse.json({ checks: { smoke: 'failing' } })]);
    const answer = await gateType.evaluate(
      release,
      step,
      gate({ expect: { path: '$.checks.smoke', equals: 'green' } }),
    );
    expect(answer).toMatchObject({
      result: 'wait',
      reason: `Checking again: ${CHECK_URL} answered 200: {"checks":{"smoke":"failing"}} ($.checks.smoke is "failing", expected "green")`,
    });
  });

  it('fails with the last answer once the timeout has passed', async () => {
    checkServer([
      () => HttpResponse.text('tests still running', { status: 425 }),
    ]);
    const answer = await gateType.evaluate(
      release,
      step,
      gate(
        { timeout: '10m' },
        new Date(Date.now() - 11 * 60_000).toISOString(),
      ),
    );
    expect(answer).toEqual({
      result: 'fail',
      reason: `no matching answer in time; last: ${CHECK_URL} answered 425: tests still running (expected a 2xx status)`,
    });
  });

  it('waits, naming the failure, when the URL cannot be reached', async () => {
    server.use(http.all(CHECK_URL, () => HttpResponse.error()));
    const answer = await gateType.evaluate(release, step, gate({}));
    expect(answer).toMatchObject({
      result: 'wait',
      reason: expect.stringMatching(
        new RegExp(`^Checking again: ${CHECK_URL} could not be reached: .+`),
      ),
    });
  });
});
