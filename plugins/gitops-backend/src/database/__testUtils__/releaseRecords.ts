import type {
  ReleaseRecord,
  StoredStep,
} from '../../domain/releases/releaseRecord';

/** A pending commit step into prod after dev, with no gates and no applications yet. */
export function releaseStep(overrides: Partial<StoredStep> = {}): StoredStep {
  return {
    environment: 'prod',
    dependsOn: ['dev'],
    action: 'commit',
    status: 'pending',
    gates: [],
    applications: [],
    ...overrides,
  };
}

/** A queued manual release of shop 1.2.0 from dev, as the release store keeps it: one step into prod. */
export function releaseRecord(
  id: string,
  overrides: Partial<ReleaseRecord> = {},
): ReleaseRecord {
  const now = new Date().toISOString();
  return {
    id,
    product: 'shop',
    kind: 'manual',
    version: '1.2.0',
    sourceEnvironment: 'dev',
    initiator: 'user:default/dana',
    status: 'queued',
    environments: [],
    createdAt: now,
    updatedAt: now,
    steps: [releaseStep()],
    plan: { sources: {} },
    rowVersion: 0,
    attempt: 0,
    ...overrides,
  };
}
