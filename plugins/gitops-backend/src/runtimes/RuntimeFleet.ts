import {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ApplicationFilter,
  ApplicationSummary,
  ListResponse,
  RuntimeError,
  RuntimeHealth,
} from '@slipway/plugin-gitops-common';
import { compareApplications, compileFilter } from '../domain/applications';
import { summaryJson } from './ApplicationSnapshot';
import { RuntimeClock, systemClock } from './clock';
import { RuntimeConfig } from './config';
import { Runtime } from './Runtime';
import { NamedRead } from './RuntimeApplications';

/** A fan-out application list, with a ready-encoded form for the HTTP answer. */
export interface ApplicationListing extends ListResponse<ApplicationSummary> {
  /**
   * The list as UTF-8 JSON, joined from each app's cached serialisation and shared by identical
   * requests (lists can hold 10,000s of apps; answering must not re-encode them each time).
   */
  encoded(): Buffer;
}

/** Encoded lists kept for identical requests; bounded in bytes (a full 10,000-app list is ~10 MB). */
const MAX_RENDERED_BYTES = 24_000_000;

/**
 * `{"items":[...],"errors":[...]}` written straight into one buffer: no joined copy of a list that
 * can be 10s of MB.
 */
function encodeList(items: string[], errors: RuntimeError[]): Buffer {
  const head = '{"items":[';
  const tail = `],"errors":${JSON.stringify(errors)}}`;
  let size =
    head.length + Buffer.byteLength(tail) + Math.max(0, items.length - 1);
  for (const item of items) size += Buffer.byteLength(item);
  const out = Buffer.allocUnsafeSlow(size);
  let offset = out.write(head, 0, 'latin1');
  items.forEach((item, i) => {
    if (i > 0) out[offset++] = 0x2c; // ','
    offset += out.write(item, offset);
  });
  offset += out.write(tail, offset);
  return out;
}

/** All configured runtimes; fans reads out to them and keeps each failure to its own runtime. */
export class RuntimeFleet {
  private readonly runtimes: Map<string, Runtime>;
  /** JSON of recent answers by filter and snapshot versions: concurrent page loads share one string. */
  private readonly rendered = new Map<string, Buffer>();
  private renderedBytes = 0;
  private renderedGeneration = '';

  constructor(
    configs: RuntimeConfig[],
    cache: CacheService,
    logger: LoggerService,
    clock: RuntimeClock = systemClock,
  ) {
    const sorted = [...configs].sort((a, b) => a.name.localeCompare(b.name));
    this.runtimes = new Map(
      sorted.map(c => [
        c.name,
        new Runtime(c, cache, logger.child({ runtime: c.name }), clock),
      ]),
    );
  }

  all(): Runtime[] {
    return [...this.runtimes.values()];
  }

  get(name: string): Runtime {
    const runtime = this.runtimes.get(name);
    if (!runtime) throw new NotFoundError(`Unknown runtime '${name}'`);
    return runtime;
  }

  async listApplications(
    filter: ApplicationFilter,
  ): Promise<ApplicationListing> {
    const targets = filter.runtime ? [this.get(filter.runtime)] : this.all();
    const name = filter.name;
    const reads = await Promise.all(
      targets.map(
        (r): Promise<NamedRead> =>
          name ? r.applications.readNamed(name) : r.applications.read(),
      ),
    );
    // Runtimes answered by a targeted query load their full list now, after the answer is made.
    if (reads.some(r => r.targeted)) {
      setImmediate(() => targets.forEach(r => r.applications.warmUp()));
    }
    const matches = compileFilter(filter);
    const items: ApplicationSummary[] = [];
    const errors: RuntimeError[] = [];
    for (const { snapshot, targeted, error } of reads) {
      if (error) errors.push(error);
      let candidates: readonly ApplicationSummary[] = targeted ?? [];
      if (snapshot) {
        candidates = filter.product
          ? snapshot.forProduct(filter.product)
          : snapshot.items();
      }
      for (const app of candidates) if (matches(app)) items.push(app);
    }
    if (reads.some(r => r.targeted)) {
      // Not kept for later requests: the next one may already be answered from the snapshot.
      items.sort(compareApplications);
      return {
        items,
        errors,
        encoded: () => encodeList(items.map(summaryJson), errors),
      };
    }
    const key = JSON.stringify([
      filter.runtime,
      filter.name,
      filter.product,
      filter.environment,
      filter.health,
      filter.sync,
      filter.q,
      reads.map(r => r.snapshot?.version),
      errors,
    ]);
    return {
      items,
      errors,
      encoded: () =>
        this.render(key, () => encodeList(items.map(summaryJson), errors)),
    };
  }

  private render(key: string, build: () => Buffer): Buffer {
    // Answers rendered from older snapshots are never asked for again: drop them at once.
    const generation = this.all()
      .map(r => r.applications.current()?.version)
      .join(',');
    if (generation !== this.renderedGeneration) {
      this.rendered.clear();
      this.renderedBytes = 0;
      this.renderedGeneration = generation;
    }
    const known = this.rendered.get(key);
    if (known !== undefined) return known;
    const encoded = build();
    this.rendered.set(key, encoded);
    this.renderedBytes += encoded.length;
    for (const [oldKey, old] of this.rendered) {
      if (this.renderedBytes <= MAX_RENDERED_BYTES || oldKey === key) break;
      this.rendered.delete(oldKey);
      this.renderedBytes -= old.length;
    }
    return encoded;
  }

  async listRuntimes(): Promise<ListResponse<RuntimeHealth>> {
    const items = await Promise.all(this.all().map(r => r.health()));
    const errors = this.all().flatMap(r => {
      const error = r.healthError();
      return error ? [error] : [];
    });
    return { items, errors };
  }

  start(): void {
    for (const runtime of this.all()) runtime.start();
  }

  /** Schedules each runtime's refresh at its `refreshIntervalSeconds` on this replica, then starts watching. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    for (const runtime of this.all()) {
      const { refreshIntervalSeconds, timeoutMs } = runtime.config;
      await scheduler.scheduleTask({
        id: `gitops-runtime-refresh-${runtime.name}`,
        frequency: { seconds: refreshIntervalSeconds },
        timeout: { milliseconds: Math.max(3 * timeoutMs, 30_000) },
        scope: 'local',
        fn: () => runtime.refresh(),
      });
    }
    this.start();
  }

  stop(): void {
    for (const runtime of this.all()) runtime.stop();
  }
}
