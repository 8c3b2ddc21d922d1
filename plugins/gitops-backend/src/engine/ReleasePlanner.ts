import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  ApplicationSummary,
  PromotionFlow,
  PromotionRequest,
  ReleaseKind,
} from '@slipway/plugin-gitops-common';
import { randomUUID } from 'node:crypto';
import { ReleaseStore } from '../database/releases/ReleaseStore';
import { ReleaseRecord, StoredStep } from '../database/releases/types';
import { newStep, promotionSources, stepApplications } from './targets';
import { BoardModel } from '../delivery/boardModel';

const MAX_MESSAGE = 10_000;

function environmentNamed(snapshot: BoardModel, name: string) {
  const environment = snapshot.config.environments.find(e => e.name === name);
  if (!environment) {
    throw new InputError(
      `Unknown environment '${name}'; environments: ${snapshot.config.environments
        .map(e => e.name)
        .join(', ')}`,
    );
  }
  return environment;
}

function productNamed(snapshot: BoardModel, name: string) {
  const product = snapshot.config.products.find(p => p.name === name);
  if (!product) {
    throw new NotFoundError(
      `Unknown product '${name}'; products are defined in products/*.yaml of the delivery repository`,
    );
  }
  return product;
}

/**
 * The product's applications in an environment. A runtime of the environment that is not answering
 * and shows none of them leaves "which applications" unknown, not "none": a 503 naming the runtime.
 */
function appsOf(
  snapshot: BoardModel,
  product: string,
  environment: string,
): ApplicationSummary[] {
  const apps = snapshot.applications.get(product)?.get(environment) ?? [];
  const runtimes = new Set(
    snapshot.config.environments
      .find(e => e.name === environment)
      ?.targets.map(t => t.runtime),
  );
  const unknown = snapshot.errors.filter(
    e => runtimes.has(e.runtime) && !apps.some(a => a.runtime === e.runtime),
  );
  if (unknown.length > 0) {
    throw new ServiceUnavailableError(
      `Cannot tell which applications of '${product}' run in ${environment}: ${unknown
        .map(e => `runtime '${e.runtime}' did not answer (${e.message})`)
        .join('; ')}`,
    );
  }
  return apps;
}

/** The version an environment runs, as the board shows it. */
export function environmentVersion(
  snapshot: BoardModel,
  product: string,
  environment: string,
): string | undefined {
  return snapshot.products
    .find(p => p.product.name === product)
    ?.environments.find(e => e.environment === environment)?.version;
}

/**
 * Turns a promotion request (or an automatic flow trigger) into a release record, checking every
 * input against the delivery config and the runtimes so that a bad request is a clear 400/404 and
 * never a release that fails later.
 */
export class ReleasePlanner {
  constructor(private readonly options: { store: ReleaseStore }) {}

