import {
  ApplicationSummary,
  DetectedVersion,
  HealthStatus,
  SyncStatus,
} from '@slipway/plugin-gitops-common';
import {
  productEnvironmentState,
  worstHealth,
} from './productEnvironmentState';

function app(
  name: string,
  health: HealthStatus,
  sync: SyncStatus,
): ApplicationSummary {
  return {
    runtime: 'nonprod',
    namespace: 'argocd',
    name,
    project: 'default',
    labels: {},
    annotations: {},
    destination: {},
    sources: [],
    health: { status: health },
    sync: { status: sync, revision: 'abc123' },
    autoSync: true,
    images: [],
    links: { external: [] },
  };
}
const file = (value: string): DetectedVersion => ({
  value,
  source: 'file',
  detail: 'Chart.yaml $.appVersion',
});

describe('productEnvironmentState', () => {
  it('gives the common version and the worst health', () => {
    const state = productEnvironmentState('dev', [
      {
        app: app('payments-worker-dev', 'Progressing', 'Synced'),
        version: file('1.5.0'),
      },
      {
        app: app('payments-api-dev', 'Healthy', 'Synced'),
        version: file('1.5.0'),
      },
    ]);
    expect(state).toMatchObject({
      environment: 'dev',
      version: '1.5.0',
      versions: ['1.5.0'],
      health: 'Progressing',
      sync: 'Synced',
      drift: false,
    });
    expect(state.applications.map(a => [a.component, a.revision])).toEqual([
      ['payments-api', 'abc123'],
      ['payments-worker', 'abc123'],
    ]);
  });

  it('shows mixed versions highest first, and drift when an app is OutOfSync', () => {
    const state = productEnvironmentState('dev', [
      { app: app('a-dev', 'Healthy', 'Synced'), version: file('1.4.2-rc.1') },
      { app: app('b-dev', 'Degraded', 'OutOfSync'), version: file('1.4.2') },
      {
        app: app('c-dev', 'Healthy', 'Synced'),
        version: { source: 'unknown', detail: 'no images' },
      },
    ]);
    expect(state.version).toBeUndefined();
    expect(state.versions).toEqual(['1.4.2', '1.4.2-rc.1']);
    expect(state).toMatchObject({
      health: 'Degraded',
      sync: 'OutOfSync',
      drift: true,
    });
  });

  it('shows drift when a Synced app is behind the head of its target revision', () => {
    const behind = productEnvironmentState('dev', [
      {
        app: app('a-dev', 'Healthy', 'Synced'),
        version: file('1.0.0'),
        desiredRevision: 'def456',
      },
    ]);
    expect(behind.drift).toBe(true);
    expect(behind.applications[0]).toMatchObject({
      revision: 'abc123',
      desiredRevision: 'def456',
      drift: true,
    });
    const current = productEnvironmentState('dev', [
      {
        app: app('a-dev', 'Healthy', 'Synced'),
        version: file('1.0.0'),
        desiredRevision: 'abc123',
      },
    ]);
    expect(current.drift).toBe(false);
  });

  it('has no version when one app is unknown, and Missing health with no apps', () => {
    const partlyKnown = productEnvironmentState('dev', [
      { app: app('a-dev', 'Healthy', 'Synced'), version: file('1.0.0') },
      {
        app: app('b-dev', 'Healthy', 'Unknown'),
        version: { source: 'unknown', detail: '' },
      },
    ]);
    expect(partlyKnown).not.toHaveProperty('version');
    expect(partlyKnown).toMatchObject({ versions: ['1.0.0'], sync: 'Unknown' });
    expect(productEnvironmentState('dev', [])).toMatchObject({
      health: 'Missing',
      sync: 'Unknown',
      versions: [],
    });
    expect(worstHealth(['Healthy', 'Suspended', 'Missing'])).toBe('Missing');
  });
});
