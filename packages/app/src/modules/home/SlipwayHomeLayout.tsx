import { Content, Header, Page } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { CustomHomepageGrid } from '@backstage/plugin-home';
import type {
  HomePageDefaultConfigItem,
  HomePageLayoutProps,
} from '@backstage/plugin-home-react/alpha';
import Button from '@material-ui/core/Button';
import { rootRouteRef } from '@slipway/plugin-gitops';
import { Fragment, useMemo } from 'react';
import { Link } from 'react-router-dom';

/**
 * The four Slipway cards, two by two, until the user arranges their own (kept in their settings) or
 * app-config sets `page:home` `defaultConfig`.
 */
const SLIPWAY_CARDS: HomePageDefaultConfigItem[] = [
  {
    component: 'GitopsWaitingForMyApproval',
    column: 0,
    row: 0,
    width: 6,
    height: 5,
  },
  { component: 'GitopsMyProducts', column: 6, row: 0, width: 6, height: 5 },
  { component: 'GitopsRecentReleases', column: 0, row: 5, width: 6, height: 7 },
  { component: 'GitopsFailedReleases', column: 6, row: 5, width: 6, height: 7 },
];

/** The full products view, one click from the front page. */
function AllProductsButton() {
  const slipway = useRouteRef(rootRouteRef);
  if (!slipway) return null;
  return (
    <Button
      component={Link}
      to={`${slipway()}/products`}
      variant="contained"
      color="primary"
    >
      All products
    </Button>
  );
}

export function SlipwayHomeLayout({
  widgets,
  defaultConfig,
}: HomePageLayoutProps) {
  const config = useMemo(
    () =>
      (defaultConfig ?? SLIPWAY_CARDS).map(item => ({
        component: item.component,
        x: item.column,
        y: item.row,
        width: item.width,
        height: item.height,
        movable: item.movable,
        deletable: item.deletable,
        resizable: item.resizable,
      })),
    [defaultConfig],
  );
  return (
    <Page themeId="home">
      <Header
        title="Slipway"
        subtitle="Which version runs where, is it healthy, what changed"
      >
        <AllProductsButton />
      </Header>
      <Content>
        <CustomHomepageGrid config={config}>
          {widgets.map(widget => (
            // Fragments, not wrappers: the grid finds its cards by their component data.
            <Fragment key={widget.name}>{widget.component}</Fragment>
          ))}
        </CustomHomepageGrid>
      </Content>
    </Page>
  );
}
