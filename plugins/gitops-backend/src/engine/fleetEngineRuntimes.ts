import type { RuntimeFleet } from '../runtimes/RuntimeFleet';
import { EngineRuntimes } from './types';

/** The runtime fleet as the engine uses it: fresh reads from Argo CD, refresh and sync. */
export function fleetEngineRuntimes(fleet: RuntimeFleet): EngineRuntimes {
  return {
    async application(ref, options) {
      const runtime = fleet.get(ref.runtime);
      const listed = options?.fresh
        ? undefined
        : runtime.applications.current()?.get(ref.namespace, ref.name);
      return listed ?? runtime.application(ref.namespace, ref.name);
    },
    async refresh(ref) {
      await fleet
        .get(ref.runtime)
        .refreshApplication(ref.namespace, ref.name, false);
    },
    async sync(ref) {
      await fleet.get(ref.runtime).sync(ref.namespace, ref.name, {});
    },
  };
}
