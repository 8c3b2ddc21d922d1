import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** The Slipway page's path, or undefined in an app that does not mount it (e.g. only the entity tabs). */
export function useSlipwayRoot(): (() => string) | undefined {
  try {
    return useRouteRef(rootRouteRef);
  } catch {
    return undefined;
  }
}