  async manual(
    snapshot: BoardModel,
    productName: string,
    request: PromotionRequest,
    initiator: string,
  ): Promise<ReleaseRecord> {
    const product = productNamed(snapshot, productName);
    if (typeof request?.from !== 'string' || typeof request?.to !== 'string') {
      throw new InputError(
        'A promotion needs "from" and "to": the source and target environment names',
      );
    }
    const from = environmentNamed(snapshot, request.from);
    const to = environmentNamed(snapshot, request.to);
    if (from.name === to.name) {
      throw new InputError(
        `"from" and "to" are both '${from.name}'; a promotion moves a version to another environment`,
      );
    }
    if (request.message !== undefined && request.message.length > MAX_MESSAGE) {
      throw new InputError(
        `The commit message is longer than ${MAX_MESSAGE} characters`,
      );
    }
    const sourceApps = appsOf(snapshot, product.name, from.name);
    if (sourceApps.length === 0) {
      throw new InputError(
        `Product '${product.name}' has no applications in ${from.name} to promote from`,
      );
    }
    const targetApps = appsOf(snapshot, product.name, to.name);
    if (targetApps.length === 0) {
      throw new InputError(
        `Product '${product.name}' has no applications in ${to.name}; create them (an Argo CD Application per component) before promoting`,
      );
    }

    const running = environmentVersion(snapshot, product.name, from.name);
    let version = request.version?.trim() || running;
    let kind: ReleaseKind = 'manual';
    let sources = promotionSources(sourceApps, from.name);
    if (!version) {
      throw new InputError(
        `The applications of '${product.name}' in ${from.name} do not run one version; name the version to promote`,
      );
    }
    if (version !== running) {
      // A version the source no longer runs: take the revision it was promoted from before (rollback).
      const earlier = await this.options.store.sourceRevisionOf(
        product.name,
        version,
      );
      if (!earlier?.sourceRevision) {
        throw new InputError(
          `Version '${version}' of '${product.name}' is not running in ${
            from.name
          }${
            running ? ` (it runs ${running})` : ''
          } and no earlier release promoted it, so its manifests are unknown; promote the version ${
            from.name
          } runs, or a version from the release history`,
        );
      }
      kind = 'rollback';
      version = earlier.version;
      sources = Object.fromEntries(
        Object.entries(sources).map(([component, source]) => [
          component,
          {
            ...source,
            revision:
              earlier.plan.sources[component]?.revision ??
              earlier.sourceRevision!,
          },
        ]),
      );
    }

    const flow = snapshot.config.flows.find(
      f =>
        product.flows.includes(f.name) &&
        f.steps.some(s => s.environment === to.name),
    );
    const flowStep = flow?.steps.find(s => s.environment === to.name);
    if (
      request.action !== undefined &&
      request.action !== 'commit' &&
      request.action !== 'pull-request'
    ) {
      throw new InputError(
        `Unknown action '${request.action}'; use 'commit' or 'pull-request'`,
      );
    }
    const action = request.action ?? flowStep?.action ?? 'commit';
    const step = newStep({
      environment: to,
      dependsOn: [from.name],
      action,
      flowStep,
      applications: stepApplications(targetApps, to.name, sources, from.name),
    });
    return this.record({
      product: product.name,
      kind,
      version,
      sourceEnvironment: from.name,
      initiator,
      message: request.message,
      steps: [step],
      sources,
      action: request.action,
    });
  }

  /** A release of a flow, started by a new version in the trigger environment. */
  async flow(
    snapshot: BoardModel,
    productName: string,
    flow: PromotionFlow,
    version: string,
    initiator: string,
  ): Promise<ReleaseRecord> {
    const product = productNamed(snapshot, productName);
    const trigger = flow.trigger.environment;
    const sources = promotionSources(
      appsOf(snapshot, product.name, trigger),
      trigger,
    );
    const steps: StoredStep[] = flow.steps.map(flowStep =>
      newStep({
        environment: environmentNamed(snapshot, flowStep.environment),
        dependsOn: flowStep.dependsOn,
        action: flowStep.action,
        flowStep,
        applications: stepApplications(
          appsOf(snapshot, product.name, flowStep.environment),
          flowStep.environment,
          sources,
          trigger,
        ),
      }),
    );
    const record = await this.record({
      product: product.name,
      kind: 'flow',
      version,
      sourceEnvironment: trigger,
      initiator,
      steps,
      sources,
    });
    record.flow = flow.name;
    return record;
  }

  private async record(input: {
    product: string;
    kind: ReleaseKind;
    version: string;
    sourceEnvironment: string;
    initiator: string;
    message?: string;
    steps: StoredStep[];
    sources: ReleaseRecord['plan']['sources'];
    action?: ReleaseRecord['plan']['action'];
  }): Promise<ReleaseRecord> {
    const now = new Date().toISOString();
    const [firstSource] = Object.values(input.sources);
    // Release notes are collected by the engine once the first step committed (off the request path).
    return {
      id: randomUUID(),
      product: input.product,
      kind: input.kind,
      version: input.version,
      sourceEnvironment: input.sourceEnvironment,
      ...(firstSource ? { sourceRevision: firstSource.revision } : {}),
      initiator: input.initiator,
      status: 'queued',
      environments: input.steps.map(s => ({
        environment: s.environment,
        status: s.status,
      })),
      createdAt: now,
      updatedAt: now,
      steps: input.steps,
      ...(input.message?.trim() ? { message: input.message.trim() } : {}),
      plan: {
        sources: input.sources,
        ...(input.action ? { action: input.action } : {}),
      },
      rowVersion: 0,
      attempt: 0,
      nextRunAt: now,
    };
  }
}
