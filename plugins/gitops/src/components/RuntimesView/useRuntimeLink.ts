import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { runtimeRouteRef } from '../../routes';

function useRuntimeRoute() {
  try {
    return useRouteRef(runtimeRouteRef);
  } catch {
    // The app mounts no Slipway page (e.g. only the entity tabs): runtimes have no page to link to.
    return undefined;
  }
}

/** Builds the link to a runtime's page; undefined when the app mounts no Slipway page. */
export function useRuntimeLink(): (name: string) => string | undefined {
  const route = useRuntimeRoute();
  return useCallback(
    (name: string) => (route ? route({ name }) : undefined),
    [route],
  );
}
