import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { releaseRouteRef } from '../../routes';

function useReleaseRoute() {
  try {
    return useRouteRef(releaseRouteRef);
  } catch {
    // The app mounts no Slipway page (e.g. only the entity tabs): releases have no page to link to.
    return undefined;
  }
}

/** Builds the link to a release's page; undefined when the app mounts no Slipway page. */
export function useReleaseLink(): (id: string) => string | undefined {
  const route = useReleaseRoute();
  return useCallback(
    (id: string) => (route ? route({ id }) : undefined),
    [route],
  );
}
