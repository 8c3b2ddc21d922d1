import type {
  AuditPage,
  AuditReconcileReport,
} from '@slipway/plugin-gitops-common';
import {
  createDeliveryRepo,
  DeliveryTestRepo,
} from '../../config/__testUtils__/deliveryRepo';
import {
  runtimeConfig,
  startGitopsBackend,
  startRuntime,
  TestRuntime,
} from '../../__testUtils__/gitopsBackend';
import {
  chart,
  createManifestRepo,
  ManifestRepo,
} from '../../__testUtils__/gitRepo';
import { LocalGitProvider } from '../../git/local/LocalGitProvider';
import { waitFor } from '../../__testUtils__/waitFor';
import { AUDIT_TASK_IDS } from '../../audit/auditTasks';

jest.setTimeout(120_000);

const PRODUCT = `apiVersion: slipway.dev/v1alpha1
kind: Product
metadata:
  name: pay
spec:
  owner: group:default/pay-team
  versionSource: { file: Chart.yaml, path: $.appVersion }
  promotion:
    files:
      - file: values.yaml
        paths: [$.image.tag]
`;

const ENVIRONMENT = `apiVersion: slipway.dev/v1alpha1
kind: Environment
metadata:
  name: dev
spec:
  tier: non-production
  order: 1
  targets:
    - runtime: audit
      cluster: in-cluster
      namespaces: [pay-dev]
`;

describe('the audit log joins the delivery and app repositories through the plugin', () => {
  let manifests: ManifestRepo;
  let delivery: DeliveryTestRepo;
  let runtime: TestRuntime;
  let gitops: Awaited<ReturnType<typeof startGitopsBackend>>;

  beforeAll(async () => {
    manifests = await createManifestRepo();
    await manifests.commit(chart('pay', 'dev', '1.0.0'), 'PAY-7 pay manifests');
    delivery = await createDeliveryRepo();
    await delivery.commit(
      {
        'environments/dev.yaml': ENVIRONMENT,
        'products/pay.yaml': PRODUCT,
      },
      'Add the pay product',
    );
    runtime = await startRuntime('audit', {
      applications: [
        {
          metadata: {
            name: 'pay-dev',
            namespace: 'argocd',
            annotations: { 'slipway.dev/product': 'pay' },
          },
          spec: {
            project: 'default',
            source: {
              repoURL: manifests.repoURL,
              path: 'apps/pay/dev',
              targetRevision: 'main',
            },
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace: 'pay-dev',
            },
          },
        },
      ],
    });
    gitops = await startGitopsBackend(
      [runtimeConfig(runtime, { kubernetes: false })],
      {
        gitops: {
          deliveryRepo: { url: delivery.url },
          git: { allowLocal: true },
          audit: { retentionDays: 30 },
        },
      },
    );
    await gitops.refresh('audit');
  });

  afterAll(async () => {
    await gitops?.stop();
    await runtime?.sim.close();
    await manifests?.cleanup();
    await delivery?.cleanup();
  });

  it('imports commits made outside Slipway and flags one that claims a release it does not belong to', async () => {
    // A hand-made commit with a Slipway-Release trailer naming no release Slipway has.
    const provider = new LocalGitProvider();
    const { sha: unaudited } = await provider.commit({
      repo: { url: manifests.repoURL, branch: 'main' },
      message: 'Promote pay 1.1.0 to dev',
      author: { name: 'Slipway', email: 'slipway@example.com' },
      trailers: { 'Slipway-Release': 'rel-crash' },
      changes: async () => [
        {
          path: 'apps/pay/dev/values.yaml',
          content: 'image:\n  tag: "1.1.0"\n',
        },
      ],
    });

    const gitEvents = await waitFor(async () => {
      await gitops.runTask(AUDIT_TASK_IDS.gitImport);
      const res = await gitops.api().get('/api/gitops/audit?action=git.commit');
      const page = res.body as AuditPage;
      // The app repository is found once the runtime's applications are placed on the board.
      return page.items.length === 3 && page;
    }, 60_000);
    expect(
      gitEvents.items.map(e => [e.actor, e.details.subject, e.source]).sort(),
    ).toEqual([
      ['git:Dana Developer <dana@example.com>', 'PAY-7 pay manifests', 'git'],
      [
        'git:Delivery Tester <delivery@example.com>',
        'Add the pay product',
        'git',
      ],
      ['git:Slipway <slipway@example.com>', 'Promote pay 1.1.0 to dev', 'git'],
    ]);
    expect(
      gitEvents.items.find(e => e.commitSha === unaudited)?.details,
    ).toMatchObject({
      flag: 'unknown-release',
      release: 'rel-crash',
      paths: ['apps/pay/dev/values.yaml'],
    });

    const report = (await gitops.api().get('/api/gitops/audit/reconcile'))
      .body as AuditReconcileReport;
    expect(report.repositories.map(r => r.repository).sort()).toEqual(
      [delivery.url, manifests.repoURL].sort(),
    );
    expect(report.missingAuditRows).toEqual([]);
    expect(report.flaggedCommits).toEqual([
      {
        repository: manifests.repoURL,
        commitSha: unaudited,
        release: 'rel-crash',
        flag: 'unknown-release',
      },
    ]);
    expect(report.missingCommits).toEqual([]);

    // Retention is scheduled because it is configured; recent events stay.
    await gitops.runTask(AUDIT_TASK_IDS.retention);
    expect(
      (
        (await gitops.api().get('/api/gitops/audit?action=git.commit'))
          .body as AuditPage
      ).items,
    ).toHaveLength(3);
  });
});
