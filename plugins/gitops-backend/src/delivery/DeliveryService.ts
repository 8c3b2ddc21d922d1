import { InputError, NotFoundError } from '@backstage/errors';
import {
  ApplicationFilter,
  ApplicationRef,
  ApplicationSummary,
  DeliveryConfig,
  DeliveryConfigStatus,
  EnvironmentDiffResponse,
  EnvironmentTier,
  EnvironmentListResponse,
  ListResponse,
  ProductDetail,
  ProductFilter,
  ProductListResponse,
} from '@slipway/plugin-gitops-common';
import { compareApplications, compileFilter } from '../domain/applications';
import { componentOf } from '../domain/mapping/mappableApplication';
import {
  diffEnvironments,
  PromotableFiles,
} from '../domain/products/environmentDiff';
import { freezeStatus } from '../domain/releases/gates';
import { sourceFileLocation } from '../domain/versions/sourceFileLocation';
import { BoardModel, buildBoardModel } from './boardModel';
import { DeliveryConfigSource } from './DeliveryConfigSource';
import { DeliveryReader } from './DeliveryReader';
import { DeliveryRuntimes } from './DeliveryRuntimes';
import { GitReads } from './GitReads';

export interface DeliveryServiceOptions {
  config: DeliveryConfigSource;
  runtimes: DeliveryRuntimes;
  git: GitReads;
  /**
   * How long a computed board is served before it is recomputed in the background to pick up moved
   * target branches (drift). A new config commit or runtime snapshot recomputes at once. Default 5 s.
   */
  maxAgeMs?: number;
}

interface CachedModel {
  commit: string;
  lists: readonly (readonly ApplicationSummary[] | undefined)[];
  errors: string;
  builtAt: number;
  model: Promise<BoardModel>;
}

function sameInputs(
  cached: CachedModel,
  commit: string,
  lists: readonly (readonly ApplicationSummary[] | undefined)[],
  errors: string,
) {
  return (
    cached.commit === commit &&
    cached.errors === errors &&
    cached.lists.length === lists.length &&
    cached.lists.every((list, i) => list === lists[i])
  );
}

/**
 * Products and environments as the runtimes run them: the delivery config joined with every runtime's
 * application snapshot, each application's version read at its synced revision.
 */
export class DeliveryService implements DeliveryReader {
  private cached?: CachedModel;
  private serialised?: { model: BoardModel; json: string };
  private readonly maxAgeMs: number;

  constructor(private readonly options: DeliveryServiceOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
  }

  configStatus(): Promise<DeliveryConfigStatus> {
    return this.options.config.status();
  }

  async environments(): Promise<EnvironmentListResponse> {
    const model = await this.model();
    // Worked out per answer, not per model: a cached model must not miss a freeze that began.
    const now = new Date();
    return {
      items: model.environments.map(environment => {
        const freeze = freezeStatus(environment, now);
        return freeze.frozen
          ? {
              ...environment,
              frozen: {
                reason: freeze.reason,
                until: freeze.until,
                ...(freeze.timeZone ? { timeZone: freeze.timeZone } : {}),
              },
            }
          : environment;
      }),
      errors: model.errors,
      unassigned: model.unassignedCounts,
    };
  }

  async products(filter: ProductFilter = {}): Promise<ProductListResponse> {
    const model = await this.model();
    const owner = filter.owner?.toLocaleLowerCase('en-US');
    const q = filter.q?.trim().toLocaleLowerCase('en-US');
    const items = model.summaries.filter(({ product }) => {
      if (owner && product.owner.toLocaleLowerCase('en-US') !== owner) {
        return false;
      }
      return (
        !q ||
        [product.name, product.title, product.description ?? ''].some(text =>
          text.toLocaleLowerCase('en-US').includes(q),
        )
      );
    });
    return { items, errors: model.errors, unassigned: model.unassigned };
  }

  /**
   * `GET /products` as JSON. The unfiltered answer (what the board asks for, 500 products ≈ 0.6 MB) is
   * serialised once per board model rather than on every request.
   */
  async productsJson(filter: ProductFilter = {}): Promise<string> {
    if (filter.owner || filter.q?.trim()) {
      return JSON.stringify(await this.products(filter));
    }
    const model = await this.model();
    if (this.serialised?.model !== model) {
      this.serialised = {
        model,
        json: JSON.stringify({
          items: model.summaries,
          errors: model.errors,
          unassigned: model.unassigned,
        }),
      };
    }
    return this.serialised.json;
  }

  async product(name: string): Promise<ProductDetail> {
    const model = await this.model();
    const state = model.products.find(p => p.product.name === name);
    if (!state) {
      throw new NotFoundError(
        `Unknown product '${name}'; products are defined in products/*.yaml of the delivery repository`,
      );
    }
    return {
      ...state,
      unassigned: model.unassigned.filter(app => app.product === name),
      errors: model.errors,
    };
  }

  async diff(
    name: string,
    from: string,
    to: string,
  ): Promise<EnvironmentDiffResponse> {
    const model = await this.model();
    const product = model.config.products.find(p => p.name === name);
    if (!product) throw new NotFoundError(`Unknown product '${name}'`);
    for (const environment of [from, to]) {
      if (!model.config.environments.some(e => e.name === environment)) {
        throw new InputError(
          `Unknown environment '${environment}'; environments: ${model.config.environments
            .map(e => e.name)
            .join(', ')}`,
        );
      }
    }
    const side = async (environment: string) => ({
      environment,
      applications: await Promise.all(
        (model.applications.get(name)?.get(environment) ?? []).map(app =>
          this.promotableFiles(app, environment, product.promotion.files),
        ),
      ),
    });
    const [left, right] = await Promise.all([side(from), side(to)]);
    return {
      ...diffEnvironments(product, left, right),
      errors: model.errors,
    };
  }

