import type {
  EnvironmentSummary,
  UnassignedApplicationSummary,
} from '@slipway/plugin-gitops-common';
import Typography from '@material-ui/core/Typography';
import { HEALTH_COLORS, SYNC_COLORS } from '../common/statusColors';
import type { BoardClasses } from './boardStyles';

/**
 * Applications no product claims (or no environment places), in the environment columns where they
 * have one and in a last column where they have none: never dropped from the board.
 */
export function UnassignedGroup(props: {
  applications: UnassignedApplicationSummary[];
  environments: EnvironmentSummary[];
  columns: string;
  classes: BoardClasses;
}) {
  const { applications, environments, classes } = props;
  if (applications.length === 0) return null;
  const known = new Set(environments.map(e => e.name));
  const placed = (name?: string) =>
    applications.filter(a =>
      name
        ? a.environment === name
        : !a.environment || !known.has(a.environment),
    );
  const nowhere = placed(undefined);
  return (
    <section
      className={classes.section}
      aria-label={`Unassigned applications (${applications.length})`}
    >
      <Typography variant="h6" component="h3" gutterBottom>
        Unassigned applications ({applications.length})
      </Typography>
      <div
        role="row"
        className={classes.row}
        style={{ gridTemplateColumns: props.columns }}
      >
        <div role="rowheader" className={classes.productCell}>
          <span className={classes.muted}>
            Argo CD applications outside any product or environment
          </span>
          {nowhere.length > 0 && (
            <UnassignedList
              label="No environment"
              applications={nowhere}
              classes={classes}
            />
          )}
        </div>
        {environments.map(environment => (
          <div role="cell" key={environment.name}>
            <UnassignedList
              label={environment.title}
              applications={placed(environment.name)}
              classes={classes}
            />
          </div>
        ))}
      </div>
    </section>
  );
}

function UnassignedList(props: {
  label: string;
  applications: UnassignedApplicationSummary[];
  classes: BoardClasses;
}) {
  const { classes } = props;
  return (
    <div role="list" aria-label={`Unassigned in ${props.label}`}>
      {props.applications.map(a => (
        <div
          role="listitem"
          key={`${a.application.runtime}/${a.application.namespace}/${a.application.name}`}
          className={classes.card}
          style={{ borderLeftColor: HEALTH_COLORS[a.health], marginTop: 4 }}
          title={a.message}
        >
          <span className={classes.productTitle}>{a.application.name}</span>
          <span className={classes.statusLine}>
            <span className={classes.status}>
              <span
                className={classes.dot}
                style={{ background: HEALTH_COLORS[a.health] }}
              />
              {a.health}
            </span>
            <span className={classes.status}>
              <span
                className={classes.dot}
                style={{ background: SYNC_COLORS[a.sync] }}
              />
              {a.sync === 'OutOfSync' ? 'Out of sync' : a.sync}
            </span>
          </span>
          <span className={classes.muted}>
            {a.application.runtime} · {a.message}
          </span>
        </div>
      ))}
    </div>
  );
}
