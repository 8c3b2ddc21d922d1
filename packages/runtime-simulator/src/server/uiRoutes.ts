import { Router } from 'express';
import type { Application } from '../argocd/types';
import { ArgoContext } from './context';

const escape = (text: unknown) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );

function row(label: string, value: unknown) {
  return `<tr><th>${escape(label)}</th><td>${escape(value ?? '—')}</td></tr>`;
}

/** A read-only page about one application, in place of Argo CD's web UI. */
export function applicationPage(app: Application): string {
  const source = app.spec.source ?? app.spec.sources?.[0];
  const resources = (app.status.resources ?? [])
    .map(
      r =>
        `<tr><td>${escape(r.kind)}</td><td>${escape(r.name)}</td><td>${escape(
          r.status,
        )}</td><td>${escape(r.health?.status ?? '')}</td></tr>`,
    )
    .join('');
  const title = `${app.metadata.namespace}/${app.metadata.name}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(
    title,
  )} · Argo CD (simulated)</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}
th,td{border-bottom:1px solid #ddd;padding:4px 12px;text-align:left}th{color:#555;font-weight:500}
.note{color:#666}</style></head><body>
<h1>${escape(app.metadata.name)}</h1>
<p class="note">Runtime simulator: a read-only stand-in for the Argo CD web UI.</p>
<table aria-label="Application">
${row('Project', app.spec.project)}
${row('Health', app.status.health.status)}
${row('Sync', app.status.sync.status)}
${row('Revision', app.status.sync.revision)}
${row('Repository', source?.repoURL)}
${row('Path', source?.path ?? source?.chart)}
${row('Target revision', source?.targetRevision)}
${row(
  'Destination',
  `${app.spec.destination.server ?? app.spec.destination.name ?? ''} ${
    app.spec.destination.namespace ?? ''
  }`,
)}
</table>
<h2>Resources</h2>
<table aria-label="Resources"><tr><th>Kind</th><th>Name</th><th>Sync</th><th>Health</th></tr>${resources}</table>
</body></html>`;
}

/**
 * Argo CD's UI path for an application, `/applications/{namespace}/{name}`, so the portal's "Open in
 * Argo CD" links work in the sandbox. Read-only and without sign-in, like a page the user opens.
 */
export function uiRoutes(ctx: ArgoContext): Router {
  const router = Router();
  router.get('/applications/:namespace/:name', (req, res) => {
    const record = ctx.store.get(req.params.namespace, req.params.name);
    if (!record) {
      res
        .status(404)
        .type('text/html')
        .send(
          `<!doctype html><title>Not found</title><p>No application ${escape(
            req.params.namespace,
          )}/${escape(req.params.name)}</p>`,
        );
      return;
    }
    res.type('text/html').send(applicationPage(record.app));
  });
  return router;
}
