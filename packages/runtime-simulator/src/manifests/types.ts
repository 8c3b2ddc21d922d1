/** A rendered Kubernetes object (what a real repo-server would return from `helm template`). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The desired state of an app at one revision. */
export interface RenderedRevision {
  revision: string;
  manifests: KubeObject[];
  images: string[];
  replicas: number;
  sourceType: 'Helm' | 'Directory';
}

export class ManifestError extends Error {}

export function groupVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}
