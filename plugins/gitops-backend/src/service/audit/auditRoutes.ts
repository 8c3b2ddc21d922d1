import { gitopsAuditReadPermission } from '@slipway/plugin-gitops-common';
import type { AuditFilter } from '@slipway/plugin-gitops-common';
import { Request, Response } from 'express';
import { AuditStore } from '../../database/audit/AuditStore';
import { MAX_AUDIT_PAGE_SIZE } from '../../database/audit/auditQuery';
import { ApiRouter } from '../apiRouter';
import { Authorizer } from '../authorize';
import { AuditReconciler } from '../../audit/AuditReconciler';
import { csvHeader, csvRows } from './auditCsv';

export interface AuditRoutesOptions {
  store: AuditStore;
  authorizer: Authorizer;
  /** Compares the log with the Git history (`GET /audit/reconcile`). */
  reconciler: AuditReconciler;
}

function wantsCsv(req: Request<any, any, any, any>): boolean {
  if (req.query.format === 'csv') return true;
  if (req.query.format === 'json') return false;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** Streams the filtered log page by page, so an export of millions of rows never sits in memory. */
async function streamCsv(
  store: AuditStore,
  filter: AuditFilter,
  res: Response,
) {
  const pages = store.pages({ ...filter, limit: MAX_AUDIT_PAGE_SIZE });
  // The first page is read before any byte is sent, so a bad filter is still a 400.
  const first = await pages.next();
  const date = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename=slipway-audit-${date}.csv`,
  );
  res.setHeader('Cache-Control', 'no-store');
  // Waits for the client to read what was sent; a client that went away ends the export.
  const write = async (text: string) => {
    if (res.write(text) || res.destroyed) return;
    await new Promise(resolve => {
      res.once('drain', resolve);
      res.once('close', resolve);
    });
  };
  await write(csvHeader() + (first.done ? '' : csvRows(first.value)));
  if (!first.done) {
    for await (const items of pages) {
      if (res.destroyed) return;
      await write(csvRows(items));
    }
  }
  res.end();
}

/**
 * `GET /audit` (JSON, or CSV for `format=csv` / `Accept: text/csv`) and `GET /audit/reconcile`, both
 * behind the audit read permission.
 */
export function addAuditRoutes(
  router: ApiRouter,
  { store, authorizer, reconciler }: AuditRoutesOptions,
): void {
  router.get('/audit', async (req, res) => {
    await authorizer.basic(req, gitopsAuditReadPermission);
    const { format: _format, ...filter } = req.query;
    if (wantsCsv(req)) {
      // An export is everything the filter matches (from the cursor on), not one page.
      const { limit: _pageSize, ...everything } = filter;
      await streamCsv(store, everything, res);
      return;
    }
    res.json(await store.query(filter));
  });

  router.get('/audit/reconcile', async (req, res) => {
    await authorizer.basic(req, gitopsAuditReadPermission);
    res.json(await reconciler.reconcile());
  });
}
