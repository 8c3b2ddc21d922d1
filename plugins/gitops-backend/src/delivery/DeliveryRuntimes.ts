import {
  ApplicationSummary,
  RuntimeError,
} from '@slipway/plugin-gitops-common';
import { ClusterIdentity } from '../domain/mapping/mappableApplication';
import { RuntimeFleet } from '../runtimes/RuntimeFleet';

/** One runtime's applications as the board sees them, or why it has none. */
export interface RuntimeApplicationsRead {
  runtime: string;
  /** The runtime's snapshot list; the same array until the snapshot changes. */
  items?: readonly ApplicationSummary[];
  error?: RuntimeError;
}

/** What the delivery service needs of the runtimes. */
export interface DeliveryRuntimes {
  names(): string[];
  read(): Promise<RuntimeApplicationsRead[]>;
  /** Clusters each runtime knows, by runtime name; runtimes not probed yet are left out. */
  clusters(): Promise<ReadonlyMap<string, readonly ClusterIdentity[]>>;
  /**
   * The revisions an OutOfSync application last deployed (newest history entry): its `sync.revision`
   * is then the target Argo CD compared against, not what runs. `undefined` when unknown.
   */
  deployedRevisions(
    app: ApplicationSummary,
  ): Promise<{ revision?: string; revisions?: string[] } | undefined>;
}

const CLUSTERS_TTL_MS = 30_000;

/** The runtime fleet as the delivery service reads it; cluster lists are refreshed every 30 s at most. */
export function fleetRuntimes(fleet: RuntimeFleet): DeliveryRuntimes {
  let clusters:
    | { at: number; value: Promise<Map<string, ClusterIdentity[]>> }
    | undefined;
  const probe = async () => {
    const entries = await Promise.all(
      fleet.all().map(async runtime => {
        const health = await runtime.health();
        return [
          runtime.name,
          health.clusters.map(c => ({ name: c.name, server: c.server })),
        ] as const;
      }),
    );
    // A runtime that could not be probed is left out, so the matcher falls back to in-cluster.
    return new Map(entries.filter(([, list]) => list.length > 0));
  };
  // Keyed by the compared revision and the last operation: a new sync or a moved branch asks again.
  const deployed = new Map<
    string,
    Promise<{ revision?: string; revisions?: string[] } | undefined>
  >();
  return {
    names: () => fleet.all().map(runtime => runtime.name),
    deployedRevisions(app) {
      const key = `${app.runtime}/${app.namespace}/${app.name}@${
        app.sync.revision ?? ''
      }|${app.operation?.finishedAt ?? ''}`;
      let entry = deployed.get(key);
      if (!entry) {
        entry = fleet
          .get(app.runtime)
          .application(app.namespace, app.name)
          .then(
            detail => {
              const [last] = detail.history;
              return (
                last && { revision: last.revision, revisions: last.revisions }
              );
            },
            () => {
              deployed.delete(key);
              return undefined;
            },
          );
        deployed.set(key, entry);
        if (deployed.size > 20_000)
          deployed.delete(deployed.keys().next().value!);
      }
      return entry;
    },
    async read() {
      return Promise.all(
        fleet.all().map(async runtime => {
          const { snapshot, error } = await runtime.applications.read();
          return {
            runtime: runtime.name,
            ...(snapshot ? { items: snapshot.items() } : {}),
            ...(error ? { error } : {}),
          };
        }),
      );
    },
    async clusters() {
      if (!clusters) {
        clusters = { at: Date.now(), value: probe() };
        return clusters.value;
      }
      if (Date.now() - clusters.at >= CLUSTERS_TTL_MS) {
        // Refresh behind the current answer: requests never wait for a runtime's probe twice.
        const next = { at: Date.now(), value: probe() };
        next.value.then(
          () => {
            clusters = next;
          },
          () => undefined,
        );
        clusters.at = Date.now();
      }
      return clusters.value;
    },
  };
}
