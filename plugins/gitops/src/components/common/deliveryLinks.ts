import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';
import type { Product } from '@slipway/plugin-gitops-common';
import { useCallback } from 'react';

const isHttp = (url: string) => /^https?:\/\//i.test(url);
const webBase = (repoUrl: string) =>
  repoUrl.replace(/\/+$/, '').replace(/\.git$/, '');

/** A file of an http(s) repository at a commit (or branch), GitHub and GitLab style; else undefined. */
export function repositoryFileUrl(
  repository: string,
  ref: string,
  file: string,
): string | undefined {
  if (!isHttp(repository) || !ref) return undefined;
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${webBase(repository)}/blob/${encodeURIComponent(ref)}/${path}`;
}

/** A commit of an http(s) repository; `file://` sandbox repositories have no web page. */
export function repositoryCommitUrl(
  repository: string | undefined,
  sha: string,
): string | undefined {
  if (!repository || !isHttp(repository)) return undefined;
  return `${webBase(repository)}/commit/${encodeURIComponent(sha)}`;
}

export function useEntityRoute() {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * Builds the link to the Delivery tab of a product's first catalog entity; undefined when the product
 * names no entity or the app mounts no catalog entity page.
 */
export function useDeliveryTabLink(): (product: Product) => string | undefined {
  const entityLink = useEntityDeliveryLink();
  return useCallback(
    (product: Product) => {
      const first = product.entities[0];
      if (!first) return undefined;
      try {
        return entityLink(parseEntityRef(first));
      } catch {
        return undefined;
      }
    },
    [entityLink],
  );
}

/** Builds the link to an entity's Delivery tab; undefined when the app mounts no entity page. */
export function useEntityDeliveryLink(): (
  ref: CompoundEntityRef,
) => string | undefined {
  const entityRoute = useEntityRoute();
  return useCallback(
    (ref: CompoundEntityRef) =>
      entityRoute
        ? `${entityRoute({
            kind: ref.kind.toLocaleLowerCase('en-US'),
            namespace: ref.namespace,
            name: ref.name,
          })}/delivery`
        : undefined,
    [entityRoute],
  );
}

function useRootRoute() {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    return undefined;
  }
}

/** Builds the link to the Applications tab filtered to a product in one environment; undefined without a Slipway page. */
export function useApplicationsLink(): (
  product: string,
  environment: string,
) => string | undefined {
  const root = useRootRoute();
  return useCallback(
    (product: string, environment: string) =>
      root
        ? `${root()}/applications?${new URLSearchParams({
            product,
            environment,
          })}`
        : undefined,
    [root],
  );
}
