import type { ApplicationSummary } from '@slipway/plugin-gitops-common';

/** Deep link to the app in its runtime's Argo CD UI: the backend's link, else built from the UI URL. */
export function argoCdLink(
  app: ApplicationSummary,
  uiUrl: string | undefined,
): string | undefined {
  if (app.links.argocd) return app.links.argocd;
  if (!uiUrl) return undefined;
  return `${uiUrl.replace(/\/+$/, '')}/applications/${encodeURIComponent(
    app.namespace,
  )}/${encodeURIComponent(app.name)}`;
}
