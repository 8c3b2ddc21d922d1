import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import type {
  DoraDeploymentRow,
  DoraFilter,
} from '@slipway/plugin-gitops-common';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { HeadedTable } from '../common/HeadedTable';
import { formatTimestamp } from '../common/time';
import { shortRevision } from '../common/revision';
import { useReleaseLink } from '../Releases/useReleaseLink';
import { DORA_TITLES } from './doraFormat';
import type { ChartPoint } from './insightsParams';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), marginTop: theme.spacing(2) },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
  },
}));

const OUTCOMES: Record<string, string> = {
  syncing: 'Syncing',
  healthy: 'Healthy',
  degraded: 'Degraded',
  'rolled-back': 'Rolled back',
  superseded: 'Superseded',
};

function ReleaseCell({ row }: { row: DoraDeploymentRow }) {
  const releaseLink = useReleaseLink();
  if (row.releaseId === 'outside') return <>Outside Slipway</>;
  const link = releaseLink(row.releaseId);
  const label = `${row.releaseId}${
    row.releaseKind === 'rollback' ? ' (rollback)' : ''
  }`;
  return link ? <Link to={link}>{label}</Link> : <>{label}</>;
}

function When({ at }: { at?: string }) {
  if (!at) return <>—</>;
  return <time dateTime={at}>{formatTimestamp(at)}</time>;
}

/** The production deployments behind one point of a chart, fetched when it is selected. */
export function BucketDeployments(props: {
  query: DoraFilter;
  point: ChartPoint;
  onClose: () => void;
}) {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { query, point } = props;
  const queryKey = JSON.stringify(query);
  const rows = useAsync(
    () =>
      api
        .getDoraMetrics({ ...query, deployments: point.label })
        .then((report): DoraDeploymentRow[] =>
          (report.deployments ?? []).filter(d => d.keys.includes(point.key)),
        ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey, point.key, point.label],
  );
  const title = `${DORA_TITLES[point.key]}, ${point.label}`;
  const failureColumn = point.key === 'changeFailureRate';
  const found: DoraDeploymentRow[] = rows.value ?? [];

  let body: JSX.Element;
  if (rows.loading) body = <Progress />;
  else if (rows.error) body = <ResponseErrorPanel error={rows.error} />;
  else if (!found.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No production deployment counts in this point.
      </Typography>
    );
  } else {
    body = (
      <HeadedTable
        label={`Deployments behind ${title}`}
        columns={[
          'Product',
          'Environment',
          'Application',
          'Version',
          'Release',
          'Synced',
          'Healthy',
          'Outcome',
          ...(failureColumn ? ['Failed change'] : []),
        ]}
      >
        {found.map(row => (
          <TableRow
            key={`${row.application.runtime}/${row.application.namespace}/${row.application.name}/${row.revision}`}
          >
            <TableCell>{row.product}</TableCell>
            <TableCell>{row.environment}</TableCell>
            <TableCell>{row.application.name}</TableCell>
            <TableCell>
              {row.version ?? shortRevision(row.revision) ?? row.revision}
            </TableCell>
            <TableCell>
              <ReleaseCell row={row} />
            </TableCell>
            <TableCell>
              <When at={row.syncedAt} />
            </TableCell>
            <TableCell>
              <When at={row.healthyAt} />
            </TableCell>
            <TableCell>{OUTCOMES[row.outcome] ?? row.outcome}</TableCell>
            {failureColumn && (
              <TableCell>{row.failedChange ? 'Yes' : 'No'}</TableCell>
            )}
          </TableRow>
        ))}
      </HeadedTable>
    );
  }

  return (
    <Paper
      variant="outlined"
      className={classes.root}
      role="region"
      aria-label={`Deployments behind ${title}`}
    >
      <div className={classes.head}>
        <Typography variant="subtitle1" component="h3">
          {title}
          {rows.value &&
            ` · ${found.length} ${
              found.length === 1 ? 'deployment' : 'deployments'
            }`}
        </Typography>
        <IconButton
          size="small"
          aria-label="Close the deployments"
          onClick={props.onClose}
        >
          <CloseIcon fontSize="small" />
        </IconButton>
      </div>
      {body}
    </Paper>
  );
}
