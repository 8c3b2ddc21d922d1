import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type {
  ApplicationPromotionPreview,
  ApplicationRef,
  CreatePromotionResponse,
  EnvironmentSummary,
  ProductDetail,
  ProductSummary,
  PromotionPreview,
  PromotionRequest,
  Release,
  ReleaseFilter,
  ReleaseGate,
  ReleaseListResponse,
  ReleaseStep,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';

/** What the fake release engine reads from the rest of the fake backend. */
export interface FakeDeliverySource {
  environments: EnvironmentSummary[];
  products: ProductSummary[];
  productDetails: ProductDetail[];
}

export interface FakeReleasesOptions {
  releases?: Release[];
  /** Gates a promotion into each environment meets, e.g. `{ production: [approval] }`. */
  gates?: Record<string, ReleaseGate[]>;
  /** The signed-in user; the initiator of new releases, refused as their approver. */
  user?: string;
  /** The signed-in user's groups (default: the production approvers), for the approver rule. */
  groups?: string[];
  /** Move unfinished releases one state further on every `getRelease`, like a running engine. */
  advance?: boolean;
}

const FINISHED = new Set(['succeeded', 'failed', 'terminated']);
const STEP_ORDER: ReleaseStep['status'][] = [
  'pending',
  'committing',
  'syncing',
  'verifying',
  'succeeded',
];

const sha = (seed: string) => {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5).slice(0, 40);
};

const valueKey = (file: string) =>
  file === 'Chart.yaml' ? 'appVersion' : 'tag';

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function summarize(release: Release): ReleaseSummary {
  const { steps: _s, notes: _n, message: _m, ...summary } = clone(release);
  return summary;
}

/**
 * An in-memory promotion engine for the fake backend: previews and promotions answer from the
 * product's state, releases move through the step states, and the actions refuse what the real
 * routes refuse (approve by the initiator, retry of a release that did not fail, ...).
 */
export class FakeReleases {
  releases: Release[];
  gates: Record<string, ReleaseGate[]>;
  user: string;
  groups: string[];
  advance: boolean;
  /** Set to make previews and promotions fail with this error. */
  promotionError?: Error;
  /** Requests received, newest last, so tests can check what the dialog sent. */
  readonly requests: Array<{
    kind: 'preview' | 'create';
    product: string;
    request: PromotionRequest;
  }> = [];
  private sequence = 0;

  constructor(
    private readonly source: FakeDeliverySource,
    options: FakeReleasesOptions = {},
  ) {
    this.releases = options.releases ?? [];
    this.gates = options.gates ?? {};
    this.user = options.user ?? 'user:default/guest';
    this.groups = options.groups ?? ['group:default/production-approvers'];
    this.advance = options.advance ?? false;
    // New ids follow the highest numbered one given.
    this.sequence = Math.max(
      0,
      ...this.releases.map(r => Number(/(\d+)$/.exec(r.id)?.[1] ?? 0)),
    );
  }

  async preview(
    product: string,
    request: PromotionRequest,
  ): Promise<PromotionPreview> {
    this.requests.push({ kind: 'preview', product, request });
    return this.plan(product, request);
  }

  async create(
    product: string,
    request: PromotionRequest,
  ): Promise<CreatePromotionResponse> {
    this.requests.push({ kind: 'create', product, request });
    const plan = this.plan(product, request);
    const now = new Date().toISOString();
    const id = `rel-${String(++this.sequence).padStart(4, '0')}`;
    const release: Release = {
      id,
      product,
      kind: 'manual',
      version: plan.version,
      sourceEnvironment: plan.from,
      initiator: this.user,
      status: 'queued',
      environments: [{ environment: plan.to, status: 'pending' }],
      createdAt: now,
      updatedAt: now,
      message: plan.message,
      steps: [
        {
          environment: plan.to,
          dependsOn: [plan.from],
          action: plan.action,
          status: 'pending',
          gates: (this.gates[plan.to] ?? []).map(g => ({ ...g })),
          applications: plan.applications.map(a => ({
            application: a.application,
            repoURL: a.repoURL,
            branch: a.branch,
            path: a.path,
            status: 'pending',
          })),
        },
      ],
    };
    this.releases.push(release);
    return { releaseId: id };
  }

