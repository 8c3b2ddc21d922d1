import { rfc3339 } from '../argocd/time';
import type { Application, ApplicationSeed } from '../argocd/types';
import { stableUid } from '../manifests/hash';

export const controlPlaneNamespace = 'argocd';

/** A fresh Application object from a seed, before the first reconcile fills in its status. */
export function newApplication(
  seed: ApplicationSeed,
  runtime: string,
  createdAt = rfc3339(),
): Application {
  const namespace = seed.metadata.namespace ?? controlPlaneNamespace;
  const spec = structuredClone(seed.spec);
  return {
    metadata: {
      name: seed.metadata.name,
      namespace,
      uid: stableUid(`${runtime}/${namespace}/${seed.metadata.name}`),
      generation: 1,
      creationTimestamp: createdAt,
      ...(seed.metadata.labels ? { labels: { ...seed.metadata.labels } } : {}),
      ...(seed.metadata.annotations
        ? { annotations: { ...seed.metadata.annotations } }
        : {}),
    },
    spec,
    status: {
      sync: {
        status: '',
        comparedTo: {
          source: spec.source ?? { repoURL: '' },
          destination: spec.destination,
        },
      },
      health: { status: 'Unknown' },
      summary: {},
      resourceHealthSource: 'appTree',
      controllerNamespace: controlPlaneNamespace,
    },
  };
}
