import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { GITOPS_RELEASE_DOCUMENT_TYPE } from '@slipway/plugin-gitops-common';
import { SlipwayIcon } from './components/common/SlipwayIcon';

/** `search-result-list-item:gitops/release` — releases in the search page's results. */
export const releaseSearchResultListItem = SearchResultListItemBlueprint.make({
  name: 'release',
  params: {
    icon: <SlipwayIcon />,
    predicate: result => result.type === GITOPS_RELEASE_DOCUMENT_TYPE,
    component: () =>
      import('./components/Releases/ReleaseSearchResultListItem').then(
        m => m.ReleaseSearchResultListItem,
      ),
  },
});

/** `search-filter-result-type:gitops/releases` — "Releases" among the search page's result types. */
export const releaseSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'releases',
  params: {
    value: GITOPS_RELEASE_DOCUMENT_TYPE,
    name: 'Releases',
    icon: <SlipwayIcon />,
  },
});

/** What the Slipway plugin adds to the search page (`@backstage/plugin-search`). */
export const gitopsSearchExtensions = [
  releaseSearchResultListItem,
  releaseSearchResultType,
];
