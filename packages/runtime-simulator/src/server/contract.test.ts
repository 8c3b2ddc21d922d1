import request from 'supertest';
import {
  applicationCrdValidator,
  swaggerValidator,
  violations,
} from '../__testUtils__/contract';
import { chartFiles } from '../__testUtils__/gitFixture';
import {
  auth,
  GitSimulator,
  startGitSimulator,
} from '../__testUtils__/simulators';
import { waitFor } from '../__testUtils__/waitFor';

// Lifecycle steps run on timers; on a loaded CI machine they need more than jest's default 5 s.
jest.setTimeout(20_000);

describe('responses match the Argo CD v3.5.1 swagger and the Application CRD', () => {
  let env: GitSimulator;

  let crd: ReturnType<typeof applicationCrdValidator>;

  beforeAll(async () => {
    crd = applicationCrdValidator();
    env = await startGitSimulator({ syntheticApplications: 40 });
  });

  afterAll(async () => {
    await env.close();
  });

  const get = (path: string) =>
    request(env.sim.url).get(path).set(auth).expect(200);

  it('version, session and clusters', async () => {
    expect(
      violations(
        swaggerValidator('versionVersionMessage'),
        (await get('/api/version')).body,
      ),
    ).toEqual([]);
    const session = await request(env.sim.url)
      .post('/api/v1/session')
      .send({ username: 'admin', password: 'slipway' })
      .expect(200);
    expect(
      violations(swaggerValidator('sessionSessionResponse'), session.body),
    ).toEqual([]);
    const clusters = (await get('/api/v1/clusters')).body;
    expect(
      violations(swaggerValidator('v1alpha1ClusterList'), clusters),
    ).toEqual([]);
    expect(clusters.items[0]).toMatchObject({
      name: 'in-cluster',
      server: 'https://kubernetes.default.svc',
    });
    expect(clusters.items[0].info.applicationsCount).toBe(42);
  });

  it('application list, full and projected, git-backed and synthetic', async () => {
    const list = (await get('/api/v1/applications')).body;
    expect(list.items).toHaveLength(42);
    expect(
      violations(swaggerValidator('v1alpha1ApplicationList'), list),
    ).toEqual([]);
    for (const item of list.items) {
      expect(item.apiVersion).toBeUndefined();
      expect(item.kind).toBeUndefined();
      // List items carry no per-resource health (resourceHealthSource: appTree).
      for (const resource of item.status.resources ?? [])
        expect(resource.health).toBeUndefined();
    }
    const projected = (
      await get(
        '/api/v1/applications?fields=items.metadata.name,items.status.sync.status,items.status.health,items.status.operationState.operation.sync',
      )
    ).body;
    expect(
      violations(swaggerValidator('v1alpha1ApplicationList'), projected),
    ).toEqual([]);
  });

  it('each Application, while idle and while syncing, matches the swagger and (with apiVersion/kind) the CRD', async () => {
    const check = (app: Record<string, unknown>) => {
      expect(violations(swaggerValidator('v1alpha1Application'), app)).toEqual(
        [],
      );
      expect(
        violations(crd, {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          ...app,
        }),
      ).toEqual([]);
    };
    for (const name of [
      'payments-api-dev',
      'payments-api-prod',
      'payments-api-qa',
      'orders-api-prod',
    ]) {
      check((await get(`/api/v1/applications/${name}`)).body);
    }
    await env.git.commit(
      chartFiles('payments-api', 'dev', '2.0.0'),
      'Promote 2.0.0',
    );
    const running = await waitFor('Running', async () => {
      const app = (await get('/api/v1/applications/payments-api-dev')).body;
      return app.status.operationState?.phase === 'Running' ? app : undefined;
    });
    check(running);
    const done = await waitFor('Succeeded', async () => {
      const app = (await get('/api/v1/applications/payments-api-dev')).body;
      return app.status.operationState?.phase === 'Succeeded' &&
        app.status.history.length === 2
        ? app
        : undefined;
    });
    check(done);
  });

  it('resource tree, managed resources, revision metadata and events', async () => {
    const tree = (
      await get('/api/v1/applications/payments-api-prod/resource-tree')
    ).body;
    expect(
      violations(swaggerValidator('v1alpha1ApplicationTree'), tree),
    ).toEqual([]);
    const kinds = tree.nodes.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'Pod')).toHaveLength(3);
    expect(kinds).toEqual(
      expect.arrayContaining(['Service', 'Deployment', 'ReplicaSet']),
    );
    const pod = tree.nodes.find((n: { kind: string }) => n.kind === 'Pod');
    const replicaSet = tree.nodes.find(
      (n: { kind: string }) => n.kind === 'ReplicaSet',
    );
    expect(pod.parentRefs[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: replicaSet.name,
      uid: replicaSet.uid,
    });
    expect(pod.images).toEqual(['ghcr.io/slipway-sandbox/payments-api:1.4.2']);
    expect(pod.info).toEqual(
      expect.arrayContaining([{ name: 'Containers', value: '1/1' }]),
    );

    const managed = (
      await get('/api/v1/applications/payments-api-prod/managed-resources')
    ).body;
    expect(
      violations(
        swaggerValidator('applicationManagedResourcesResponse'),
        managed,
      ),
    ).toEqual([]);
    const deployment = managed.items.find(
      (d: { kind: string }) => d.kind === 'Deployment',
    );
    expect(typeof deployment.targetState).toBe('string');
    expect(JSON.parse(deployment.targetState).spec.replicas).toBe(3);
    expect(JSON.parse(deployment.liveState).status.readyReplicas).toBe(3);
    expect(deployment.modified).toBe(false);

    const metadata = (
      await get(
        `/api/v1/applications/payments-api-prod/revisions/${env.initialSha}/metadata`,
      )
    ).body;
    expect(
      violations(swaggerValidator('v1alpha1RevisionMetadata'), metadata),
    ).toEqual([]);

    await request(env.sim.url)
      .post('/api/v1/applications/payments-api-prod/sync')
      .set(auth)
      .send({})
      .expect(200);
    const events = (await get('/api/v1/applications/payments-api-prod/events'))
      .body;
    expect(violations(swaggerValidator('eventsEventList'), events)).toEqual([]);
    expect(events.items.map((e: { reason: string }) => e.reason)).toContain(
      'OperationStarted',
    );

    // A promoted Deployment: its managed-resources diff and its own events (a rollout scales a ReplicaSet).
    await env.git.commit(
      chartFiles('payments-api', 'dev', '2.1.0'),
      'Promote 2.1.0',
    );
    const outOfSync = await waitFor('dev diff', async () => {
      const body = (
        await get('/api/v1/applications/payments-api-dev/managed-resources')
      ).body;
      return body.items.some((d: { modified: boolean }) => d.modified)
        ? body
        : undefined;
    });
    expect(
      violations(
        swaggerValidator('applicationManagedResourcesResponse'),
        outOfSync,
      ),
    ).toEqual([]);
    const changed = outOfSync.items.find(
      (d: { kind: string }) => d.kind === 'Deployment',
    );
    expect(changed.modified).toBe(true);
    expect(
      JSON.parse(changed.targetState).spec.template.spec.containers[0].image,
    ).toBe('ghcr.io/slipway-sandbox/payments-api:2.1.0');
    const scaled = await waitFor('deployment events', async () => {
      const body = (
        await get(
          '/api/v1/applications/payments-api-dev/events?resourceName=payments-api&resourceNamespace=payments-api-dev',
        )
      ).body;
      return body.items?.some(
        (e: { reason: string; message: string }) =>
          e.reason === 'ScalingReplicaSet',
      )
        ? body
        : undefined;
    });
    expect(violations(swaggerValidator('eventsEventList'), scaled)).toEqual([]);
    expect(scaled.items[0].involvedObject).toMatchObject({
      kind: 'Deployment',
      name: 'payments-api',
    });
  });

  it('PATCH (merge) switches auto-sync off, answering the Application', async () => {
    const patched = (
      await request(env.sim.url)
        .patch('/api/v1/applications/payments-api-qa')
        .set(auth)
        .send({
          patchType: 'merge',
          patch: JSON.stringify({ spec: { syncPolicy: { automated: null } } }),
        })
        .expect(200)
    ).body;
    expect(
      violations(swaggerValidator('v1alpha1Application'), patched),
    ).toEqual([]);
    expect(patched.spec.syncPolicy?.automated).toBeUndefined();
    await request(env.sim.url)
      .patch('/api/v1/applications/payments-api-qa')
      .set(auth)
      .send({ patchType: 'json', patch: '[]' })
      .expect(400);
  });

  it('the contract check rejects fields the swagger does not know and wrong types', async () => {
    const app = (await get('/api/v1/applications/payments-api-dev')).body;
    expect(
      swaggerValidator('v1alpha1Application')({
        ...app,
        status: { ...app.status, colour: 'red' },
      }),
    ).toBe(false);
    expect(
      swaggerValidator('v1alpha1Application')({
        ...app,
        metadata: { ...app.metadata, generation: 'one' },
      }),
    ).toBe(false);
  });

  it('error bodies are runtimeError', async () => {
    const denied = await request(env.sim.url)
      .get('/api/v1/applications/nope')
      .set(auth)
      .expect(403);
    expect(violations(swaggerValidator('runtimeError'), denied.body)).toEqual(
      [],
    );
    const unauthenticated = await request(env.sim.url)
      .get('/api/v1/applications')
      .expect(401);
    expect(
      violations(swaggerValidator('runtimeError'), unauthenticated.body),
    ).toEqual([]);
  });
});
