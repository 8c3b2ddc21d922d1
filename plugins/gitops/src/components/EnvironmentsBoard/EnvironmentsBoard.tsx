import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useMemo, useRef, useState } from 'react';
import { useDeliveryBoard } from '../../hooks/useDeliveryBoard';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
import { ConfigProblemsPanel } from '../common/ConfigProblemsPanel';
import { FailedRuntimesBanner } from '../common/FailedRuntimesBanner';
import { HealthBreakdown } from '../common/HealthBreakdown';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { useDeliveryTabLink } from '../common/deliveryLinks';
import { BoardFilters } from './BoardFilters';
import { BoardCardContext, ProductRow } from './ProductRow';
import { useReleaseLink } from '../Releases/useReleaseLink';
import { useApplicationsLink } from '../common/deliveryLinks';
import { RuntimeLinks } from './RuntimeLinks';
import { UnassignedGroup } from './UnassignedGroup';
import { PromoteDialog, PromoteMenu, PromoteMenuTarget } from '../Promote';
import {
  BoardPromoteActions,
  allowPromotionDrop,
  readPromotionDrop,
} from './promoteDrag';
import { boardQueryFromParams, filterProducts } from './boardParams';
import { useBoardStyles } from './boardStyles';
import { freezeLabel } from './freezeLabel';

function useBoardQuery() {
  const { params, update } = useUpdateSearchParams();
  const query = useMemo(() => boardQueryFromParams(params), [params]);
  return { query, update };
}

/**
 * The environments board: a column per environment (in order, production marked, the health of its
 * applications in the header) and a row of cards per product, plus the applications nothing claims.
 */
