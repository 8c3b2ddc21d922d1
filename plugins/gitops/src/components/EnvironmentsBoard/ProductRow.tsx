import type {
  EnvironmentSummary,
  ProductEnvironmentSummary,
  ProductSummary,
  ReleaseSummary,
} from '@slipway/plugin-gitops-common';
import { memo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CardReleaseBadge, DeployLine, DriftBadge } from './CardStory';
import { cardRelease, driftMarker } from './cardReleaseStory';
import { HEALTH_COLORS, SYNC_COLORS } from '../common/statusColors';
import type { BoardClasses } from './boardStyles';
import type { BoardView } from './boardParams';
import { ownerLabel } from './BoardFilters';
import {
  BoardPromoteActions,
  allowPromotionDrop,
  readPromotionDrop,
  startPromotionDrag,
} from './promoteDrag';

const SYNC_LABELS = {
  Synced: 'Synced',
  OutOfSync: 'Out of sync',
  Unknown: 'Sync unknown',
};

/** Drop handlers of a card: the product's card from another environment opens the promote dialog. */
function dropHandlers(
  product: string,
  environment: string,
  classes: BoardClasses,
  actions?: BoardPromoteActions,
) {
  if (!actions) return {};
  const highlight = (e: React.DragEvent, on: boolean) =>
    e.currentTarget.classList.toggle(classes.dropTarget, on);
  return {
    onDragOver: (e: React.DragEvent) => {
      if (allowPromotionDrop(e)) highlight(e, true);
    },
    onDragLeave: (e: React.DragEvent) => highlight(e, false),
    onDrop: (e: React.DragEvent) => {
      highlight(e, false);
      const drag = readPromotionDrop(e);
      if (drag && drag.product === product && drag.from !== environment) {
        actions.drop(product, drag.from, environment);
      }
    },
  };
}

/** Where cards link to and what they know beyond the product's own state. */
export interface BoardCardContext {
  /** Every environment in order (drift is measured against production). */
  environments: EnvironmentSummary[];
  /** Recent releases, newest first. */
  releases?: ReleaseSummary[];
  releaseLink: (id: string) => string | undefined;
  /** The product's applications in one environment. */
  applicationsLink: (
    product: string,
    environment: string,
  ) => string | undefined;
}

