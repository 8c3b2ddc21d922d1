import { ResponseError } from '@backstage/errors';
import type { ReleaseStep } from '@slipway/plugin-gitops-common';
import { NODE_WIDTH, layoutFlow } from './flowLayout';
import { actorLabel, errorMessage, formatDuration } from './releaseStatus';

const step = (environment: string, dependsOn: string[]): ReleaseStep => ({
  environment,
  dependsOn,
  action: 'commit',
  status: 'pending',
  gates: [],
  applications: [],
});

describe('layoutFlow', () => {
  it('places the source first and each step one column right of its deepest dependency, fan-out stacked', () => {
    const layout = layoutFlow('dev', [
      step('staging', ['dev']),
      step('prod-eu', ['staging']),
      step('prod-us', ['staging']),
      step('dr', ['prod-eu', 'prod-us']),
    ]);
    const at = Object.fromEntries(
      layout.nodes.map(n => [n.environment, [n.depth, n.y > 0]]),
    );
    expect(at).toEqual({
      dev: [0, false],
      staging: [1, false],
      'prod-eu': [2, false],
      'prod-us': [2, true],
      dr: [3, false],
    });
    expect(layout.edges).toHaveLength(5);
    expect(layout.width).toBeGreaterThan(4 * NODE_WIDTH);
  });

  it('never loops on a cycle or an unknown dependency', () => {
    const layout = layoutFlow('dev', [
      step('a', ['b']),
      step('b', ['a']),
      step('c', ['nowhere']),
    ]);
    expect(layout.nodes.map(n => n.environment)).toEqual([
      'dev',
      'a',
      'b',
      'c',
    ]);
    expect(layout.edges.map(e => `${e.from}->${e.to}`)).toEqual([
      'b->a',
      'a->b',
    ]);
  });
});

describe('errorMessage', () => {
  it('shows the backend’s reason rather than the status line', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Production is frozen' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    expect(error.message).toBe('Request failed with 403 Forbidden');
    expect(errorMessage(error)).toBe('Production is frozen');
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});

describe('formatting', () => {
  it('formats durations and actors', () => {
    expect(formatDuration(12_000)).toBe('12s');
    expect(formatDuration(187_000)).toBe('3m 07s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(-1)).toBe('—');
    expect(actorLabel('user:default/jane')).toBe('jane');
    expect(actorLabel('engine')).toBe('engine');
  });
});
