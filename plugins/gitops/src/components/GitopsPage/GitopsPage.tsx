import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { Suspense, lazy } from 'react';
import { Progress } from '@backstage/core-components';
import { gitopsTabs } from '../../tabs';

const tabElements = gitopsTabs.map(tab => ({
  ...tab,
  Component: lazy(() =>
    tab.loader().then(element => ({ default: () => element })),
  ),
}));

/** The Slipway page for legacy apps: the same tabs as the new frontend system's sub-pages. */
export function GitopsPage() {
  return (
    <Page themeId="tool">
      <Header title="Slipway" subtitle="GitOps delivery on Argo CD" />
      <TabbedLayout>
        {tabElements.map(({ path, title, Component }) => (
          <TabbedLayout.Route key={path} path={`/${path}`} title={title}>
            <Content>
              <Suspense fallback={<Progress />}>
                <Component />
              </Suspense>
            </Content>
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </Page>
  );
}
