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
import {
  releaseRecord,
  releaseStep,
} from '../database/__testUtils__/releaseRecords';
import { AuditGitStore } from '../database/audit/AuditGitStore';
import { AuditStore } from '../database/audit/AuditStore';
import { DatabaseReleaseStore } from '../database/releases/ReleaseStore';
import type { ReleaseRecord } from '../domain/releases/releaseRecord';
import { GitProviders } from '../git/GitProviders';
import { LocalGitProvider } from '../git/local/LocalGitProvider';
import { AuditReconciler } from './AuditReconciler';
import { auditedRepositories } from './auditedRepositories';
import { placeChangedPaths } from './changePlacement';
import { GitHistoryImport } from './GitHistoryImport';

jest.setTimeout(90_000);

const providers = new GitProviders([new LocalGitProvider()], true);

/** A release as the release store keeps it, having landed `commits` (its applications' commit SHAs). */
function landedRelease(
  id: string,
  status: ReleaseRecord['status'],
  commits: string[],
): ReleaseRecord {
  return releaseRecord(id, {
    product: 'pay',
    version: '1.1.0',
    status,
    steps: [
      releaseStep({
        status: status === 'succeeded' ? 'succeeded' : 'committing',
        applications: commits.map(commitSha => ({
          application: { runtime: 'prod', namespace: 'argocd', name: 'pay' },
          component: 'pay',
          repoURL: 'file:///x.git',
          branch: 'main',
          path: 'apps/pay/prod',
          status: 'healthy',
          commitSha,
        })),
      }),
    ],
  });
}

/** Every commit on the branch, as Git lists them. */
async function allCommits(location: GitRepoLocation): Promise<string[]> {
  const provider = providers.forUrl(location.url);
  const head = await provider.resolveBranch(location);
  return (await provider.log(location.url, { to: head, limit: 1000 })).map(
    c => c.sha,
  );
}

