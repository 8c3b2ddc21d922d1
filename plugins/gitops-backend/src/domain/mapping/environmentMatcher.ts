import { Environment } from '@slipway/plugin-gitops-common';
import {
  ClusterIdentity,
  IN_CLUSTER,
  MappableApplication,
} from './mappableApplication';

function normalise(cluster: string): string {
  return cluster.trim().replace(/\/+$/, '');
}

/** Every way the application's destination cluster can be written: server URL and name. */
function clusterIdentities(
  app: MappableApplication,
  clusters: readonly ClusterIdentity[],
): Set<string> {
  const server = app.destination.server && normalise(app.destination.server);
  const name = app.destination.name;
  const identities = new Set<string>();
  if (server) identities.add(server);
  if (name) identities.add(name);
  for (const cluster of clusters) {
    if (normalise(cluster.server) === server || cluster.name === name) {
      identities.add(normalise(cluster.server));
      identities.add(cluster.name);
    }
  }
  return identities;
}

export interface EnvironmentMatcherOptions {
  /** Clusters of each runtime by name; runtimes left out are assumed to know only `in-cluster`. */
  clusters?: ReadonlyMap<string, readonly ClusterIdentity[]>;
}

/**
 * Builds a function returning the names of the environments whose targets match an application's
 * destination: same runtime, same cluster (by server URL or name), a listed namespace (or none listed).
 */
export function compileEnvironmentMatcher(
  environments: readonly Environment[],
  options: EnvironmentMatcherOptions = {},
): (app: MappableApplication) => string[] {
  const byRuntime = new Map<
    string,
    { environment: string; cluster: string; namespaces: Set<string> }[]
  >();
  for (const environment of environments) {
    for (const target of environment.targets) {
      const list = byRuntime.get(target.runtime) ?? [];
      list.push({
        environment: environment.name,
        cluster: normalise(target.cluster),
        namespaces: new Set(target.namespaces),
      });
      byRuntime.set(target.runtime, list);
    }
  }
  // Apps share few destinations; resolve each runtime/server/name once.
  const identityCache = new Map<string, Set<string>>();
  return app => {
    const targets = byRuntime.get(app.runtime);
    if (!targets) return [];
    const cacheKey = `${app.runtime}\n${app.destination.server ?? ''}\n${
      app.destination.name ?? ''
    }`;
    let identities = identityCache.get(cacheKey);
    if (!identities) {
      identities = clusterIdentities(
        app,
        options.clusters?.get(app.runtime) ?? [IN_CLUSTER],
      );
      identityCache.set(cacheKey, identities);
    }
    const namespace = app.destination.namespace;
    const matches: string[] = [];
    for (const target of targets) {
      if (
        identities.has(target.cluster) &&
        (target.namespaces.size === 0 ||
          (namespace !== undefined && target.namespaces.has(namespace))) &&
        !matches.includes(target.environment)
      ) {
        matches.push(target.environment);
      }
    }
    return matches;
  };
}
