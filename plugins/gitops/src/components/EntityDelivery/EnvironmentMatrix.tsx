import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ApplicationSummary,
  Environment,
  ProductApplicationState,
  ProductState,
} from '@slipway/plugin-gitops-common';
import { HealthChip } from '../common/HealthChip';
import { SyncChip } from '../common/SyncChip';
import { repositoryCommitUrl } from '../common/deliveryLinks';
import { shortRevision } from '../common/revision';
import { needsProductionMark } from '../common/environmentLabel';

const useStyles = makeStyles(theme => ({
  app: { '& + &': { marginTop: theme.spacing(1.5) } },
  version: { fontFamily: 'monospace', fontWeight: 600 },
  chips: { display: 'flex', flexWrap: 'wrap', gap: 4, margin: '4px 0' },
  drift: {
    fontSize: theme.typography.caption.fontSize,
    fontWeight: 700,
    padding: '0 6px',
    borderRadius: 8,
    color: '#5c4400',
    background: '#fde9a8',
    alignSelf: 'center',
  },
  production: { borderTop: `3px solid ${theme.palette.info.main}` },
}));

const appKey = (a: { runtime: string; namespace: string; name: string }) =>
  `${a.runtime}/${a.namespace}/${a.name}`;

function AppState(props: {
  app: ProductApplicationState;
  source?: ApplicationSummary;
}) {
  const classes = useStyles();
  const { app, source } = props;
  const short = shortRevision(app.revision);
  const commitUrl =
    app.revision &&
    repositoryCommitUrl(source?.sources[0]?.repoURL, app.revision);
  return (
    <div className={classes.app} aria-label={app.name}>
      <span className={classes.version} title={app.version.detail}>
        {app.version.value ?? 'version unknown'}
      </span>
      {app.version.source === 'image' && (
        <Typography variant="caption" color="textSecondary">
          {' '}
          (from image)
        </Typography>
      )}
      <div className={classes.chips}>
        <HealthChip status={app.health} message={source?.health.message} />
        <SyncChip status={app.sync} />
        {app.drift && (
          <span
            className={classes.drift}
            title="The live state differs from Git"
          >
            Drift
          </span>
        )}
      </div>
      <Typography variant="caption" color="textSecondary" component="div">
        {app.name}
        {short && (
          <>
            {' @ '}
            {commitUrl ? (
              <Link href={commitUrl} target="_blank" rel="noopener noreferrer">
                {short}
              </Link>
            ) : (
              <code title={app.revision}>{short}</code>
            )}
          </>
        )}
      </Typography>
    </div>
  );
}

/** Rows are the product's components, columns its environments: what runs where, and in what state. */
export function EnvironmentMatrix(props: {
  state: ProductState;
  environments: Environment[];
  /** The product's Argo CD applications, for source repositories (commit links) and health messages. */
  applications: ApplicationSummary[];
}) {
  const classes = useStyles();
  const { state } = props;
  const titles = new Map(props.environments.map(e => [e.name, e]));
  const sources = new Map(props.applications.map(a => [appKey(a), a]));
  const components = [
    ...new Set(
      state.environments.flatMap(e => e.applications.map(a => a.component)),
    ),
  ].sort();
  if (components.length === 0) {
    return (
      <Typography variant="body2">
        No Argo CD application of {state.product.title} runs in any environment
        yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Environment matrix">
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          {state.environments.map(e => {
            const environment = titles.get(e.environment);
            const production = environment?.tier === 'production';
            return (
              <TableCell
                key={e.environment}
                className={production ? classes.production : undefined}
              >
                {environment?.title ?? e.environment}
                {needsProductionMark(environment) && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    production
                  </Typography>
                )}
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>
        {components.map(component => (
          <TableRow key={component}>
            <TableCell component="th" scope="row">
              {component}
            </TableCell>
            {state.environments.map(e => {
              const apps = e.applications.filter(
                a => a.component === component,
              );
              return (
                <TableCell
                  key={e.environment}
                  aria-label={`${component} in ${
                    titles.get(e.environment)?.title ?? e.environment
                  }`}
                >
                  {apps.length === 0 ? (
                    <Typography variant="body2" color="textSecondary">
                      Not deployed
                    </Typography>
                  ) : (
                    apps.map(app => (
                      <AppState
                        key={appKey(app)}
                        app={app}
                        source={sources.get(appKey(app))}
                      />
                    ))
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
