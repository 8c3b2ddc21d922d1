import { createOpenApiRouter } from '../schema/openapi';

/** The router generated from `src/schema/openapi.yaml`: every route's params, query and body are typed and validated. */
export type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;
