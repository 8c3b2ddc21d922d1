import { mockCredentials } from '@backstage/backend-test-utils';
import type { AuditEvent } from '@slipway/plugin-gitops-common';
import {
  WORLD_REPO,
  appFiles,
  application,
  createWorld,
  environmentYaml,
  prodFlowYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const FLOW = prodFlowYaml('cart-flow', {
  pre: [{ type: 'manual-approval', approvers: ['user:default/alice'] }],
});

describe('release gates', () => {
  let world: World;
  let backend: WorldBackend;
  const freezeEnd = new Date(Date.now() + 3_600_000).toISOString();
  // QA freezes daily for 3 hours from an hour ago, by the clock in Kolkata (UTC+05:30 all year).
  const nightlyStart = new Date(Date.now() - 3_600_000);
  nightlyStart.setUTCSeconds(0, 0);
  const kolkata = new Date(nightlyStart.getTime() + 330 * 60_000);
  const nightly = {
    schedule: `${kolkata.getUTCMinutes()} ${kolkata.getUTCHours()} * * *`,
    duration: '3h',
    timeZone: 'Asia/Kolkata',
    reason: 'nightly batch',
  };
  const nightlyEnd = new Date(
    nightlyStart.getTime() + 3 * 3_600_000,
  ).toISOString();

  beforeAll(async () => {
    world = await createWorld({
      manifests: {
        ...appFiles('shop-api', 'staging', '1.0.0'),
        ...appFiles('shop-api', 'qa', '1.0.0'),
        ...appFiles('cart-api', 'dev', '3.1.0'),
        ...appFiles('cart-api', 'prod', '3.0.0'),
      },
      delivery: {
        'environments/staging.yaml': environmentYaml(
          'staging',
          2,
          'nonprod',
          ['shop-staging'],
          [
            {
              start: new Date(Date.now() - 3_600_000).toISOString(),
              end: freezeEnd,
              reason: 'end-of-year',
            },
          ],
        ),
        'environments/qa.yaml': environmentYaml('qa', 4, 'nonprod', [
          'shop-qa',
        ]).replace(
          'freezeWindows: []',
          `freezeWindows: ${JSON.stringify([nightly])}`,
        ),
        'environments/dev.yaml': environmentYaml('dev', 1, 'nonprod', [
          'shop-dev',
          'cart-dev',
        ]),
        'products/cart.yaml': productYaml('cart', { flows: ['cart-flow'] }),
        'flows/cart-flow.yaml': FLOW,
      },
      nonprodApps: [
        application(WORLD_REPO, 'shop', 'shop-api', 'staging', 'shop-staging'),
        application(WORLD_REPO, 'shop', 'shop-api', 'qa', 'shop-qa'),
        application(WORLD_REPO, 'cart', 'cart-api', 'dev', 'cart-dev'),
      ],
      prodApps: [application(WORLD_REPO, 'cart', 'cart-api', 'prod', 'cart')],
    });
    backend = await startReadyBackend(world, {
      ready: {
        shop: { staging: '1.0.0', qa: '1.0.0' },
        cart: { prod: '3.0.0' },
      },
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('holds a promotion into a frozen environment with the reason and when it lifts', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'staging' });
    expect(created.status).toBe(202);
    const release = await waitForRelease(
      backend,
      created.body.releaseId,
      r => r.status === 'waiting',
    );
    expect(release.steps[0]).toMatchObject({
      status: 'pre-gates',
      gates: [
        {
          type: 'freeze-window',
          status: 'waiting',
          reason: 'staging freeze: end-of-year',
          until: freezeEnd,
        },
      ],
    });

    const preview = await backend
      .api()
      .post('/api/gitops/products/shop/promotions/preview')
      .send({ from: 'dev', to: 'staging' });
    expect(preview.status).toBe(200);
    expect(preview.body.gates).toEqual([
      {
        type: 'freeze-window',
        reason: 'staging freeze: end-of-year',
        until: freezeEnd,
      },
    ]);
    expect(preview.body.applications[0].files[0].diff).toContain(
      '-  tag: "1.0.0"\n+  tag: "1.1.0"',
    );

    const terminated = await backend
      .api()
      .post(`/api/gitops/releases/${created.body.releaseId}/terminate`)
      .send({ reason: 'not during the freeze' });
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({
      status: 'terminated',
      environments: [{ environment: 'staging', status: 'terminated' }],
    });
    // Nothing was written while frozen.
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
    const again = await backend
      .api()
      .post(`/api/gitops/releases/${created.body.releaseId}/terminate`)
      .send({});
    expect(again.status).toBe(409);
  });

  it('holds a promotion into an environment inside a recurring freeze window like a fixed one', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'qa' });
    expect(created.status).toBe(202);
    const release = await waitForRelease(
      backend,
      created.body.releaseId,
      r => r.status === 'waiting',
    );
    expect(release.steps[0]).toMatchObject({
      environment: 'qa',
      status: 'pre-gates',
      gates: [
        {
          type: 'freeze-window',
          status: 'waiting',
          reason: 'qa freeze: nightly batch',
          until: nightlyEnd,
        },
      ],
    });
    // The board tells when it lifts in the window's own time zone.
    const environments = await backend.api().get('/api/gitops/environments');
    expect(
      environments.body.items.find((e: any) => e.name === 'qa').frozen,
    ).toEqual({
      reason: 'qa freeze: nightly batch',
      until: nightlyEnd,
      timeZone: 'Asia/Kolkata',
    });
    const preview = await backend
      .api()
      .post('/api/gitops/products/shop/promotions/preview')
      .send({ from: 'dev', to: 'qa' });
    expect(preview.body.gates).toEqual([
      {
        type: 'freeze-window',
        reason: 'qa freeze: nightly batch',
        until: nightlyEnd,
      },
    ]);

    const terminated = await backend
      .api()
      .post(`/api/gitops/releases/${created.body.releaseId}/terminate`)
      .send({ reason: 'not during the nightly batch' });
    expect(terminated.status).toBe(200);
    // Nothing was written while frozen.
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
  });

  it('refuses approval by the initiator, accepts an approver, and then commits', async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/cart/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;
    // Approvers see what the release brings while it waits for them.
    const waiting = await waitForRelease(
      backend,
      id,
      r => r.status === 'waiting' && r.notes !== undefined,
    );
    expect(waiting.notes?.images).toEqual([
      { name: 'ghcr.io/slipway-test/cart-api', from: '3.0.0', to: '3.1.0' },
    ]);
    expect(waiting.steps[0].gates).toEqual([
      expect.objectContaining({
        type: 'manual-approval',
        status: 'waiting',
        approvers: ['user:default/alice'],
        reason: 'Needs approval from user:default/alice',
      }),
    ]);
    expect(waiting.steps[0].applications[0].status).toBe('pending');

    // The page knows before a click who may approve, and why not.
    const verdictFor = async (user?: string) => {
      const request = backend.api().get(`/api/gitops/releases/${id}`);
      const answer = await (user
        ? request.set('Authorization', mockCredentials.user.header(user))
        : request);
      const { canApprove, cannotApproveReason } = answer.body.steps[0].gates[0];
      return { canApprove, cannotApproveReason };
    };
    expect(await verdictFor()).toEqual({
      canApprove: false,
      cannotApproveReason:
        'You started this release, so someone else must approve it',
    });
    expect(await verdictFor('user:default/bob')).toEqual({
      canApprove: false,
      cannotApproveReason: expect.stringMatching(
        /Only user:default\/alice may approve/,
      ),
    });
    expect(await verdictFor('user:default/alice')).toEqual({
      canApprove: true,
      cannotApproveReason: undefined,
    });

    const own = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .send({});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(
      /You started this release, so someone else must approve it/,
    );
    const stranger = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .send({});
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(
      /Only user:default\/alice may approve/,
    );

    const approved = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({ comment: 'looks good' });
    expect(approved.status).toBe(200);
    expect(approved.body.steps[0].gates[0]).toMatchObject({
      status: 'passed',
      approvedBy: 'user:default/alice',
      approvalComment: 'looks good',
    });

    const done = await waitForRelease(
      backend,
      id,
      r => r.status === 'succeeded' || r.status === 'failed',
    );
    expect(done.status).toBe('succeeded');
    expect(done.flow).toBeUndefined();
    const late = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/not waiting for an approval/);

    const audit = await backend
      .api()
      .get(`/api/gitops/audit?action=release.approve&product=cart`);
    expect(audit.status).toBe(200);
    expect(
      (audit.body.items as AuditEvent[])
        .map(e => [e.actor, e.outcome])
        .reverse(),
    ).toEqual([
      ['user:default/mock', 'denied'],
      ['user:default/bob', 'denied'],
      ['user:default/alice', 'succeeded'],
      ['user:default/alice', 'failed'],
    ]);
    const commits = await backend
      .api()
      .get(`/api/gitops/audit?action=git.commit&product=cart`);
    expect(commits.body.items).toEqual([
      expect.objectContaining({
        releaseId: id,
        commitSha: done.steps[0].applications[0].commitSha,
        repository: world.manifests.url,
        source: 'engine',
      }),
    ]);
    // The commit names its approver and their comment.
    expect(
      await world.manifests.git(
        'log',
        '-1',
        '--format=%(trailers:key=Slipway-Approved-By,valueonly)',
        done.steps[0].applications[0].commitSha!,
      ),
    ).toBe('user:default/alice (looks good)');
    expect(
      (audit.body.items as AuditEvent[]).find(e => e.outcome === 'succeeded')
        ?.details,
    ).toMatchObject({ comment: 'looks good' });
  });
});