function EnvironmentCard(props: {
  summary: ProductSummary;
  product: string;
  productTitle: string;
  environment: EnvironmentSummary;
  state?: ProductEnvironmentSummary;
  view: BoardView;
  classes: BoardClasses;
  actions?: BoardPromoteActions;
  context?: BoardCardContext;
}) {
  const { environment, state, classes, actions, context } = props;
  const navigate = useNavigate();
  const moving = cardRelease(
    context?.releases,
    props.product,
    environment.name,
  );
  const movingBadge = moving && (
    <CardReleaseBadge
      card={moving}
      link={context?.releaseLink(moving.release.id)}
      classes={classes}
    />
  );
  const label = `${props.productTitle} in ${environment.title}`;
  const drop = dropHandlers(props.product, environment.name, classes, actions);
  if (!state || state.applications === 0) {
    return (
      <div role="cell" aria-label={label} className={classes.absent} {...drop}>
        Not deployed
        {movingBadge && <div>{movingBadge}</div>}
      </div>
    );
  }
  const agreed = state.version !== undefined;
  const production = environment.tier === 'production';
  const marker =
    context &&
    driftMarker(
      props.summary,
      environment,
      context.environments,
      context.releases,
    );
  const applications = context?.applicationsLink(
    props.product,
    environment.name,
  );
  return (
    // The card's version link opens the same applications for keyboard users; the card-wide click is
    // a pointer shortcut.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <div
      role="cell"
      aria-label={label}
      className={`${classes.card} ${production ? classes.productionCard : ''} ${
        applications ? classes.clickable : ''
      }`}
      style={{ borderLeftColor: HEALTH_COLORS[state.health] }}
      // The whole card opens the product's applications there; its links and menu keep their own click.
      onClick={
        applications
          ? e => {
              if (!(e.target as HTMLElement).closest('a, button')) {
                navigate(applications);
              }
            }
          : undefined
      }
      draggable={Boolean(actions)}
      onDragStart={
        actions
          ? e =>
              startPromotionDrag(e, {
                product: props.product,
                from: environment.name,
              })
          : undefined
      }
      {...drop}
    >
      {actions && (
        <button
          type="button"
          className={classes.cardMenu}
          aria-label={`Promote ${props.productTitle} from ${environment.title}`}
          title="Promote…"
          onClick={e =>
            actions.openMenu(e.currentTarget, props.product, environment.name)
          }
        >
          ⋮
        </button>
      )}
      {agreed ? (
        <span
          className={classes.version}
          title="Every application runs this version"
        >
          {applications ? (
            <Link
              className={classes.versionLink}
              to={applications}
              aria-label={`${state.version}: open the applications of ${props.productTitle} in ${environment.title}`}
            >
              {state.version}
            </Link>
          ) : (
            state.version
          )}
        </span>
      ) : (
        <span
          className={`${classes.version} ${classes.mixed}`}
          title={
            state.versions.length
              ? `Applications run different versions: ${state.versions.join(
                  ', ',
                )}`
              : 'No version could be read'
          }
        >
          {state.versions.length > 1
            ? `${state.versions.length} versions`
            : state.versions[0] ?? 'version unknown'}
        </span>
      )}
      <span className={classes.statusLine}>
        <span className={classes.status}>
          <span
            className={classes.dot}
            style={{ background: HEALTH_COLORS[state.health] }}
          />
          {state.health}
        </span>
        <span className={classes.status}>
          <span
            className={classes.dot}
            style={{ background: SYNC_COLORS[state.sync] }}
          />
          {SYNC_LABELS[state.sync]}
        </span>
        {state.drift && (
          <span
            className={classes.drift}
            title="The live state differs from Git"
          >
            Drift
          </span>
        )}
      </span>
      {marker && <DriftBadge marker={marker} classes={classes} />}
      {movingBadge}
      {props.view === 'detailed' && (
        <>
          <span className={classes.muted}>
            {state.applications}{' '}
            {state.applications === 1 ? 'application' : 'applications'}
          </span>
          {state.lastDeploy && (
            <DeployLine deploy={state.lastDeploy} classes={classes} />
          )}
          {!agreed && state.versions.length > 1 && (
            <span className={classes.muted}>{state.versions.join(' · ')}</span>
          )}
        </>
      )}
    </div>
  );
}

/** One product: its name, then a card per environment in column order. Memoised: filtering reuses rows. */
export const ProductRow = memo(function ProductCards(props: {
  summary: ProductSummary;
  environments: EnvironmentSummary[];
  columns: string;
  view: BoardView;
  link?: string;
  classes: BoardClasses;
  /** Promote menu and drag and drop; absent where promoting is not offered. */
  actions?: BoardPromoteActions;
  context?: BoardCardContext;
}) {
  const { summary, classes, view } = props;
  const { product } = summary;
  const byEnvironment = new Map(
    summary.environments.map(e => [e.environment, e]),
  );
  return (
    <div
      role="row"
      aria-label={product.title}
      className={`${classes.row} ${
        view === 'detailed' ? classes.detailedRow : classes.compactRow
      }`}
      style={{ gridTemplateColumns: props.columns }}
    >
      <div role="rowheader" className={classes.productCell}>
        {props.link ? (
          <Link
            className={`${classes.productTitle} ${classes.productLink}`}
            to={props.link}
          >
            {product.title}
          </Link>
        ) : (
          <span className={classes.productTitle}>{product.title}</span>
        )}
        {view === 'detailed' && (
          <>
            <span className={classes.muted}>{ownerLabel(product.owner)}</span>
            {product.description && (
              <div className={classes.muted}>{product.description}</div>
            )}
          </>
        )}
      </div>
      {props.environments.map(environment => (
        <EnvironmentCard
          key={environment.name}
          summary={summary}
          context={props.context}
          product={product.name}
          productTitle={product.title}
          environment={environment}
          state={byEnvironment.get(environment.name)}
          view={view}
          classes={classes}
          actions={props.actions}
        />
      ))}
    </div>
  );
});
