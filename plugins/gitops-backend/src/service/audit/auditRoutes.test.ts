import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  gitopsApplicationSyncPermission,
  type AuditEvent,
  type AuditPage,
} from '@slipway/plugin-gitops-common';
import { Knex } from 'knex';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../../__testUtils__/gitopsBackend';
import { testDatabases } from '../../database/__testUtils__/testDatabases';
import { AuditStore } from '../../database/audit/AuditStore';

jest.setTimeout(90_000);

const simState = async (runtime: TestRuntime) =>
  (await fetch(`${runtime.sim.url}/__admin/state`)).json();

describe.each(testDatabases.eachSupportedId())(
  'audited write routes and GET /audit on %s',
  databaseId => {
    let knex: Knex;
    let runtime: TestRuntime;
    let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;
    let app: { namespace: string; name: string };
    const auditor = mockServices.auditor.mock();

    // The audit table is append-only: each test reads the rows recorded after it started.
    let seenUpTo = 0;
    const rows = () =>
      knex('gitops_audit_events')
        .where('id', '>', seenUpTo)
        .orderBy('id', 'asc') as Promise<any[]>;

    beforeAll(async () => {
      knex = await testDatabases.init(databaseId);
      runtime = await startRuntime('audit', { syntheticApplications: 2 });
      gitops = await startGitopsBackend(
        [runtimeConfig(runtime, { kubernetes: false })],
        {
          features: [mockServices.database.factory({ knex }), auditor.factory],
        },
      );
      app = (await simState(runtime)).applications[0];
    });

    afterAll(async () => {
      await gitops?.stop();
      await runtime?.sim.close();
    });

    beforeEach(async () => {
      const [{ last }] = await knex('gitops_audit_events').max({ last: 'id' });
      seenUpTo = Number(last ?? 0);
      auditor.createEvent.mockClear();
    });

    it('records one succeeded row per sync and refresh, with the user as actor', async () => {
      const path = `/api/gitops/applications/audit/${app.namespace}/${app.name}`;
      expect((await gitops.api().post(`${path}/sync`).send({})).status).toBe(
        200,
      );
      expect(
        (await gitops.api().post(`${path}/refresh`).send({ hard: true }))
          .status,
      ).toBe(200);
      const recorded = await rows();
      expect(recorded).toHaveLength(2);
      expect(recorded[0]).toMatchObject({
        actor: 'user:default/mock',
        action: 'application.sync',
        target: `application:audit/${app.namespace}/${app.name}`,
        runtime: 'audit',
        outcome: 'succeeded',
        source: 'api',
      });
      expect(JSON.parse(recorded[1].details)).toMatchObject({
        name: app.name,
        hard: true,
      });
      // Also sent to Backstage's auditor service.
      expect(auditor.createEvent.mock.calls.map(([e]) => e.eventId)).toEqual([
        'application-sync',
        'application-refresh',
      ]);
    });

    it('records one failed row when the runtime or application does not exist', async () => {
      const res = await gitops
        .api()
        .post(`/api/gitops/applications/audit/${app.namespace}/ghost/sync`)
        .send({});
      expect(res.status).toBe(404);
      const noRuntime = await gitops
        .api()
        .post(`/api/gitops/applications/nowhere/argocd/x/refresh`)
        .send({});
      expect(noRuntime.status).toBe(404);
      const recorded = await rows();
      expect(recorded.map(r => [r.action, r.outcome])).toEqual([
        ['application.sync', 'failed'],
        ['application.refresh', 'failed'],
      ]);
      expect(JSON.parse(recorded[0].details).error).toMatch(/ghost/);
    });

    it('answers 401 to unauthenticated requests and records nothing', async () => {
      const none = mockCredentials.none.header();
      expect(
        (await gitops.api().get('/api/gitops/audit').set('Authorization', none))
          .status,
      ).toBe(401);
      expect(
        (
          await gitops
            .api()
            .post(
              `/api/gitops/applications/audit/${app.namespace}/${app.name}/sync`,
            )
            .set('Authorization', none)
            .send({})
        ).status,
      ).toBe(401);
      expect(await rows()).toEqual([]);
    });

    it('lists, filters and pages the log newest first', async () => {
      const store = new AuditStore(knex);
      for (let i = 0; i < 7; i++) {
        await store.record({
          time: new Date(Date.UTC(2025, 2, 1, 10, i)),
          actor: i < 4 ? 'user:default/dana' : 'user:default/sam',
          action: 'promotion.create',
          target: 'product:payments',
          product: 'payments',
          environment: i % 2 ? 'prod' : 'dev',
          outcome: i === 6 ? 'denied' : 'succeeded',
          source: 'api',
          details: { i },
        });
      }
      const get = (query: string) =>
        gitops.api().get(`/api/gitops/audit${query}`);
      // Rows of other tests stay (the log is append-only); this day holds only this test's.
      const day = new URLSearchParams({
        from: '2025-03-01T00:00:00Z',
        to: '2025-03-02T00:00:00Z',
      });
      const first = await get(`?limit=3&${day}`);
      expect(first.status).toBe(200);
      const page1 = first.body as AuditPage;
      expect(page1.items.map(e => e.details.i)).toEqual([6, 5, 4]);
      const page2 = (await get(`?limit=3&${day}&cursor=${page1.nextCursor}`))
        .body as AuditPage;
      expect(page2.items.map(e => e.details.i)).toEqual([3, 2, 1]);

      // As the client sends it: every value URL-encoded.
      const filtered = (
        await get(
          `?${new URLSearchParams({
            actor: 'user:default/dana',
            product: 'payments',
            environment: 'prod',
            from: '2025-03-01T10:00:00Z',
            to: '2025-03-01T10:03:00Z',
          })}`,
        )
      ).body as AuditPage;
      expect(filtered.items.map(e => e.details.i)).toEqual([1]);
      expect(
        ((await get(`?outcome=denied&${day}`)).body as AuditPage).items.map(
          (e: AuditEvent) => e.details.i,
        ),
      ).toEqual([6]);

      for (const bad of [
        '?outcome=maybe',
        '?from=yesterday',
        '?cursor=xyz',
        '?limit=1000',
        '?unknown=1',
      ]) {
        const res = await get(bad);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(res.body.error.name).toBe('InputError');
      }
    });

    it('exports CSV for format=csv and for Accept: text/csv, quoting and defusing formulas', async () => {
      const store = new AuditStore(knex);
      for (let i = 0; i < 1203; i++) {
        await knex('gitops_audit_events').insert({
          time: new Date(Date.UTC(2025, 0, 1) + i * 1000),
          actor: 'user:default/dana',
          action: 'promotion.create',
          target: 'product:payments',
          product: 'payments',
          outcome: 'succeeded',
          source: 'api',
          details: '{}',
        });
      }
      await store.record({
        time: new Date(Date.UTC(2025, 1, 1)),
        actor: '=HYPERLINK("http://evil")',
        action: 'git.commit',
        target: 'repository:r',
        outcome: 'succeeded',
        source: 'git',
        details: { subject: 'fix, "quoted"\nsecond line' },
      });
      const res = await gitops
        .api()
        // Before March 2025: only this test's rows (the log is append-only).
        .get('/api/gitops/audit?format=csv&limit=5&to=2025-03-01T00%3A00%3A00Z')
        .buffer(true)
        .parse((r, done) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString('utf8')));
          r.on('end', () => done(null, text));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename=slipway-audit-\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const text = res.body as string;
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        'id,time,actor,action,target,product,environment,runtime,release_id,outcome,commit_sha,repository,source,details',
      );
      // Every event over several pages (limit is a page size, not a cap, for exports), the newest first.
      expect(lines.filter(l => l.includes('promotion.create'))).toHaveLength(
        1203,
      );
      expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"")",`);
      expect(text).toContain(
        '"{""subject"":""fix, \\""quoted\\""\\nsecond line""}"',
      );

      const viaAccept = await gitops
        .api()
        .get(
          '/api/gitops/audit?source=x'.replace(
            '?source=x',
            '?product=payments&to=2025-03-01T00%3A00%3A00Z',
          ),
        )
        .set('Accept', 'text/csv');
      expect(viaAccept.status).toBe(200);
      expect(viaAccept.headers['content-type']).toMatch(/^text\/csv/);
      expect(viaAccept.text.split('\r\n').filter(Boolean)).toHaveLength(1204);

      const bad = await gitops
        .api()
        .get('/api/gitops/audit?format=csv&from=nope');
      expect(bad.status).toBe(400);
    });
  },
);

