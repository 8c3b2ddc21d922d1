import { mockServices } from '@backstage/backend-test-utils';
import type { GitRepoLocation } from '@slipway/plugin-gitops-node';
import { Knex } from 'knex';
import {
  chart,
  createManifestRepo,
  ManifestRepo,
} from '../__testUtils__/gitRepo';
import {
  migratedDatabase,
  testDatabases,
} from '../database/__testUtils__/testDatabases';
import { AuditGitStore } from '../database/audit/AuditGitStore';
import { deleteAuditEventsBefore } from '../database/audit/auditRetention';
import { AuditStore } from '../database/audit/AuditStore';
import { GitProviders } from '../git/GitProviders';
import { LocalGitProvider } from '../git/local/LocalGitProvider';
import { AuditReconciler } from './AuditReconciler';
import { auditedRepositories } from './auditedRepositories';
import { GitHistoryImport } from './GitHistoryImport';

jest.setTimeout(90_000);

const providers = new GitProviders([new LocalGitProvider()], true);

describe.each(testDatabases.eachSupportedId())(
  'audit log and Git history on %s',
  databaseId => {
    let knex: Knex;
    let repo: ManifestRepo;
    let location: GitRepoLocation;
    let store: AuditStore;
    let gitImport: GitHistoryImport;
    let reconciler: AuditReconciler;

    /** A commit as the promotion engine writes it (Slipway-Release trailer), or by someone else. */
    const commit = async (
      message: string,
      tag: string,
      by: { name: string; email: string },
      trailers?: Record<string, string>,
    ) => {
      const result = await providers.forUrl(location.url).commit({
        repo: location,
        message,
        author: by,
        trailers,
        changes: async () => [
          {
            path: 'apps/pay/prod/values.yaml',
            content: `image:\n  tag: "${tag}"\n`,
          },
        ],
      });
      return result.sha!;
    };
    const slipway = { name: 'Slipway', email: 'slipway@example.com' };
    const eve = { name: 'Eve Operator', email: 'eve@example.com' };

    const gitRows = () =>
      knex('gitops_audit_events')
        .where('source', 'git')
        .orderBy('id', 'asc') as Promise<any[]>;

    beforeAll(async () => {
      knex = await migratedDatabase(databaseId);
      store = new AuditStore(knex);
      const gitStore = new AuditGitStore(knex);
      repo = await createManifestRepo();
      location = { url: repo.repoURL, branch: 'main' };
      const logger = mockServices.logger.mock();
      gitImport = new GitHistoryImport({
        providers,
        store: gitStore,
        repositories: async () => [location],
        logger,
      });
      reconciler = new AuditReconciler({
        providers,
        store: gitStore,
        repositories: async () => [location],
      });
    });

    afterAll(() => repo?.cleanup());

    it('imports commits made outside Slipway once, never Slipway commits, and reconciles', async () => {
      const first = await repo.commit(
        chart('pay', 'prod', '1.0.0'),
        'PAY-1 initial manifests',
      );
      // Slipway's promotion commit, audited by the engine in the same transaction as its step.
      const promoted = await commit(
        'Promote pay 1.1.0 to prod',
        '1.1.0',
        slipway,
        {
          'Slipway-Release': 'rel-1',
          'Slipway-Actor': 'user:default/dana',
        },
      );
      await store.record({
        actor: 'user:default/dana',
        action: 'git.commit',
        target: 'release:rel-1',
        releaseId: 'rel-1',
        outcome: 'succeeded',
        commitSha: promoted,
        repository: location.url,
        source: 'engine',
      });
      const hotfix = await commit(
        '=HYPERLINK("x") hotfix by hand',
        '1.1.1',
        eve,
      );

      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 3, imported: 2 }),
      ]);
      const rows = await gitRows();
      expect(rows.map(r => [r.commit_sha, r.actor, r.action])).toEqual(
        expect.arrayContaining([
          [first, 'git:Dana Developer <dana@example.com>', 'git.commit'],
          [hotfix, 'git:Eve Operator <eve@example.com>', 'git.commit'],
        ]),
      );
      expect(rows).toHaveLength(2);
      expect(rows.some(r => r.commit_sha === promoted)).toBe(false);
      const hotfixRow = rows.find(r => r.commit_sha === hotfix);
      expect(hotfixRow).toMatchObject({
        repository: location.url,
        outcome: 'succeeded',
      });
      expect(JSON.parse(hotfixRow.details)).toEqual({
        subject: '=HYPERLINK("x") hotfix by hand',
        branch: 'main',
      });
      // Found through the audit log's own filters.
      const page = await store.query({
        actor: 'git:Eve Operator <eve@example.com>',
      });
      expect(page.items.map(e => e.commitSha)).toEqual([hotfix]);

      // Nothing new: nothing imported, nothing read.
      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 0, imported: 0 }),
      ]);

      // The backend stopped between pushing a promotion and writing its audit row.
      const unaudited = await commit(
        'Promote pay 1.2.0 to prod',
        '1.2.0',
        slipway,
        {
          'Slipway-Release': 'rel-2',
        },
      );
      const later = await commit('tune replicas', '1.2.0-r', eve);
      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 2, imported: 1 }),
      ]);
      expect((await gitRows()).map(r => r.commit_sha)).toEqual(
        expect.arrayContaining([first, hotfix, later]),
      );
      expect(await gitRows()).toHaveLength(3);

      // An audit row naming a commit that the repository does not have.
      await store.record({
        actor: 'engine',
        action: 'git.commit',
        target: 'release:rel-0',
        outcome: 'succeeded',
        commitSha: 'f'.repeat(40),
        repository: location.url,
        source: 'engine',
      });
      const badRow = await knex('gitops_audit_events')
        .where('commit_sha', 'f'.repeat(40))
        .first('id');

      const report = await reconciler.reconcile();
      expect(report.repositories).toEqual([
        { repository: location.url, branch: 'main', commits: 5 },
      ]);
      expect(report.missingAuditRows).toEqual([
        { repository: location.url, commitSha: unaudited, release: 'rel-2' },
      ]);
      expect(report.missingCommits).toEqual([
        {
          eventId: String(badRow.id),
          repository: location.url,
          commitSha: 'f'.repeat(40),
        },
      ]);

      // A cursor whose commit was rewritten away: the import reads the whole branch again, and the
      // unique index keeps every commit imported once.
      await knex('gitops_audit_git_cursors').update({
        commit_sha: 'e'.repeat(40),
      });
      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 5, imported: 0 }),
      ]);
      expect(await gitRows()).toHaveLength(3);
    });

    it('reports an unreadable repository without failing the others', async () => {
      const gone = {
        url: 'file:///nonexistent/slipway-audit.git',
        branch: 'main',
      };
      const logger = mockServices.logger.mock();
      const both = new GitHistoryImport({
        providers,
        store: new AuditGitStore(knex),
        repositories: async () => [gone, location],
        logger,
      });
      const results = await both.run();
      expect(results[0]).toMatchObject({ repository: gone.url, imported: 0 });
      expect(results[0].error).toBeDefined();
      expect(results[1].repository).toBe(location.url);
      expect(results[1].error).toBeUndefined();
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('slipway-audit.git'),
      );
    });

    it('deletes only events older than the retention cutoff', async () => {
      await knex('gitops_audit_events').delete();
      const day = 86_400_000;
      for (let i = 0; i < 25; i++) {
        await store.record({
          time: new Date(Date.now() - i * day),
          actor: 'user:default/dana',
          action: 'application.sync',
          target: 'application:x',
          outcome: 'succeeded',
          source: 'api',
          details: { age: i },
        });
      }
      const deleted = await deleteAuditEventsBefore(
        knex,
        new Date(Date.now() - 10.5 * day),
        4,
      );
      expect(deleted).toBe(14);
      const left = (await store.query({ limit: 500 })).items.map(
        e => e.details.age,
      );
      expect(left).toEqual([...Array(11).keys()]);
    });
  },
);

