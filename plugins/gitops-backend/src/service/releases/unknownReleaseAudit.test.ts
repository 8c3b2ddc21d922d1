import { Knex } from 'knex';
import {
  migratedDatabase,
  testDatabases,
} from '../../database/__testUtils__/testDatabases';
import {
  createWorld,
  startWorldBackend,
  World,
  WorldBackend,
} from '../../engine/__testUtils__/promotionWorld';
import { stopWorld } from '../../engine/__testUtils__/readyBackend';

jest.setTimeout(90_000);

describe.each(testDatabases.eachSupportedId())(
  'release actions on a release that does not exist, on %s',
  databaseId => {
    let world: World;
    let backend: WorldBackend;
    let knex: Knex;

    beforeAll(async () => {
      world = await createWorld();
      knex = await migratedDatabase(databaseId);
      backend = await startWorldBackend(world, knex);
    });

    afterAll(() => stopWorld(world, backend));

    it('answers 404 and records one failed row for each retry, terminate and approve', async () => {
      for (const action of ['retry', 'terminate', 'approve']) {
        const res = await backend
          .api()
          .post(`/api/gitops/releases/no-such-release/${action}`)
          .send({ reason: 'cleanup' });
        expect({ action, status: res.status }).toEqual({ action, status: 404 });
        expect(res.body.error.name).toBe('NotFoundError');
      }
      const rows = await knex('gitops_audit_events')
        .where('target', 'release:no-such-release')
        .orderBy('id', 'asc');
      expect(rows.map(r => [r.action, r.actor, r.outcome, r.source])).toEqual(
        ['retry', 'terminate', 'approve'].map(action => [
          `release.${action}`,
          'user:default/mock',
          'failed',
          'api',
        ]),
      );
      expect(JSON.parse(rows[0].details).error).toBe(
        "No release 'no-such-release'",
      );
      // Shown in the audit log like any other outcome.
      const audit = await backend
        .api()
        .get('/api/gitops/audit?outcome=failed&action=release.approve');
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'release.approve',
          target: 'release:no-such-release',
          outcome: 'failed',
        }),
      ]);
    });
  },
);
