import type {
  EnvironmentSummary,
  ProductEnvironmentSummary,
  ProductSummary,
} from '@slipway/plugin-gitops-common';
import { memo } from 'react';
import { Link } from 'react-router-dom';
import { HEALTH_COLORS, SYNC_COLORS } from '../common/statusColors';
import type { BoardClasses } from './boardStyles';
import type { BoardView } from './boardParams';
import { ownerLabel } from './BoardFilters';

const SYNC_LABELS = {
  Synced: 'Synced',
  OutOfSync: 'Out of sync',
  Unknown: 'Sync unknown',
};

function EnvironmentCard(props: {
  productTitle: string;
  environment: EnvironmentSummary;
  state?: ProductEnvironmentSummary;
  view: BoardView;
  classes: BoardClasses;
}) {
  const { environment, state, classes } = props;
  const label = `${props.productTitle} in ${environment.title}`;
  if (!state || state.applications === 0) {
    return (
      <div role="cell" aria-label={label} className={classes.absent}>
        Not deployed
      </div>
    );
  }
  const agreed = state.version !== undefined;
  const production = environment.tier === 'production';
  return (
    <div
      role="cell"
      aria-label={label}
      className={`${classes.card} ${production ? classes.productionCard : ''}`}
      style={{ borderLeftColor: HEALTH_COLORS[state.health] }}
    >
      {agreed ? (
        <span
          className={classes.version}
          title="Every application runs this version"
        >
          {state.version}
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
      {props.view === 'detailed' && (
        <>
          <span className={classes.muted}>
            {state.applications}{' '}
            {state.applications === 1 ? 'application' : 'applications'}
          </span>
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
          productTitle={product.title}
          environment={environment}
          state={byEnvironment.get(environment.name)}
          view={view}
          classes={classes}
        />
      ))}
    </div>
  );
});