describe('auditedRepositories', () => {
  it('is the delivery repository and every Git source of the placed applications', async () => {
    const app = (sources: object[]) => ({ sources } as any);
    const board = {
      applications: new Map([
        [
          'pay',
          new Map([
            [
              'dev',
              [
                app([
                  {
                    repoURL: 'https://github.com/acme/apps',
                    targetRevision: 'main',
                  },
                ]),
                app([
                  {
                    repoURL: 'https://github.com/acme/apps',
                    targetRevision: 'main',
                  },
                ]),
              ],
            ],
            [
              'prod',
              [
                app([
                  {
                    repoURL: 'https://github.com/acme/apps',
                    targetRevision: 'release',
                  },
                  {
                    repoURL: 'https://charts.example.com',
                    chart: 'pay',
                    targetRevision: '1.0.0',
                  },
                  {
                    repoURL: 'https://github.com/acme/pinned',
                    targetRevision: 'a'.repeat(40),
                  },
                  { repoURL: 'https://github.com/acme/values' },
                ]),
              ],
            ],
          ]),
        ],
      ]),
    };
    expect(
      await auditedRepositories(
        { url: 'https://github.com/acme/delivery', branch: 'main' },
        { board: async () => board },
      ),
    ).toEqual([
      { url: 'https://github.com/acme/delivery', branch: 'main' },
      { url: 'https://github.com/acme/apps', branch: 'main' },
      { url: 'https://github.com/acme/apps', branch: 'release' },
      { url: 'https://github.com/acme/values', branch: 'HEAD' },
    ]);
  });
});