describe.each(testDatabases.eachSupportedId())(
  'audit log and Git history on %s',
  databaseId => {
    let knex: Knex;
    let repo: ManifestRepo;
    let location: GitRepoLocation;
    let store: AuditStore;
    let gitImport: GitHistoryImport;
    let reconciler: AuditReconciler;
    let releases: DatabaseReleaseStore;

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
      releases = new DatabaseReleaseStore(knex);
      const gitStore = new AuditGitStore(knex);
      repo = await createManifestRepo();
      location = { url: repo.repoURL, branch: 'main' };
      const logger = mockServices.logger.mock();
      gitImport = new GitHistoryImport({
        providers,
        store: gitStore,
        repositories: async () => [
          {
            ...location,
            folders: [
              { path: 'apps/pay/prod', product: 'pay', environment: 'prod' },
            ],
          },
        ],
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
      await releases.create(landedRelease('rel-1', 'succeeded', [promoted]));
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
      // Placed where its paths belong: the pay application in prod.
      expect(hotfixRow).toMatchObject({
        repository: location.url,
        outcome: 'succeeded',
        product: 'pay',
        environment: 'prod',
      });
      // With the paths the commit touched.
      expect(JSON.parse(hotfixRow.details)).toEqual({
        subject: '=HYPERLINK("x") hotfix by hand',
        branch: 'main',
        paths: ['apps/pay/prod/values.yaml'],
      });
      expect(
        JSON.parse(rows.find(r => r.commit_sha === first).details).paths,
      ).toEqual(expect.arrayContaining(['apps/pay/prod/Chart.yaml']));
      // Found through the audit log's own filters.
      const page = await store.query({
        actor: 'git:Eve Operator <eve@example.com>',
      });
      expect(page.items.map(e => e.commitSha)).toEqual([hotfix]);
      const inProd = await store.query({ product: 'pay', environment: 'prod' });
      expect(inProd.items.map(e => e.commitSha)).toContain(hotfix);

      // Nothing new: nothing imported, nothing read.
      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 0, imported: 0 }),
      ]);

      // The release recorded its commit, but no audit row names it.
      const unaudited = await commit(
        'Promote pay 1.2.0 to prod',
        '1.2.0',
        slipway,
        {
          'Slipway-Release': 'rel-2',
        },
      );
      await releases.create(landedRelease('rel-2', 'succeeded', [unaudited]));
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
      expect(report.flaggedCommits).toEqual([]);
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

    it('imports a commit whose Slipway-Release trailer its release never recorded, flagged', async () => {
      await gitImport.run();
      const before = (await gitRows()).length;
      // Hand-made commits claiming a release: one that exists (rel-1 recorded other commits) and one
      // that does not.
      const forged = await commit('Promote pay 9.9.9 to prod', '9.9.9', eve, {
        'Slipway-Release': 'rel-1',
      });
      const unknown = await commit('quiet fix', '9.9.8', eve, {
        'Slipway-Release': 'rel-does-not-exist',
      });
      // A release still running names a commit it has not recorded yet: decided on a later run.
      await releases.create(landedRelease('rel-5', 'running', []));
      const inFlight = await commit(
        'Promote pay 1.5.0 to prod',
        '1.5.0',
        slipway,
        {
          'Slipway-Release': 'rel-5',
        },
      );
      await releases.create(landedRelease('rel-6', 'running', []));
      const late = await commit('Promote pay 1.6.0 to prod', '1.6.0', eve, {
        'Slipway-Release': 'rel-6',
      });

      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 4, imported: 2, flagged: 2 }),
      ]);
      const flagged = (await gitRows()).slice(before);
      expect(
        flagged.map(r => [r.commit_sha, r.actor, r.source, r.outcome]),
      ).toEqual(
        expect.arrayContaining([
          [forged, 'git:Eve Operator <eve@example.com>', 'git', 'succeeded'],
          [unknown, 'git:Eve Operator <eve@example.com>', 'git', 'succeeded'],
        ]),
      );
      expect(flagged).toHaveLength(2);
      const details = (sha: string) =>
        JSON.parse(flagged.find(r => r.commit_sha === sha).details);
      expect(details(forged)).toMatchObject({
        flag: 'forged-trailer',
        release: 'rel-1',
        paths: ['apps/pay/prod/values.yaml'],
      });
      expect(details(unknown)).toMatchObject({
        flag: 'unknown-release',
        release: 'rel-does-not-exist',
      });
      // Visible through the audit log's API shape.
      const page = await store.query({
        actor: 'git:Eve Operator <eve@example.com>',
      });
      expect(page.items.find(e => e.commitSha === forged)?.details.flag).toBe(
        'forged-trailer',
      );

      // rel-5 records its commit (it was Slipway's); rel-6 finishes without recording its own.
      const five = (await releases.get('rel-5'))!;
      five.steps = landedRelease('rel-5', 'succeeded', [inFlight]).steps;
      five.status = 'succeeded';
      expect(await releases.update(five)).toBe(true);
      const six = (await releases.get('rel-6'))!;
      six.status = 'succeeded';
      expect(await releases.update(six)).toBe(true);
      expect(await gitImport.run()).toEqual([
        expect.objectContaining({ read: 0, imported: 1, flagged: 1 }),
      ]);
      const rows = await gitRows();
      expect(rows.some(r => r.commit_sha === inFlight)).toBe(false);
      expect(
        JSON.parse(rows.find(r => r.commit_sha === late).details),
      ).toMatchObject({ flag: 'forged-trailer', release: 'rel-6' });

      const report = await reconciler.reconcile();
      expect(report.flaggedCommits).toEqual(
        expect.arrayContaining([
          {
            repository: location.url,
            commitSha: forged,
            release: 'rel-1',
            flag: 'forged-trailer',
          },
          {
            repository: location.url,
            commitSha: unknown,
            release: 'rel-does-not-exist',
            flag: 'unknown-release',
          },
          {
            repository: location.url,
            commitSha: late,
            release: 'rel-6',
            flag: 'forged-trailer',
          },
        ]),
      );
      expect(report.flaggedCommits).toHaveLength(3);
      expect(report.missingAuditRows.map(r => r.commitSha)).toContain(inFlight);
    });

    it('resumes older history on the next run when a run reaches its page limit', async () => {
      const long = await createManifestRepo();
      const longLocation = { url: long.repoURL, branch: 'main' };
      try {
        const shas: string[] = [];
        for (let i = 0; i < 8; i++) {
          shas.push(
            await long.commit(
              { [`apps/app-${i}/values.yaml`]: `tag: "${i}"\n` },
              `change ${i}`,
            ),
          );
        }
        const logger = mockServices.logger.mock();
        const limited = new GitHistoryImport({
          providers,
          store: new AuditGitStore(knex),
          repositories: async () => [longLocation],
          logger,
          maxCommitsPerRun: 3,
          pageSize: 2,
        });
        const imported = async () =>
          (
            (await knex('gitops_audit_events')
              .where({ source: 'git', repository: long.repoURL })
              .select('commit_sha')) as { commit_sha: string }[]
          ).map(r => r.commit_sha);

        const first = await limited.run();
        expect(first).toEqual([
          expect.objectContaining({ read: 3, imported: 3, remaining: true }),
        ]);
        expect(new Set(await imported())).toEqual(new Set(shas.slice(-3)));

        // New commits arrive meanwhile: read first, then the older history continues.
        const newer = await long.commit(
          { 'apps/app-new/values.yaml': 'tag: "new"\n' },
          'change new',
        );
        const runs = [];
        for (let i = 0; i < 5; i++) {
          const [result] = await limited.run();
          runs.push([result.read, result.remaining]);
          if (!result.remaining) break;
        }
        expect(runs.at(-1)).toEqual([expect.any(Number), false]);
        const all = await imported();
        expect(all).toHaveLength(new Set(all).size);
        expect(new Set(all)).toEqual(
          new Set([...(await allCommits(longLocation)), newer]),
        );
        expect(all).toEqual(expect.arrayContaining([...shas, newer]));
        // Each row names the paths its commit touched.
        const row = await knex('gitops_audit_events')
          .where({ commit_sha: shas[4] })
          .first('details');
        expect(JSON.parse(row.details).paths).toEqual([
          'apps/app-4/values.yaml',
        ]);
        expect(await limited.run()).toEqual([
          expect.objectContaining({ read: 0, imported: 0, remaining: false }),
        ]);
      } finally {
        await long.cleanup();
      }
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
                    path: './apps/pay/dev/',
                  },
                ]),
                app([
                  {
                    repoURL: 'https://github.com/acme/apps',
                    targetRevision: 'main',
                    path: 'apps/pay-worker/dev',
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
                    path: 'apps/pay/prod',
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
      {
        url: 'https://github.com/acme/delivery',
        branch: 'main',
        delivery: true,
      },
      {
        url: 'https://github.com/acme/apps',
        branch: 'main',
        folders: [
          { path: 'apps/pay/dev', product: 'pay', environment: 'dev' },
          { path: 'apps/pay-worker/dev', product: 'pay', environment: 'dev' },
        ],
      },
      {
        url: 'https://github.com/acme/apps',
        branch: 'release',
        folders: [
          { path: 'apps/pay/prod', product: 'pay', environment: 'prod' },
        ],
      },
      {
        url: 'https://github.com/acme/values',
        branch: 'HEAD',
        folders: [{ path: '', product: 'pay', environment: 'prod' }],
      },
    ]);
  });
});