describe('audited write routes when permissions deny', () => {
  it('answers 403, records exactly one denied row and leaves the application alone', async () => {
    const knex = await testDatabases.init('SQLITE_3');
    const runtime = await startRuntime('denied', { syntheticApplications: 2 });
    // Writes are refused; reading the audit log is allowed, so the refusal can be seen there.
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name === gitopsApplicationSyncPermission.name ||
            r.permission.name === 'gitops.application.refresh'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const gitops = await startGitopsBackend(
      [runtimeConfig(runtime, { kubernetes: false })],
      {
        features: [
          mockServices.database.factory({ knex }),
          permissions.factory,
        ],
      },
    );
    try {
      const before = (await simState(runtime)).applications[0];
      const res = await gitops
        .api()
        .post(
          `/api/gitops/applications/denied/${before.namespace}/${before.name}/sync`,
        )
        .send({ prune: true });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'Not allowed: gitops.application.sync',
      });
      const page = (await gitops.api().get('/api/gitops/audit'))
        .body as AuditPage;
      expect(page.items).toEqual([
        expect.objectContaining({
          actor: 'user:default/mock',
          action: 'application.sync',
          outcome: 'denied',
          runtime: 'denied',
        }),
      ]);
      const after = (await simState(runtime)).applications[0];
      expect(after.operationPhase).toBe(before.operationPhase);
      expect(after.syncStatus ?? after.sync).toEqual(
        before.syncStatus ?? before.sync,
      );
    } finally {
      await gitops.stop();
      await runtime.sim.close();
    }
  });

  it('refuses the audit log itself to whom audit read is denied', async () => {
    const runtime = await startRuntime('denyall', { syntheticApplications: 1 });
    const gitops = await startGitopsBackend(
      [runtimeConfig(runtime, { kubernetes: false })],
      {
        features: [
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      },
    );
    try {
      const res = await gitops.api().get('/api/gitops/audit');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Not allowed: gitops.audit.read');
      const csv = await gitops.api().get('/api/gitops/audit?format=csv');
      expect(csv.status).toBe(403);
    } finally {
      await gitops.stop();
      await runtime.sim.close();
    }
  });
});
