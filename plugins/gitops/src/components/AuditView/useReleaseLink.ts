import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { releaseRouteRef, rootRouteRef } from '../../routes';

// Both throw when the app mounts no Slipway page (e.g. only the entity tabs are used).
function useRootRoute() {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    return undefined;
  }
}

function useReleaseRoute() {
  try {
    return useRouteRef(releaseRouteRef);
  } catch {
    return undefined;
  }
}

/** Paths below the Slipway page: a release's page and the page itself; undefined without the page. */
export function useSlipwayPaths() {
  const root = useRootRoute();
  const release = useReleaseRoute();
  const rootPath = root?.();
  const releasePath = useCallback((id: string) => release?.({ id }), [release]);
  return { rootPath, releasePath };
}
