import { createHash } from 'node:crypto';
import { rfc3339 } from './argocd/time';
import type {
  ApplicationSeed,
  RevisionHistory,
  RevisionMetadata,
} from './argocd/types';
import { GitError } from './git/GitRepository';
import { renderChart } from './manifests/renderHelmLike';
import type { RenderedRevision } from './manifests/types';
import { AppRecord, appKey, HealthOverride } from './model/AppRecord';
import type { ManifestSource } from './model/ManifestSource';
import { newApplication } from './model/newApplication';

/** Marks synthetic apps so they can be told apart (and replaced) without guessing from names. */
export const syntheticLabel = 'slipway.dev/synthetic';

const words = [
  'payments',
  'orders',
  'checkout',
  'catalog',
  'search',
  'billing',
  'identity',
  'notifications',
  'inventory',
  'shipping',
  'pricing',
  'reviews',
  'ledger',
  'fraud',
  'reporting',
  'loyalty',
  'accounts',
  'media',
  'recommendations',
  'gateway',
];
const roles = ['api', 'worker', 'web', 'consumer', 'scheduler'];
const environments = ['dev', 'qa', 'staging', 'prod'];
const teams = [
  'team-alpha',
  'team-bravo',
  'team-charlie',
  'team-delta',
  'team-echo',
];
const authors = [
  'Ada Lovelace <ada@example.com>',
  'Grace Hopper <grace@example.com>',
  'Alan Turing <alan@example.com>',
  'Katherine Johnson <katherine@example.com>',
  'slipway-bot <bot@slipway.dev>',
];

/** mulberry32: a tiny seeded PRNG so the same count always yields the same apps. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

interface SyntheticRevision {
  revision: string;
  tag: string;
  date: string;
  author: string;
}

/** Generated content for one app: a handful of released versions, no git behind it. */
class SyntheticSource implements ManifestSource {
  private readonly byRevision = new Map<string, SyntheticRevision>();
  private readonly renders = new Map<string, RenderedRevision>();

  constructor(
    private readonly service: string,
    private readonly namespace: string,
    private readonly releaseName: string,
    private readonly replicas: number,
    readonly revisions: SyntheticRevision[],
    private readonly head: SyntheticRevision,
  ) {
    for (const r of revisions) this.byRevision.set(r.revision, r);
  }

  private lookup(revision: string): SyntheticRevision {
    if (revision === 'main' || revision === 'HEAD') return this.head;
    const found = this.byRevision.get(revision);
    if (!found)
      throw new GitError(`unable to resolve '${revision}' to a commit SHA`);
    return found;
  }

  async resolve(revision: string): Promise<string> {
    return this.lookup(revision).revision;
  }

  async render(revision: string): Promise<RenderedRevision> {
    return this.renderSync(revision);
  }

  renderSync(revision: string): RenderedRevision {
    let rendered = this.renders.get(revision);
    if (!rendered) {
      const r = this.lookup(revision);
      rendered = renderChart({
        revision: r.revision,
        chart: { name: this.service, version: '0.1.0', appVersion: r.tag },
        values: {
          replicaCount: this.replicas,
          image: {
            repository: `ghcr.io/slipway-synthetic/${this.service}`,
            tag: r.tag,
          },
        },
        releaseName: this.releaseName,
        namespace: this.namespace,
      });
      this.renders.set(revision, rendered);
    }
    return rendered;
  }

  async revisionMetadata(revision: string): Promise<RevisionMetadata> {
    const r = this.lookup(revision);
    return {
      author: r.author,
      date: r.date,
      message: `chore(${this.service}): release ${r.tag}`,
    };
  }

  async initialHistory() {
    return this.revisions.map(r => ({
      revision: r.revision,
      committedAt: r.date,
    }));
  }
}

const healthMix: { upTo: number; health: HealthOverride }[] = [
  { upTo: 0.84, health: { status: 'Healthy' } },
  { upTo: 0.9, health: { status: 'Progressing' } },
  {
    upTo: 0.95,
    health: {
      status: 'Degraded',
      message: 'back-off 5m0s restarting failed container',
    },
  },
  { upTo: 0.97, health: { status: 'Suspended' } },
  { upTo: 0.985, health: { status: 'Missing' } },
  { upTo: 1, health: { status: 'Unknown' } },
];

