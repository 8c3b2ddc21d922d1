import type { Knex } from 'knex';
import { migratedDatabase } from '../../database/__testUtils__/testDatabases';
import {
  startWorldBackend,
  waitForVersion,
  World,
  WorldBackend,
} from './promotionWorld';

// Apart from promotionWorld.ts because the test databases need Jest, and the benchmarks load the world.

/** Versions the board must show, by product and environment, e.g. `{ shop: { dev: '1.1.0' } }`. */
export type BoardVersions = Record<string, Record<string, string>>;

/**
 * The gitops backend on a fresh SQLite database (unless `knex` is given), once the board shows `ready`:
 * by default the world's first versions, shop-api 1.1.0 in dev and 1.0.0 in prod.
 */
export async function startReadyBackend(
  world: World,
  options: {
    ready?: BoardVersions;
    knex?: Knex;
    promotions?: object;
    features?: any[];
    git?: object;
    config?: object;
    gates?: object;
  } = {},
): Promise<WorldBackend> {
  const knex = options.knex ?? (await migratedDatabase('SQLITE_3'));
  const backend = await startWorldBackend(
    world,
    knex,
    options.promotions,
    options.features,
    { git: options.git, config: options.config, gates: options.gates },
  );
  try {
    const ready = options.ready ?? { shop: { dev: '1.1.0', prod: '1.0.0' } };
    for (const [product, environments] of Object.entries(ready)) {
      for (const [environment, version] of Object.entries(environments)) {
        await waitForVersion(backend, product, environment, version);
      }
    }
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

/** Stops the backend, then the world: each only if it started. */
export async function stopWorld(world?: World, backend?: WorldBackend) {
  await backend?.stop();
  await world?.close();
}
