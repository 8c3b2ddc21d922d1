import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { rootRouteRef } from '../../routes';

function useRootRoute() {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    // The app mounts no Slipway page (e.g. only the entity tabs are used).
    return undefined;
  }
}

/** Paths below the Slipway page: a release's page and the audit view; undefined without the page. */
export function useSlipwayPaths() {
  const root = useRootRoute();
  const rootPath = root?.();
  const releasePath = useCallback(
    (id: string) =>
      rootPath === undefined
        ? undefined
        : `${rootPath.replace(/\/+$/, '')}/releases/${encodeURIComponent(id)}`,
    [rootPath],
  );
  return { rootPath, releasePath };
}