export function EnvironmentsBoard() {
  const classes = useBoardStyles();
  const { query, update } = useBoardQuery();
  const deliveryLink = useDeliveryTabLink();
  const releaseLink = useReleaseLink();
  const applicationsLink = useApplicationsLink();
  const { board: data, config, titles } = useDeliveryBoard({ releases: true });

  const products = data.value?.products.items;
  const [menu, setMenu] = useState<PromoteMenuTarget>();
  const [promotion, setPromotion] = useState<{
    product: string;
    from: string;
    to?: string;
  }>();
  // Stable, so memoised rows do not re-render when a menu or dialog opens.
  const titlesRef = useRef(titles);
  titlesRef.current = titles;
  const productsRef = useRef(products);
  productsRef.current = products;
  const actions = useMemo<BoardPromoteActions>(
    () => ({
      openMenu: (anchor, product, from) =>
        setMenu({
          anchor,
          product,
          from,
          productTitle: titlesRef.current.product(product),
          fromTitle: titlesRef.current.environment(from),
          versions: Object.fromEntries(
            productsRef.current
              ?.find(p => p.product.name === product)
              ?.environments.map(e => [e.environment, e.version]) ?? [],
          ),
        }),
      drop: (product, from, to) => setPromotion({ product, from, to }),
    }),
    [],
  );
  const context = useMemo<BoardCardContext | undefined>(
    () =>
      data.value && {
        environments: data.value.environments.items,
        releases: data.value.releases,
        releaseLink,
        applicationsLink,
      },
    [data.value, releaseLink, applicationsLink],
  );
  const owners = useMemo(
    () => [...new Set(products?.map(p => p.product.owner))].sort(),
    [products],
  );
  const shown = useMemo(
    () => (products ? filterProducts(products, query) : []),
    [products, query],
  );
  const unassigned = useMemo(() => {
    const all = data.value?.products.unassigned ?? [];
    const q = query.q?.toLocaleLowerCase('en-US');
    return all.filter(
      a =>
        (!q || a.application.name.toLocaleLowerCase('en-US').includes(q)) &&
        (!query.health || a.health === query.health) &&
        !query.owner,
    );
  }, [data.value, query]);

  const filters = (
    <BoardFilters
      query={query}
      owners={owners}
      onChange={(key, value) => update({ [key]: value })}
      onClear={() =>
        update({ q: undefined, owner: undefined, health: undefined })
      }
    />
  );

  if (!data.value) {
    return data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  }

  const environments = data.value.environments.items;
  const errors = [
    ...data.value.environments.errors,
    ...data.value.products.errors.filter(
      e => !data.value!.environments.errors.some(o => o.runtime === e.runtime),
    ),
  ];
  const notices = (
    <>
      {data.error && (
        <StaleDataNotice
          error={data.error}
          loadedAt={data.loadedAt}
          onRetry={data.retry}
        />
      )}
      <ConfigProblemsPanel status={config.value} />
      <FailedRuntimesBanner errors={errors} />
    </>
  );

  if (environments.length === 0) {
    return (
      <>
        {notices}
        <EmptyState
          missing="data"
          title="No environments defined"
          description="Add environments/<name>.yaml documents (kind Environment) to the delivery repository; each becomes a column of this board."
        />
      </>
    );
  }

  // The product column only names the product; the environments get the width.
  const columns = `minmax(120px, 0.6fr) repeat(${environments.length}, minmax(150px, 1fr))`;
  return (
    <>
      {notices}
      {filters}
      <div
        role="table"
        aria-label="Environments board"
        className={classes.grid}
      >
        <div
          role="row"
          className={classes.header}
          style={{ gridTemplateColumns: columns }}
        >
          <div role="columnheader" className={classes.productCell}>
            <Typography variant="subtitle2">
              Products ({shown.length}
              {shown.length !== products!.length
                ? ` of ${products!.length}`
                : ''}
              )
            </Typography>
          </div>
          {environments.map(environment => {
            const production = environment.tier === 'production';
            return (
              <div
                role="columnheader"
                key={environment.name}
                aria-label={environment.title}
                className={`${classes.columnHeader} ${
                  production ? classes.productionHeader : ''
                }`}
                // A drop target, not a focus stop: promoting by keyboard is the cards' menu.
                tabIndex={-1}
                onDragOver={e => {
                  if (allowPromotionDrop(e)) {
                    e.currentTarget.classList.add(classes.dropTarget);
                  }
                }}
                onDragLeave={e =>
                  e.currentTarget.classList.remove(classes.dropTarget)
                }
                onDrop={e => {
                  e.currentTarget.classList.remove(classes.dropTarget);
                  const drag = readPromotionDrop(e);
                  if (drag && drag.from !== environment.name) {
                    actions.drop(drag.product, drag.from, environment.name);
                  }
                }}
              >
                <div className={classes.columnTitle}>
                  <span>{environment.title}</span>
                  {production && (
                    <span className={classes.tierBadge}>Production</span>
                  )}
                </div>
                {environment.frozen && (
                  <span
                    className={classes.frozen}
                    title={environment.frozen.reason}
                  >
                    {freezeLabel(
                      environment.frozen.until,
                      new Date(),
                      environment.frozen.timeZone,
                    )}
                  </span>
                )}
                <HealthBreakdown counts={environment.applications.health} />
                <RuntimeLinks environment={environment} />
                <span className={classes.muted}>
                  {environment.products}{' '}
                  {environment.products === 1 ? 'product' : 'products'}
                  {environment.applications.sync.OutOfSync > 0 &&
                    ` · ${environment.applications.sync.OutOfSync} out of sync`}
                </span>
              </div>
            );
          })}
        </div>
        {shown.map(summary => (
          <ProductRow
            key={summary.product.name}
            summary={summary}
            environments={environments}
            columns={columns}
            view={query.view}
            link={deliveryLink(summary.product)}
            classes={classes}
            actions={actions}
            context={context}
          />
        ))}
      </div>
      {products!.length === 0 && (
        <EmptyState
          missing="data"
          title="No products yet"
          description="Add products/<name>.yaml documents (kind Product) to the delivery repository, and annotate their Argo CD applications with slipway.dev/product."
        />
      )}
      {products!.length > 0 && shown.length === 0 && (
        <Typography className={classes.muted} style={{ margin: 16 }}>
          No product matches these filters.{' '}
          <Button
            size="small"
            onClick={() =>
              update({ q: undefined, owner: undefined, health: undefined })
            }
          >
            Clear filters
          </Button>
        </Typography>
      )}
      <UnassignedGroup
        applications={unassigned}
        environments={environments}
        columns={columns}
        classes={classes}
      />
      <PromoteMenu
        target={menu}
        environments={environments}
        onClose={() => setMenu(undefined)}
        onPromote={to => {
          if (menu) {
            setPromotion({ product: menu.product, from: menu.from, to });
          }
          setMenu(undefined);
        }}
      />
      {promotion && (
        <PromoteDialog
          product={promotion.product}
          productTitle={titles.product(promotion.product)}
          from={promotion.from}
          to={promotion.to}
          onClose={() => setPromotion(undefined)}
        />
      )}
    </>
  );
}