describe('placeChangedPaths', () => {
  const folders = [
    { path: 'apps/pay/prod', product: 'pay', environment: 'prod' },
    { path: 'apps/pay/dev', product: 'pay', environment: 'dev' },
    { path: 'apps/shop/prod', product: 'shop', environment: 'prod' },
    { path: '', product: 'values', environment: 'dev' },
  ];

  it('names the product and environment of the deepest application folder', () => {
    expect(
      placeChangedPaths(['apps/pay/prod/values.yaml'], folders, false),
    ).toEqual({ product: 'pay', environment: 'prod' });
    expect(placeChangedPaths(['README.md'], folders, false)).toEqual({
      product: 'values',
      environment: 'dev',
    });
  });

  it('names only what every changed path agrees on', () => {
    expect(
      placeChangedPaths(
        ['apps/pay/prod/values.yaml', 'apps/pay/dev/values.yaml'],
        folders,
        false,
      ),
    ).toEqual({ product: 'pay' });
    expect(
      placeChangedPaths(
        ['apps/pay/prod/values.yaml', 'apps/shop/prod/values.yaml'],
        folders,
        false,
      ),
    ).toEqual({ environment: 'prod' });
    expect(placeChangedPaths(undefined, folders, false)).toEqual({});
  });

  it('reads delivery documents by their names in the delivery repository only', () => {
    expect(placeChangedPaths(['products/pay.yaml'], [], true)).toEqual({
      product: 'pay',
    });
    expect(placeChangedPaths(['environments/prod.yml'], [], true)).toEqual({
      environment: 'prod',
    });
    expect(placeChangedPaths(['products/pay.yaml'], [], false)).toEqual({});
    expect(placeChangedPaths(['flows/standard.yaml'], [], true)).toEqual({});
  });
});
