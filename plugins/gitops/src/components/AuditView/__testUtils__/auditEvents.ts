import type { AuditEvent } from '@slipway/plugin-gitops-common';

const RELEASE_ID = '7f3c2a91-5b0e-4d7a-9c55-2f1e8d6b4a10';

/** A promotion of payments to production by alice, committed to a GitHub delivery repository. */
export const alicePromotion: AuditEvent = {
  id: 'evt-0003',
  time: '2026-11-22T03:00:00Z',
  actor: 'user:default/alice',
  action: 'promotion.create',
  target: 'product:payments',
  product: 'payments',
  environment: 'production',
  releaseId: RELEASE_ID,
  outcome: 'succeeded',
  commitSha: '3f9a1c0d2e4b6a8c0e2f4a6b8c0d2e4f6a8b0c1d',
  repository: 'https://github.com/acme/delivery.git',
  source: 'api',
  details: { from: 'staging', version: '1.4.2' },
};

/** Bob may not promote to production. */
export const bobDenied: AuditEvent = {
  id: 'evt-0002',
  time: '2026-11-22T02:00:00Z',
  actor: 'user:default/bob',
  action: 'promotion.create',
  target: 'product:payments',
  product: 'payments',
  environment: 'production',
  outcome: 'denied',
  source: 'api',
  details: { reason: 'production needs the production-approvers group' },
};

/** A commit someone pushed to a local sandbox repository, outside Slipway. */
export const outsideCommit: AuditEvent = {
  id: 'evt-0001',
  time: '2026-11-22T01:00:00Z',
  actor: 'git:Carol <carol@example.com>',
  action: 'git.commit',
  target: 'repository:delivery',
  product: 'checkout',
  environment: 'staging',
  outcome: 'succeeded',
  commitSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  repository: 'file:///sandbox/repos/delivery.git',
  source: 'git',
  details: { message: 'Bump checkout in staging' },
};

/** A hand-made commit whose Slipway-Release trailer names a release that never recorded it. */
export const forgedCommit: AuditEvent = {
  id: 'evt-0000',
  time: '2026-11-22T00:30:00Z',
  actor: 'git:Mallory <mallory@example.com>',
  action: 'git.commit',
  target: 'repository:app-manifests',
  outcome: 'succeeded',
  commitSha: 'b1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  repository: 'file:///sandbox/repos/app-manifests.git',
  source: 'git',
  details: {
    subject: 'Promote checkout 9.9.9 to prod',
    flag: 'forged-trailer',
    release: 'rel-123',
    paths: ['apps/checkout/prod/values.yaml'],
  },
};

export const auditEvents = [alicePromotion, bobDenied, outsideCommit];

/** `count` engine transitions of payments, one a minute back from 2026-11-21T12:00Z, ids e-000..e-nnn. */
export function engineEvents(
  count: number,
  product = 'payments',
): AuditEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e-${String(i).padStart(3, '0')}`,
    time: new Date(
      Date.parse('2026-11-21T12:00:00Z') - i * 60_000,
    ).toISOString(),
    actor: 'engine',
    action: 'release.step.committed',
    target: `release:r-${i}`,
    product,
    environment: 'staging',
    releaseId: `r-${i}`,
    outcome: 'succeeded' as const,
    source: 'engine' as const,
    details: { step: i },
  }));
}
