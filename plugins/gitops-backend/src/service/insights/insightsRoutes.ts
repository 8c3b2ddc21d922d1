import { NotFoundError } from '@backstage/errors';
import { gitopsApplicationReadPermission } from '@slipway/plugin-gitops-common';
import type { ChangeSearchService } from '../../insights/ChangeSearchService';
import type { DoraService } from '../../insights/DoraService';
import { ApiRouter } from '../apiRouter';
import { Authorizer } from '../authorize';
import { doraCsv } from './doraCsv';
import { parseDoraQuery } from './doraQuery';

export interface InsightsRoutesOptions {
  authorizer: Authorizer;
  /** Absent without a delivery repository: it says which environments are production-tier. */
  dora?: DoraService;
  /** `GET /changes`. */
  changes: ChangeSearchService;
}

/**
 * `GET /metrics/dora` (JSON, or CSV for `format=csv` / `Accept: text/csv`) and `GET /changes`, behind
 * the read permission.
 */
export function addInsightsRoutes(
  router: ApiRouter,
  { authorizer, dora, changes }: InsightsRoutesOptions,
): void {
  router.get('/changes', async (req, res) => {
    await authorizer.basic(req, gitopsApplicationReadPermission);
    res.json(await changes.search(req.query.q));
  });

  router.get('/metrics/dora', async (req, res) => {
    await authorizer.basic(req, gitopsApplicationReadPermission);
    if (!dora) {
      throw new NotFoundError(
        'No delivery repository is configured; DORA metrics need its production-tier environments (gitops.deliveryRepo)',
      );
    }
    const { format, ...query } = req.query;
    const report = await dora.report(parseDoraQuery(query, new Date()));
    const csv =
      format === 'csv' ||
      (format !== 'json' &&
        req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!csv) {
      res.json(report);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename=slipway-dora-${report.from.slice(
        0,
        10,
      )}-${report.to.slice(0, 10)}.csv`,
    );
    // The typed router describes the JSON answer; the CSV form is the same report as text.
    (res as unknown as { send(body: string): void }).send(doraCsv(report));
  });
}