  /**
   * Applications of a product and/or environment as the delivery config places them; `undefined` when
   * the filter names neither (the caller lists the runtimes as they are).
   */
  async applications(
    filter: ApplicationFilter,
  ): Promise<ListResponse<ApplicationSummary> | undefined> {
    if (!filter.product && !filter.environment) return undefined;
    const model = await this.model();
    const rest = compileFilter({
      ...filter,
      product: undefined,
      environment: undefined,
    });
    const items: ApplicationSummary[] = [];
    for (const [product, byEnvironment] of model.applications) {
      if (filter.product && product !== filter.product) continue;
      for (const [environment, apps] of byEnvironment) {
        if (filter.environment && environment !== filter.environment) continue;
        for (const app of apps) {
          if (rest(app)) items.push({ ...app, product, environment });
        }
      }
    }
    // An app placed only half (a product but no environment, or the reverse) still answers a filter on
    // the half that is known.
    for (const placed of model.partlyPlaced) {
      if (filter.product && placed.product !== filter.product) continue;
      if (filter.environment && placed.environment !== filter.environment) {
        continue;
      }
      if (rest(placed.app)) {
        items.push({
          ...placed.app,
          ...(placed.product ? { product: placed.product } : {}),
          ...(placed.environment ? { environment: placed.environment } : {}),
        });
      }
    }
    const errors = filter.runtime
      ? model.errors.filter(e => e.runtime === filter.runtime)
      : model.errors;
    return {
      items: (filter.runtime
        ? items.filter(app => app.runtime === filter.runtime)
        : items
      ).sort(compareApplications),
      errors,
    };
  }

  private async promotableFiles(
    app: ApplicationSummary,
    environment: string,
    files: readonly { file: string }[],
  ): Promise<PromotableFiles> {
    const texts: Record<string, string | undefined> = {};
    await Promise.all(
      files.map(async ({ file }) => {
        const location = sourceFileLocation(app, file);
        if ('problem' in location) return;
        const reading = await this.options.git.readFile(
          location.repoURL,
          location.revision,
          location.path,
        );
        if ('text' in reading) texts[file] = reading.text;
      }),
    );
    return {
      application: {
        runtime: app.runtime,
        namespace: app.namespace,
        name: app.name,
      },
      component: componentOf(app, environment),
      files: texts,
    };
  }

  /** The whole board model (config, applications per product and environment, versions): the promotion engine reads it. */
  board(): Promise<BoardModel> {
    return this.model();
  }

  /** Where the delivery config places one application: product, environment and that environment's tier. */
  async placement(
    ref: ApplicationRef,
  ): Promise<
    | { product?: string; environment?: string; tier?: EnvironmentTier }
    | undefined
  > {
    const model = await this.model();
    const same = (app: ApplicationSummary) =>
      app.runtime === ref.runtime &&
      app.namespace === ref.namespace &&
      app.name === ref.name;
    const tierOf = (environment?: string) =>
      model.config.environments.find(e => e.name === environment)?.tier;
    for (const [product, byEnvironment] of model.applications) {
      for (const [environment, apps] of byEnvironment) {
        if (apps.some(same)) {
          return { product, environment, tier: tierOf(environment) };
        }
      }
    }
    const partly = model.partlyPlaced.find(p => same(p.app));
    return (
      partly && {
        product: partly.product,
        environment: partly.environment,
        tier: tierOf(partly.environment),
      }
    );
  }

  /** The delivery config at the repository's head, without the runtimes. */
  config(): Promise<DeliveryConfig> {
    return this.options.config.load();
  }

  /** The board for the current config and snapshots; recomputed only when one of them changed. */
  private async model(): Promise<BoardModel> {
    const [config, reads] = await Promise.all([
      this.options.config.load(),
      this.options.runtimes.read(),
    ]);
    const lists = reads.map(read => read.items);
    const errors = reads.flatMap(read => (read.error ? [read.error] : []));
    const errorKey = JSON.stringify(errors);
    const cached = this.cached;
    if (cached && sameInputs(cached, config.commit, lists, errorKey)) {
      if (Date.now() - cached.builtAt >= this.maxAgeMs) {
        cached.builtAt = Date.now();
        const next = { ...cached, model: this.build(config, lists, errors) };
        next.model.then(
          () => {
            if (this.cached === cached) this.cached = next;
          },
          () => undefined,
        );
      }
      return cached.model;
    }
    const entry: CachedModel = {
      commit: config.commit,
      lists,
      errors: errorKey,
      builtAt: Date.now(),
      model: this.build(config, lists, errors),
    };
    this.cached = entry;
    entry.model.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.model;
  }

  private async build(
    config: BoardModel['config'],
    lists: readonly (readonly ApplicationSummary[] | undefined)[],
    errors: BoardModel['errors'],
  ): Promise<BoardModel> {
    return buildBoardModel(
      {
        config,
        apps: lists.flatMap(list => list ?? []),
        errors,
        clusters: await this.options.runtimes.clusters(),
      },
      { git: this.options.git, runtimes: this.options.runtimes },
    );
  }
}
