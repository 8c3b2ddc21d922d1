import { deploymentReadiness, statefulSetReadiness } from './readiness';

describe('deploymentReadiness', () => {
  const ready = {
    metadata: { generation: 3 },
    spec: { replicas: 2 },
    status: {
      observedGeneration: 3,
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      readyReplicas: 2,
      conditions: [{ type: 'Available', status: 'True' }],
    },
  };

  it('is Healthy when every replica is updated and available', () => {
    expect(deploymentReadiness(ready)).toEqual({ status: 'Healthy' });
  });

  it.each([
    [
      'paused',
      { ...ready, spec: { ...ready.spec, paused: true } },
      'Suspended',
    ],
    [
      'generation not observed',
      { ...ready, metadata: { generation: 4 } },
      'Progressing',
    ],
    [
      'progress deadline exceeded',
      {
        ...ready,
        status: {
          ...ready.status,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            },
          ],
        },
      },
      'Degraded',
    ],
    [
      'replicas not updated',
      { ...ready, status: { ...ready.status, updatedReplicas: 1 } },
      'Progressing',
    ],
    [
      'old replicas terminating',
      { ...ready, status: { ...ready.status, replicas: 3 } },
      'Progressing',
    ],
    [
      'updated not available',
      { ...ready, status: { ...ready.status, availableReplicas: 1 } },
      'Progressing',
    ],
    [
      'scaled to zero',
      { metadata: {}, spec: { replicas: 0 }, status: {} },
      'Suspended',
    ],
    [
      'not available',
      {
        ...ready,
        status: {
          ...ready.status,
          conditions: [{ type: 'Available', status: 'False' }],
        },
      },
      'Degraded',
    ],
    ['no status at all', { spec: { replicas: 1 } }, 'Progressing'],
  ])('%s', (_, deployment, status) => {
    expect(deploymentReadiness(deployment).status).toBe(status);
  });
});

describe('statefulSetReadiness', () => {
  const ready = {
    metadata: { generation: 1 },
    spec: {
      replicas: 1,
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      },
    },
    status: {
      observedGeneration: 1,
      readyReplicas: 1,
      updatedReplicas: 1,
      currentRevision: 'r1',
      updateRevision: 'r1',
    },
  };

  it('is Healthy when ready, updated and on one revision', () => {
    expect(statefulSetReadiness(ready)).toEqual({ status: 'Healthy' });
  });

  it.each([
    [
      'never observed',
      { ...ready, status: { ...ready.status, observedGeneration: 0 } },
      'Progressing',
    ],
    [
      'not ready',
      { ...ready, status: { ...ready.status, readyReplicas: 0 } },
      'Progressing',
    ],
    [
      'not updated',
      { ...ready, status: { ...ready.status, updatedReplicas: 0 } },
      'Progressing',
    ],
    [
      'revision rolling',
      { ...ready, status: { ...ready.status, updateRevision: 'r2' } },
      'Progressing',
    ],
    [
      'partitioned rollout done for the partition',
      {
        metadata: { generation: 1 },
        spec: {
          replicas: 3,
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { partition: 2 },
          },
        },
        status: {
          observedGeneration: 1,
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'r1',
          updateRevision: 'r2',
        },
      },
      'Healthy',
    ],
    [
      'OnDelete once ready',
      {
        ...ready,
        spec: { replicas: 1, updateStrategy: { type: 'OnDelete' } },
        status: { ...ready.status, updatedReplicas: 0, updateRevision: 'r2' },
      },
      'Healthy',
    ],
  ])('%s', (_, statefulSet, status) => {
    expect(statefulSetReadiness(statefulSet).status).toBe(status);
  });
});
