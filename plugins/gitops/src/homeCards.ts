import type { CardLayout, ComponentParts } from '@backstage/plugin-home-react';

/**
 * The Slipway cards of a Backstage home page, for both frontend systems: what each is called, says
 * and loads. `name` is what a home page layout's `defaultConfig` refers to.
 */
export interface GitopsHomeCard {
  /** Extension name in the new frontend system (`home-page-widget:gitops/<id>`). */
  id: string;
  name: string;
  title: string;
  description: string;
  components: () => Promise<ComponentParts>;
}

/** Half of the home grid's twelve columns, tall enough for five rows of a list. */
export const GITOPS_HOME_CARD_LAYOUT: CardLayout = {
  width: { minColumns: 4, defaultColumns: 6 },
  height: { minRows: 4, defaultRows: 6 },
};

const parts = () => import('./components/HomeCards');

export const gitopsHomeCards: GitopsHomeCard[] = [
  {
    id: 'waiting-for-my-approval',
    name: 'GitopsWaitingForMyApproval',
    title: 'Waiting for my approval',
    description: 'Releases held by an approval gate you may approve',
    components: () =>
      parts().then(m => ({
        Content: m.WaitingForApprovalContent,
        Actions: m.WaitingForApprovalActions,
      })),
  },
  {
    id: 'my-products',
    name: 'GitopsMyProducts',
    title: 'My products across environments',
    description:
      "Your groups' products: the version and health in each environment",
    components: () =>
      parts().then(m => ({
        Content: m.MyProductsContent,
        Actions: m.MyProductsActions,
      })),
  },
  {
    id: 'recent-releases',
    name: 'GitopsRecentReleases',
    title: 'Recent releases',
    description: 'The latest releases of every product',
    components: () =>
      parts().then(m => ({
        Content: m.RecentReleasesContent,
        Actions: m.RecentReleasesActions,
      })),
  },
  {
    id: 'failed-releases',
    name: 'GitopsFailedReleases',
    title: 'Failed releases this week',
    description: 'Releases that failed or were terminated in the last 7 days',
    components: () =>
      parts().then(m => ({
        Content: m.FailedReleasesContent,
        Actions: m.FailedReleasesActions,
      })),
  },
];
