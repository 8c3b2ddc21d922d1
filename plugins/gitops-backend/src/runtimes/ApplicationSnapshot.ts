import { ApplicationSummary } from '@slipway/plugin-gitops-common';
import { applicationKey, compareApplications } from '../domain/applications';

let nextId = 1;

/**
 * Serialised apps, shared by all snapshots: an app unchanged by a refresh keeps its object and so its
 * JSON (a full list is a join of these, not a fresh JSON.stringify of every app).
 */
const serialised = new WeakMap<ApplicationSummary, string>();

/** The app as JSON, computed once per version of the app. */
export function summaryJson(app: ApplicationSummary): string {
  let text = serialised.get(app);
  if (text === undefined) {
    text = JSON.stringify(app);
    serialised.set(app, text);
  }
  return text;
}

/** The decoded application list of one runtime, indexed for the filters users hit most. */
export class ApplicationSnapshot {
  /** Identifies this snapshot and its version: changes whenever any app in it changes. */
  readonly id = nextId++;
  private changes = 0;
  readonly fetchedAt: number;
  readonly resourceVersion?: string;
  /** Items of the upstream list that could not be understood. */
  readonly skipped: number;
  private readonly byKey = new Map<string, ApplicationSummary>();
  private sorted?: ApplicationSummary[];
  private byProduct?: Map<string, ApplicationSummary[]>;

  constructor(options: {
    items: ApplicationSummary[];
    fetchedAt: number;
    resourceVersion?: string;
    skipped: number;
  }) {
    this.fetchedAt = options.fetchedAt;
    this.resourceVersion = options.resourceVersion;
    this.skipped = options.skipped;
    for (const app of options.items) {
      this.byKey.set(applicationKey(app.namespace, app.name), app);
    }
  }

  get version(): string {
    return `${this.id}.${this.changes}`;
  }

  get size(): number {
    return this.byKey.size;
  }

  get(namespace: string, name: string): ApplicationSummary | undefined {
    return this.byKey.get(applicationKey(namespace, name));
  }

  /** All apps sorted by namespace and name (computed once per change). */
  items(): ApplicationSummary[] {
    if (!this.sorted) {
      this.sorted = [...this.byKey.values()].sort(compareApplications);
    }
    return this.sorted;
  }

  forProduct(product: string): ApplicationSummary[] {
    if (!this.byProduct) {
      const index = new Map<string, ApplicationSummary[]>();
      for (const app of this.items()) {
        if (!app.product) continue;
        const list = index.get(app.product) ?? [];
        list.push(app);
        index.set(app.product, list);
      }
      this.byProduct = index;
    }
    return this.byProduct.get(product) ?? [];
  }

  upsert(app: ApplicationSummary): void {
    this.byKey.set(applicationKey(app.namespace, app.name), app);
    this.invalidate();
  }

  remove(namespace: string, name: string): void {
    if (this.byKey.delete(applicationKey(namespace, name))) this.invalidate();
  }

  /** Sets commit messages (by revision) on every app synced to one of them, as one change. */
  setRevisionMessages(messages: ReadonlyMap<string, string>): void {
    let changed = false;
    for (const app of this.byKey.values()) {
      const message = app.sync.revision && messages.get(app.sync.revision);
      if (message && app.revisionMessage !== message) {
        app.revisionMessage = message;
        serialised.delete(app);
        changed = true;
      }
    }
    if (changed) this.changes += 1;
  }

  private invalidate() {
    this.changes += 1;
    this.sorted = undefined;
    this.byProduct = undefined;
  }
}