  async list(filter: ReleaseFilter = {}): Promise<ReleaseListResponse> {
    const items = this.releases
      .filter(
        r =>
          (!filter.product || r.product === filter.product) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.environment ||
            r.environments.some(e => e.environment === filter.environment)),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, filter.limit ?? 50)
      .map(summarize);
    return { items };
  }

  async get(id: string): Promise<Release> {
    const release = this.find(id);
    if (this.advance) this.step(release);
    const answer = clone(release);
    // Like the backend: a waiting approval says whether the signed-in user may give it.
    for (const gate of answer.steps.flatMap(s => s.gates)) {
      if (gate.type === 'manual-approval' && gate.status === 'waiting') {
        const refusal = this.refusal(release, gate);
        gate.canApprove = !refusal;
        if (refusal) gate.cannotApproveReason = refusal;
      }
    }
    return answer;
  }

  /** The backend's four-eyes rule: not the initiator, and named as an approver (or in a named group). */
  private refusal(release: Release, gate: ReleaseGate): string | undefined {
    if (release.initiator === this.user) {
      return 'You started this release, so someone else must approve it';
    }
    const approvers = gate.approvers ?? [];
    if (![this.user, ...this.groups].some(ref => approvers.includes(ref))) {
      return `Only ${approvers.join(', ')} may approve this step; ${
        this.user
      } is not one of them`;
    }
    return undefined;
  }

  async approve(id: string, comment?: string): Promise<Release> {
    const release = this.find(id);
    const gate = release.steps
      .flatMap(s => s.gates)
      .find(g => g.type === 'manual-approval' && g.status === 'waiting');
    if (!gate) {
      throw new ConflictError(`Release ${id} is not waiting for an approval`);
    }
    const refusal = this.refusal(release, gate);
    if (refusal) throw new NotAllowedError(refusal);
    gate.status = 'passed';
    gate.approvedBy = this.user;
    gate.approvedAt = new Date().toISOString();
    if (comment) gate.approvalComment = comment;
    release.status = 'running';
    return this.touch(release);
  }

  /** The backend's rules: a reason, a freeze holding the release, asked for once. */
  async requestFreezeOverride(id: string, reason: string): Promise<Release> {
    const gate = this.freezeGate(id);
    if (!reason.trim()) {
      throw new InputError('An emergency override of a freeze needs a reason');
    }
    if (gate.override) {
      throw new ConflictError(
        `An override of this freeze was already asked for by ${gate.override.requestedBy}`,
      );
    }
    gate.override = {
      reason: reason.trim(),
      requestedBy: this.user,
      requestedAt: new Date().toISOString(),
    };
    return this.touch(this.find(id));
  }

  /** Four eyes: neither the initiator nor whoever asked may allow it. */
  async approveFreezeOverride(id: string, comment?: string): Promise<Release> {
    const release = this.find(id);
    const gate = this.freezeGate(id);
    if (!gate.override) {
      throw new ConflictError(
        `Nobody asked for an override of the freeze holding release ${id}`,
      );
    }
    if (release.initiator === this.user) {
      throw new NotAllowedError(
        'You started this release, so someone else must approve its freeze override',
      );
    }
    if (gate.override.requestedBy === this.user) {
      throw new NotAllowedError(
        'You asked for this freeze override, so someone else must approve it',
      );
    }
    gate.override.approvedBy = this.user;
    gate.override.approvedAt = new Date().toISOString();
    if (comment) gate.override.approvalComment = comment;
    gate.status = 'passed';
    release.status = 'running';
    return this.touch(release);
  }

  private freezeGate(id: string): ReleaseGate {
    const gate = this.find(id)
      .steps.flatMap(s => s.gates)
      .find(
        g =>
          g.type === 'freeze-window' &&
          g.status === 'waiting' &&
          !g.override?.approvedBy,
      );
    if (!gate) throw new ConflictError(`Release ${id} is not held by a freeze`);
    return gate;
  }

  async retry(id: string): Promise<Release> {
    const release = this.find(id);
    if (release.status !== 'failed') {
      throw new ConflictError(
        `Release ${id} is ${release.status}; only a failed release can be retried`,
      );
    }
    for (const step of release.steps) {
      if (step.status === 'failed') {
        step.status = 'committing';
        step.error = undefined;
        for (const app of step.applications) {
          if (app.status === 'failed') {
            app.status = 'pending';
            app.error = undefined;
          }
        }
      }
    }
    release.status = 'running';
    release.error = undefined;
    release.finishedAt = undefined;
    return this.touch(release);
  }

  async terminate(id: string): Promise<Release> {
    const release = this.find(id);
    if (FINISHED.has(release.status)) {
      throw new ConflictError(`Release ${id} is already ${release.status}`);
    }
    for (const step of release.steps) {
      if (step.status !== 'succeeded' && step.status !== 'skipped') {
        step.status = 'terminated';
      }
    }
    release.status = 'terminated';
    release.finishedAt = new Date().toISOString();
    return this.touch(release);
  }

  private find(id: string): Release {
    const release = this.releases.find(r => r.id === id);
    if (!release) throw new NotFoundError(`No release ${id}`);
    return release;
  }

  private touch(release: Release): Release {
    release.updatedAt = new Date().toISOString();
    release.environments = release.steps.map(s => ({
      environment: s.environment,
      status: s.status,
    }));
    return clone(release);
  }

  /** One engine tick: the first runnable step moves one state on, unless a gate holds it. */
  private step(release: Release) {
    if (FINISHED.has(release.status)) return;
    const done = new Set(
      release.steps
        .filter(s => s.status === 'succeeded')
        .map(s => s.environment),
    );
    done.add(release.sourceEnvironment);
    const step = release.steps.find(
      s => !FINISHED.has(s.status) && s.dependsOn.every(d => done.has(d)),
    );
    if (!step) return;
    const holding = step.gates.find(
      g => g.status === 'waiting' || g.status === 'pending',
    );
    if (holding && step.status === 'pending') {
      holding.status = 'waiting';
      release.status = 'waiting';
      this.touch(release);
      return;
    }
    release.status = 'running';
    const next = STEP_ORDER[STEP_ORDER.indexOf(step.status) + 1] ?? 'succeeded';
    step.status = next;
    step.startedAt ??= new Date().toISOString();
    for (const app of step.applications) {
      if (next === 'syncing') {
        app.status = 'committed';
        app.commitSha = sha(`${release.id}/${app.application.name}`);
      } else if (next === 'verifying') {
        app.status = 'syncing';
        app.sync = 'Synced';
        app.health = 'Progressing';
      } else if (next === 'succeeded') {
        app.status = 'healthy';
        app.health = 'Healthy';
        app.finishedAt = new Date().toISOString();
      }
    }
    if (next === 'succeeded') step.finishedAt = new Date().toISOString();
    if (release.steps.every(s => s.status === 'succeeded')) {
      release.status = 'succeeded';
      release.finishedAt = new Date().toISOString();
    }
    this.touch(release);
  }

  private plan(product: string, request: PromotionRequest): PromotionPreview {
    if (this.promotionError) throw this.promotionError;
    const { environments, products, productDetails } = this.source;
    const summary = products.find(p => p.product.name === product);
    const detail = productDetails.find(p => p.product.name === product);
    if (!summary && !detail) {
      throw new NotFoundError(`No product named '${product}'`);
    }
    for (const name of [request.from, request.to]) {
      if (!environments.some(e => e.name === name)) {
        throw new InputError(`No environment named '${name}'`);
      }
    }
    if (request.from === request.to) {
      throw new InputError('A promotion needs two different environments');
    }
    const states = detail?.environments ?? summary!.environments;
    const sourceState = states.find(e => e.environment === request.from);
    const targetState = states.find(e => e.environment === request.to);
    const version = request.version ?? sourceState?.version;
    if (!version) {
      throw new InputError(
        `${product} runs no single version in ${request.from}; name the version to promote`,
      );
    }
    const files = (detail ?? summary!).product.promotion.files;
    const targets: ApplicationRef[] = detail
      ? detail.environments
          .find(e => e.environment === request.to)!
          .applications.map(a => ({
            runtime: a.runtime,
            namespace: a.namespace,
            name: a.name,
          }))
      : [
          {
            runtime: 'fake',
            namespace: 'argocd',
            name: `${product}-${request.to}`,
          },
        ];
    const current = targetState?.version ?? targetState?.versions[0];
    const applications: ApplicationPromotionPreview[] = targets.map(app => {
      const path = `apps/${app.name}`;
      const noChange = current === version;
      return {
        application: app,
        repoURL: 'https://github.com/example/manifests',
        branch: 'main',
        path,
        noChange,
        changes: noChange
          ? []
          : files.flatMap(f =>
              f.paths.map(p => ({
                file: `${path}/${f.file}`,
                path: p,
                from: current,
                to: version,
              })),
            ),
        files: files.map(f => ({
          path: `${path}/${f.file}`,
          diff: noChange
            ? ''
            : [
                `--- a/${path}/${f.file}`,
                `+++ b/${path}/${f.file}`,
                '@@ -1,3 +1,3 @@',
                ' # promoted by Slipway',
                `-${valueKey(f.file)}: ${current ?? ''}`,
                `+${valueKey(f.file)}: ${version}`,
                ' replicas: 2',
              ].join('\n'),
        })),
      };
    });
    const environment = environments.find(e => e.name === request.to)!;
    const now = Date.now();
    // Fixed windows only: the fake does not read schedules.
    const freezes = environment.freezeWindows
      .flatMap(w => ('start' in w ? [w] : []))
      .filter(w => Date.parse(w.start) <= now && now < Date.parse(w.end))
      .map(w => ({ type: 'freeze-window', reason: w.reason, until: w.end }));
    return {
      product,
      from: request.from,
      to: request.to,
      version,
      action: request.action ?? 'commit',
      message:
        request.message ??
        `Promote ${product} ${version} from ${request.from} to ${request.to}`,
      applications,
      gates: [
        ...freezes,
        ...(this.gates[request.to] ?? []).map(g => ({
          type: g.type,
          reason: g.reason,
          until: g.until,
        })),
      ],
    };
  }
}
