import { mockCredentials } from '@backstage/backend-test-utils';
import type { ConfigProblem } from '@slipway/plugin-gitops-common';
import type {
  ReleaseEvent,
  ReleaseEventListener,
} from '@slipway/plugin-gitops-node';
// The gitops backend's own test world: real local Git repositories and simulated Argo CD runtimes.
// The test starts the plugin this module extends, so it imports it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  createWorld,
  prodFlowYaml,
  productYaml,
  startReadyBackend,
  stopWorld,
  waitFor,
  waitForRelease,
  World,
  WorldBackend,
} from '@slipway/plugin-gitops-backend/testUtils';
import { ChangeTicketSystem } from './changeTickets';
import { createGitopsExampleModule } from './module';

// Generous: CI runs many test files at once and every wait here depends on simulator syncs.
jest.setTimeout(300_000);
/** A commit and an Argo CD sync can take minutes when CI runs every test file at once. */
const LOADED_MACHINE_WAIT_MS = 180_000;

/** A change-ticket system the test approves tickets in. */
class Tickets implements ChangeTicketSystem {
  readonly asked: string[] = [];
  private readonly approved = new Set<string>();
  approve(ticket: string) {
    this.approved.add(ticket);
  }
  async statusOf(ticket: string) {
    this.asked.push(ticket);
    return this.approved.has(ticket) ? 'approved' : 'open';
  }
}

describe('extending Slipway through @slipway/plugin-gitops-node', () => {
  let world: World;
  let backend: WorldBackend;
  const tickets = new Tickets();
  const received: ReleaseEvent[] = [];
  const recorder: ReleaseEventListener = {
    name: 'recorder',
    onReleaseEvent: event => {
      received.push(event);
    },
  };
  const throwing: ReleaseEventListener = {
    name: 'throwing',
    onReleaseEvent: () => {
      throw new Error('the chat service is down');
    },
  };
  const hanging: ReleaseEventListener = {
    name: 'hanging',
    onReleaseEvent: () => new Promise<void>(() => {}),
  };

  beforeAll(async () => {
    world = await createWorld({
      delivery: {
        'products/shop.yaml': productYaml('shop', { flows: ['shop-flow'] }),
        'flows/shop-flow.yaml': prodFlowYaml('shop-flow', {
          pre: [{ type: 'change-ticket', ticket: 'CHG-1' }],
          post: [
            { type: 'manual-approval', approvers: ['user:default/alice'] },
          ],
        }),
        'flows/coffee-flow.yaml': prodFlowYaml('coffee-flow', {
          pre: [{ type: 'coffee' }],
        }),
        'flows/sloppy-flow.yaml': prodFlowYaml('sloppy-flow', {
          pre: [{ type: 'change-ticket', tiket: 'CHG-2' }],
        }),
      },
    });
    backend = await startReadyBackend(world, {
      promotions: { extensionTimeout: 300 },
      features: [
        createGitopsExampleModule({
          tickets,
          listeners: [throwing, hanging, recorder],
        }),
      ],
    });
  });

  afterAll(() => stopWorld(world, backend));

  it('reports gates of types nobody added, and bad settings of an added type, as config problems', async () => {
    const status = await backend.api().get('/api/gitops/config/status');
    expect(status.status).toBe(200);
    const problems = (status.body.problems as ConfigProblem[]).filter(p =>
      p.file.startsWith('flows/'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'flows/coffee-flow.yaml',
        path: 'spec.steps[0].gates.pre[0].type',
        message: expect.stringMatching(
          /must be manual-approval, soak, http-check, callback or a gate type a module added \(change-ticket\)/,
        ),
        severity: 'error',
      }),
      expect.objectContaining({
        file: 'flows/sloppy-flow.yaml',
        path: 'spec.steps[0].gates.pre[0]',
        message: 'ticket must name the change ticket, e.g. CHG-1234',
      }),
      expect.objectContaining({
        file: 'flows/sloppy-flow.yaml',
        path: 'spec.steps[0].gates.pre[0]',
        message: 'tiket is not a change-ticket field',
      }),
    ]);
  });

  it('holds the step on the added gate, then commits, verifies and tells every listener in order', async () => {
    const head = await world.manifests.git('rev-parse', 'main');
    const created = await backend
      .api()
      .post('/api/gitops/products/shop/promotions')
      .send({ from: 'dev', to: 'prod' });
    expect(created.status).toBe(202);
    const id = created.body.releaseId;

    const held = await waitForRelease(
      backend,
      id,
      r => r.status === 'waiting' && r.steps[0].status === 'pre-gates',
    );
    expect(held.steps[0].gates[0]).toEqual({
      type: 'change-ticket',
      phase: 'pre',
      status: 'waiting',
      reason: 'CHG-1 is not approved yet',
    });
    // Held means held: nothing was written.
    expect(await world.manifests.git('rev-parse', 'main')).toBe(head);
    expect(tickets.asked).toContain('CHG-1');

    tickets.approve('CHG-1');
    const verified = await waitForRelease(
      backend,
      id,
      r => r.status === 'waiting' && r.steps[0].status === 'post-gates',
      LOADED_MACHINE_WAIT_MS,
    );
    expect(verified.steps[0].gates[0].status).toBe('passed');
    const approved = await backend
      .api()
      .post(`/api/gitops/releases/${id}/approve`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({});
    expect(approved.status).toBe(200);

    const done = await waitForRelease(
      backend,
      id,
      r => r.status === 'succeeded' || r.status === 'failed',
      LOADED_MACHINE_WAIT_MS,
    );
    // The throwing and the hanging listener changed nothing.
    expect(done.status).toBe('succeeded');
    const [app] = done.steps[0].applications;
    expect(app.commitSha).toMatch(/^[0-9a-f]{40}$/);
    expect(
      await world.manifests.git('show', 'main:apps/shop-api/prod/values.yaml'),
    ).toContain('tag: "1.1.0"');

    const ofRelease = () => received.filter(e => e.release.id === id);
    await waitFor(async () =>
      ofRelease().some(e => e.type === 'release.succeeded'),
    );
    expect(ofRelease().map(e => e.type)).toEqual([
      'release.created',
      'release.step.committed',
      'release.step.verified',
      'release.waiting-for-approval',
      'release.step.finished',
      'release.succeeded',
    ]);
    const [createdEvent, committed, , waiting, , succeeded] = ofRelease();
    expect(createdEvent.release.status).toBe('queued');
    expect(committed).toMatchObject({
      environment: 'prod',
      step: { applications: [{ commitSha: app.commitSha }] },
    });
    expect(waiting).toMatchObject({
      environment: 'prod',
      phase: 'post',
      approvers: ['user:default/alice'],
    });
    expect(succeeded.release.status).toBe('succeeded');
  });

  it.todo(
    'promotes through a Git provider for a made-up host with its own repository-permission check (needs the provider permission check of the Git provider extension point)',
  );
});
