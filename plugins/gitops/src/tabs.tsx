/**
 * The tabs of the Slipway page, in order. Both frontend systems build their tabs from this list, so a
 * new view (environments, products, releases, insights, audit) is one entry here.
 */
export interface GitopsTab {
  /** Relative path under the Slipway page, also the extension name. */
  path: string;
  title: string;
  loader: () => Promise<JSX.Element>;
}

export const gitopsTabs: GitopsTab[] = [
  {
    path: 'environments',
    title: 'Environments',
    loader: () =>
      import('./components/EnvironmentsBoard').then(m => (
        <m.EnvironmentsBoard />
      )),
  },
  {
    path: 'products',
    title: 'Products',
    loader: () =>
      import('./components/ProductsView').then(m => <m.ProductsView />),
  },
  {
    path: 'releases',
    title: 'Releases',
    loader: () => import('./components/Releases').then(m => <m.ReleasesTab />),
  },
  {
    path: 'runtimes',
    title: 'Runtimes',
    loader: () =>
      import('./components/RuntimesView').then(m => <m.RuntimesTab />),
  },
  {
    path: 'applications',
    title: 'Applications',
    loader: () =>
      import('./components/ApplicationsView').then(m => <m.ApplicationsView />),
  },
  {
    path: 'insights',
    title: 'Insights',
    loader: () => import('./components/Insights').then(m => <m.InsightsPage />),
  },
  {
    path: 'audit',
    title: 'Audit',
    loader: () => import('./components/AuditView').then(m => <m.AuditView />),
  },
];
