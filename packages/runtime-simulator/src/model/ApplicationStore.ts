import { rfc3339 } from '../argocd/time';
import type { FieldsProjection } from '../fields';
import { AppRecord, appKey } from './AppRecord';
import { recordAppEvent } from './events';
import { deriveStatus, listForm } from './status';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type StoreListener = (type: WatchEventType, record: AppRecord) => void;

/**
 * The simulator's "etcd + informer": every Application, a monotonically increasing resourceVersion, change
 * notifications for the watch stream, and cached serialisations so a 5,000-item list is string joins.
 */
export class ApplicationStore {
  private readonly records = new Map<string, AppRecord>();
  private sorted: AppRecord[] | undefined;
  private version = 1000;
  private readonly listeners = new Set<StoreListener>();
  private listBodies = { version: -1, bodies: new Map<string, string>() };

  get resourceVersion(): string {
    return String(this.version);
  }

  get size(): number {
    return this.records.size;
  }

  get(namespace: string, name: string): AppRecord | undefined {
    return this.records.get(appKey(namespace, name));
  }

  /** All records, sorted by name (then namespace) as Argo CD sorts list results. */
  all(): AppRecord[] {
    if (!this.sorted) {
      this.sorted = [...this.records.values()].sort(
        (a, b) =>
          compare(a.app.metadata.name, b.app.metadata.name) ||
          compare(
            a.app.metadata.namespace ?? '',
            b.app.metadata.namespace ?? '',
          ),
      );
    }
    return this.sorted;
  }

  add(record: AppRecord): void {
    if (this.records.has(record.key)) {
      throw new Error(`application ${record.key} already exists`);
    }
    deriveStatus(record, rfc3339());
    this.stamp(record);
    this.records.set(record.key, record);
    this.sorted = undefined;
    this.emit('ADDED', record);
  }

  remove(record: AppRecord): void {
    if (!this.records.delete(record.key)) return;
    this.sorted = undefined;
    this.version++;
    this.emit('DELETED', record);
  }

  /**
   * Applies a change and re-derives status. Only a visible change bumps resourceVersion and generation
   * and notifies watchers (Argo CD de-duplicates identical consecutive states).
   */
  update(
    record: AppRecord,
    mutate: (record: AppRecord) => void = () => {},
  ): void {
    if (this.records.get(record.key) !== record) return;
    const before = signature(record);
    const { sync, health } = record.app.status;
    const [syncBefore, healthBefore] = [sync.status, health.status];
    mutate(record);
    deriveStatus(record, rfc3339());
    if (signature(record) === before) return;
    const after = record.app.status;
    if (after.sync.status !== syncBefore) {
      recordAppEvent(
        record,
        'ResourceUpdated',
        `Updated sync status: ${syncBefore} -> ${after.sync.status}`,
      );
    }
    if (after.health.status !== healthBefore) {
      recordAppEvent(
        record,
        'ResourceUpdated',
        `Updated health status: ${healthBefore} -> ${after.health.status}`,
      );
    }
    record.app.metadata.generation = (record.app.metadata.generation ?? 0) + 1;
    this.stamp(record);
    this.emit('MODIFIED', record);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A whole list response for one query, built again only after some app changed: portals poll the same
   * list over and over while nothing happens.
   */
  cachedList(query: string, build: () => string): string {
    if (this.listBodies.version !== this.version) {
      this.listBodies = { version: this.version, bodies: new Map() };
    }
    let body = this.listBodies.bodies.get(query);
    if (body === undefined) {
      body = build();
      if (this.listBodies.bodies.size >= 32) this.listBodies.bodies.clear();
      this.listBodies.bodies.set(query, body);
    }
    return body;
  }

  listJson(record: AppRecord): string {
    record.cache.listJson ??= JSON.stringify(listForm(record.app));
    return record.cache.listJson;
  }

  fullJson(record: AppRecord): string {
    record.cache.fullJson ??= JSON.stringify(record.app);
    return record.cache.fullJson;
  }

  projectedJson(record: AppRecord, projection: FieldsProjection): string {
    let json = record.cache.projections.get(projection.key);
    if (json === undefined) {
      json = JSON.stringify(projection.project(listForm(record.app)));
      record.cache.projections.set(projection.key, json);
    }
    return json;
  }

  private stamp(record: AppRecord): void {
    this.version++;
    record.app.metadata.resourceVersion = String(this.version);
    record.cache.listJson = undefined;
    record.cache.fullJson = undefined;
    record.cache.projections.clear();
  }

  private emit(type: WatchEventType, record: AppRecord): void {
    for (const listener of this.listeners) listener(type, record);
  }
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function signature(record: AppRecord): string {
  const { app } = record;
  return JSON.stringify([
    app.metadata.labels,
    app.metadata.annotations,
    app.spec,
    app.status,
    app.operation,
  ]);
}