/**
 * Generates `count` realistic apps (services × environments grouped into products, a health and sync
 * mix, images and deployment history) without touching git, for load tests and benchmarks.
 */
export function createSyntheticRecords(
  count: number,
  runtime: string,
  options: { reservedNames?: ReadonlySet<string>; now?: number } = {},
): AppRecord[] {
  const now = options.now ?? Date.now();
  const rand = random(count * 7919 + runtime.length);
  const records: AppRecord[] = [];
  const servicesPerProduct = 5;
  for (let i = 0; records.length < count; i++) {
    const serviceIndex = Math.floor(i / environments.length);
    const env = environments[i % environments.length];
    const word = words[serviceIndex % words.length];
    const role = roles[Math.floor(serviceIndex / words.length) % roles.length];
    const cycle = Math.floor(serviceIndex / (words.length * roles.length));
    const service =
      cycle > 0 ? `${word}-${role}-${cycle + 1}` : `${word}-${role}`;
    const product = `product-${Math.floor(serviceIndex / servicesPerProduct)}`;
    const name = `${service}-${env}`;
    // Seeded (git-backed) apps keep their names; the generator moves on to the next one.
    if (options.reservedNames?.has(name)) continue;
    const destinationNamespace = `${product}-${env}`;
    const seed: ApplicationSeed = {
      metadata: {
        name,
        namespace: 'argocd',
        labels: {
          'app.kubernetes.io/part-of': product,
          'slipway.dev/environment': env,
          team: teams[serviceIndex % teams.length],
          [syntheticLabel]: 'true',
        },
        annotations: { 'slipway.dev/product': product },
      },
      spec: {
        project: env === 'prod' ? 'production' : 'default',
        source: {
          repoURL: `https://git.synthetic.invalid/${product}/deploy.git`,
          path: `apps/${service}/${env}`,
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: destinationNamespace,
        },
        ...(env === 'prod'
          ? {}
          : { syncPolicy: { automated: { prune: true, selfHeal: true } } }),
      },
    };

    const releases = 1 + Math.floor(rand() * 10);
    const major = 1 + (serviceIndex % 3);
    const minor = Math.floor(rand() * 20);
    const revisions: SyntheticRevision[] = [];
    for (let r = 0; r <= releases; r++) {
      revisions.push({
        revision: sha(`${runtime}/${name}/${r}`),
        tag: `${major}.${minor}.${r}`,
        date: rfc3339(
          now -
            (releases + 1 - r) * 86_400_000 -
            Math.floor(rand() * 3_600_000),
        ),
        author: authors[Math.floor(rand() * authors.length)],
      });
    }
    const outOfSync = rand() < 0.08;
    const deployedRevisions = revisions.slice(
      0,
      outOfSync ? releases : releases + 1,
    );
    const head = revisions[outOfSync ? releases : releases];
    const healthRoll = rand();
    const baseHealth = healthMix.find(h => healthRoll < h.upTo)!.health;
    const source = new SyntheticSource(
      service,
      destinationNamespace,
      name,
      1 + Math.floor(rand() * 3),
      revisions,
      head,
    );
    const app = newApplication(seed, runtime, rfc3339(now - 90 * 86_400_000));
    const initiatedBy = seed.spec.syncPolicy
      ? { automated: true }
      : { username: 'admin' };
    const history: RevisionHistory[] = deployedRevisions
      .map((r, id) => ({
        id,
        revision: r.revision,
        deployStartedAt: rfc3339(new Date(r.date).getTime() + 60_000),
        deployedAt: rfc3339(new Date(r.date).getTime() + 95_000),
        source: seed.spec.source,
        initiatedBy,
      }))
      .slice(-10);
    const last = history[history.length - 1];
    app.status.history = history;
    app.status.operationState = {
      operation: { sync: { revision: last.revision }, initiatedBy },
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: last.deployStartedAt!,
      finishedAt: last.deployedAt,
      syncResult: { revision: last.revision, source: seed.spec.source },
    };
    app.status.reconciledAt = rfc3339(now - Math.floor(rand() * 180_000));
    records.push({
      key: appKey('argocd', name),
      origin: 'synthetic',
      app,
      source,
      target: source.renderSync(head.revision),
      live: source.renderSync(last.revision),
      rolloutNumber: history.length,
      baseHealth,
      events: [],
      cache: { projections: new Map() },
    });
  }
  return records;
}
