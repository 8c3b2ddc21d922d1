import type { AuditEvent } from '@slipway/plugin-gitops-common';
import { callbackSignature } from '../domain/releases/callback';
import {
  createWorld,
  prodFlowYaml,
  productYaml,
  waitForRelease,
  World,
  WorldBackend,
} from './__testUtils__/promotionWorld';
import { startReadyBackend, stopWorld } from './__testUtils__/readyBackend';

// Generous: CI runs ~95 test files at once and every wait here depends on simulator syncs.
jest.setTimeout(240_000);

const SECRET = 'change-approvals-key';

const FLOW = prodFlowYaml('shop-flow', {
  pre: [
    { type: 'callback', name: 'change-approval', secret: 'change-approvals' },
  ],
});

/** A call as the outside system makes it: the raw body signed with its timestamp. */
function signed(
  body: object,
  options: { secret?: string; ageSeconds?: number } = {},
) {
  const raw = JSON.stringify(body);
  const timestamp = String(
    Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0),
  );
  return {
    raw,
    timestamp,
    signature: `sha256=${callbackSignature(
      options.secret ?? SECRET,
      timestamp,
      raw,
    )}`,
  };
}

/** The callback gate: outside systems decide it with signed calls; every refused call is audited. */
describe('a callback gate', () => {
  let world: World;
  let backend: WorldBackend;

  beforeAll(async () => {
    world = await createWorld({
      delivery: {
        'products/shop.yaml': productYaml('shop', { flows: ['shop-flow'] }),
        'flows/shop-flow.yaml': FLOW,
      },
    });
    backend = await startReadyBackend(world, {
      gates: { secrets: { 'change-approvals': SECRET } },
    });
  });

  afterAll(() => stopWorld(world, backend));

  const call = (
    id: string,
    gate: string,
    message?: { raw: string; timestamp?: string; signature?: string },
  ) => {
    const request = backend
      .api()
      .post(`/api/gitops/releases/${id}/gates/${gate}/callback`)
      .set('Content-Type', 'application/json');
    if (message?.timestamp)
      request.set('X-Slipway-Timestamp', message.timestamp);
    if (message?.signature)
      request.set('X-Slipway-Signature', message.signature);
    return request.send(message?.raw ?? '{}');
  };

  const start = async () => {
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id: string = created.body.releaseId;
    await waitForRelease(backend, id, r => r.status === 'waiting');
    return id;
  };

  it('refuses unsigned, wrongly signed, replayed and misaddressed calls, audits each, and changes nothing', async () => {
    const id = await start();
    const head = await world.manifests.git('rev-parse', 'main');
    const approval = { outcome: 'approved', by: 'CHG-7 (ServiceNow)' };

    const unsigned = await call(id, 'change-approval', {
      raw: JSON.stringify(approval),
    });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.message).toMatch(/The call is not signed/);

    const forged = await call(
      id,
      'change-approval',
      signed(approval, { secret: 'guessed' }),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/signature does not match/);

    // A body changed after signing is a forgery too.
    const tampered = signed({ ...approval, outcome: 'rejected' });
    const altered = await call(id, 'change-approval', {
      ...tampered,
      raw: JSON.stringify(approval),
    });
    expect(altered.status).toBe(401);

    const replayed = await call(
      id,
      'change-approval',
      signed(approval, { ageSeconds: 6 * 60 }),
    );
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.message).toMatch(/older than 5 minutes/);

    const unknownGate = await call(id, 'security-review', signed(approval));
    expect(unknownGate.status).toBe(404);
    expect(unknownGate.body.error.message).toBe(
      `Release ${id} has no callback gate 'security-review'`,
    );
    const unknownRelease = await call(
      'no-such-release',
      'change-approval',
      signed(approval),
    );
    expect(unknownRelease.status).toBe(404);

    const release = await backend.api().get(`/api/gitops/releases/${id}`);
    expect(release.body.status).toBe('waiting');
    expect(release.body.steps[0].gates[0]).toMatchObject({
      type: 'callback',
      name: 'change-approval',
      status: 'waiting',
      reason: 'Waiting for a signed callback to the change-approval gate',
    });
    expect(release.body.steps[0].gates[0].callback).toBeUndefined();
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);

    const audit = await backend
      .api()
      .get('/api/gitops/audit?action=release.gate-callback');
    expect(
      (audit.body.items as AuditEvent[])
        .map(e => [e.releaseId, e.outcome, e.details.gate])
        .reverse(),
    ).toEqual([
      [id, 'denied', 'change-approval'],
      [id, 'denied', 'change-approval'],
      [id, 'denied', 'change-approval'],
      [id, 'denied', 'change-approval'],
      [id, 'failed', 'security-review'],
      ['no-such-release', 'failed', 'change-approval'],
    ]);

    await backend.api().post(`/api/gitops/releases/${id}/terminate`).send({});
  });

  it('passes the gate on a signed approval, which the release keeps', async () => {
    const id = await start();
    const approval = {
      outcome: 'approved',
      by: 'Ana Ruiz',
      reason: 'CAB approved',
      url: 'https://tickets.example.test/CHG-7',
    };
    const answer = await call(id, 'change-approval', signed(approval));
    expect(answer.status).toBe(200);
    expect(answer.body.steps[0].gates[0].callback).toMatchObject(approval);

    const done = await waitForRelease(backend, id, r =>
      ['succeeded', 'failed'].includes(r.status),
    );
    expect(done.status).toBe('succeeded');
    expect(done.steps[0].gates[0]).toMatchObject({
      status: 'passed',
      callback: { outcome: 'approved', by: 'Ana Ruiz' },
    });
    const audit = await backend
      .api()
      .get(`/api/gitops/audit?action=release.gate-callback&outcome=succeeded`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: 'Ana Ruiz',
        releaseId: id,
        environment: 'prod',
        details: expect.objectContaining({
          gate: 'change-approval',
          outcome: 'approved',
          url: 'https://tickets.example.test/CHG-7',
        }),
      }),
    ]);

    const late = await call(id, 'change-approval', signed(approval));
    expect(late.status).toBe(409);
  });

  it('fails the step on a signed rejection, with who rejected it and why', async () => {
    const id = await start();
    const answer = await call(
      id,
      'change-approval',
      signed({ outcome: 'rejected', by: 'CAB', reason: 'no rollback plan' }),
    );
    expect(answer.status).toBe(200);
    const done = await waitForRelease(backend, id, r => r.status === 'failed');
    expect(done.steps[0]).toMatchObject({
      status: 'failed',
      error: 'callback gate change-approval: Rejected by CAB: no rollback plan',
    });
  });
});
