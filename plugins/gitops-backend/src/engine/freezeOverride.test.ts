import { mockCredentials } from '@backstage/backend-test-utils';
import type { AuditEvent } from '@slipway/plugin-gitops-common';
import {
  createWorld,
  environmentYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

/** An emergency override lets one release through a freeze: a reason, and a second person's approval. */
describe('an emergency override of a freeze', () => {
  let world: World;
  let backend: WorldBackend;
  const freezeEnd = new Date(Date.now() + 3_600_000).toISOString();

  beforeAll(async () => {
    world = await createWorld({
      delivery: {
        'environments/prod.yaml': environmentYaml(
          'prod',
          3,
          'prod',
          [],
          [
            {
              start: new Date(Date.now() - 3_600_000).toISOString(),
              end: freezeEnd,
              reason: 'year-end',
            },
          ],
        ),
      },
    });
    backend = await startReadyBackend(world);
  });

  afterAll(() => stopWorld(world, backend));

  it('needs a reason and someone other than the initiator and the asker, then lets the release through', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    await waitForRelease(backend, id, r => r.status === 'waiting');
    const api = backend.api();

    // The board says the environment is frozen, why, and until when.
    const environments = await api.get('/api/gitops/environments');
    expect(
      environments.body.items.map((e: any) => [e.name, e.frozen?.reason]),
    ).toEqual([
      ['dev', undefined],
      ['prod', 'prod freeze: year-end'],
    ]);
    expect(
      environments.body.items.find((e: any) => e.name === 'prod').frozen.until,
    ).toBe(freezeEnd);

    const noApproval = await api
      .post(`/api/gitops/releases/${id}/freeze-override/approve`)
      .set('Authorization', as('alice'))
      .send({});
    expect(noApproval.status).toBe(409);
    expect(noApproval.body.error.message).toMatch(
      /Nobody asked for an override/,
    );

    const noReason = await api
      .post(`/api/gitops/releases/${id}/freeze-override`)
      .set('Authorization', as('bob'))
      .send({ reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/needs a reason/);

    const asked = await api
      .post(`/api/gitops/releases/${id}/freeze-override`)
      .set('Authorization', as('bob'))
      .send({ reason: 'card payments fail without this fix' });
    expect(asked.status).toBe(200);
    expect(asked.body.steps[0].gates[0]).toMatchObject({
      type: 'freeze-window',
      status: 'waiting',
      override: {
        reason: 'card payments fail without this fix',
        requestedBy: 'user:default/bob',
      },
    });
    const held = await waitForRelease(backend, id, r =>
      (r.steps[0].gates[0].reason ?? '').includes('emergency override'),
    );
    expect(held.steps[0].gates[0].reason).toBe(
      "prod freeze: year-end; user:default/bob asked for an emergency override, which needs a second person's approval",
    );
    const twice = await api
      .post(`/api/gitops/releases/${id}/freeze-override`)
      .set('Authorization', as('carol'))
      .send({ reason: 'me too' });
    expect(twice.status).toBe(409);

    // The initiator (the tests' default caller) and the asker cannot approve it.
    const own = await api
      .post(`/api/gitops/releases/${id}/freeze-override/approve`)
      .send({});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/You started this release/);
    const asker = await api
      .post(`/api/gitops/releases/${id}/freeze-override/approve`)
      .set('Authorization', as('bob'))
      .send({});
    expect(asker.status).toBe(403);
    expect(asker.body.error.message).toMatch(
      /You asked for this freeze override/,
    );
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);

    const approved = await api
      .post(`/api/gitops/releases/${id}/freeze-override/approve`)
      .set('Authorization', as('alice'))
      .send({ comment: 'checked the fix' });
    expect(approved.status).toBe(200);
    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].gates[0]).toMatchObject({
      status: 'passed',
      override: {
        requestedBy: 'user:default/bob',
        approvedBy: 'user:default/alice',
        approvalComment: 'checked the fix',
      },
    });
    expect(await world.manifests.git('rev-parse', 'main')).not.toBe(head);

    const audit = await api.get(
      `/api/gitops/audit?product=shop&from=${encodeURIComponent(
        done.createdAt,
      )}`,
    );
    const overrides = (audit.body.items as AuditEvent[])
      .filter(e => e.action.startsWith('release.freeze-override'))
      .map(e => [e.action, e.actor, e.outcome, e.environment])
      .reverse();
    expect(overrides).toEqual([
      [
        'release.freeze-override-approve',
        'user:default/alice',
        'failed',
        'prod',
      ],
      ['release.freeze-override', 'user:default/bob', 'failed', 'prod'],
      ['release.freeze-override', 'user:default/bob', 'succeeded', 'prod'],
      ['release.freeze-override', 'user:default/carol', 'failed', 'prod'],
      [
        'release.freeze-override-approve',
        'user:default/mock',
        'denied',
        'prod',
      ],
      ['release.freeze-override-approve', 'user:default/bob', 'denied', 'prod'],
      [
        'release.freeze-override-approve',
        'user:default/alice',
        'succeeded',
        'prod',
      ],
    ]);
    const approval = (audit.body.items as AuditEvent[]).find(
      e =>
        e.action === 'release.freeze-override-approve' &&
        e.outcome === 'succeeded',
    );
    expect(approval?.details).toMatchObject({
      reason: 'card payments fail without this fix',
      requestedBy: 'user:default/bob',
      comment: 'checked the fix',
    });
  });
});
