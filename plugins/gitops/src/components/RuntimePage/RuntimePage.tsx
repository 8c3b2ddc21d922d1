import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { useCallback } from 'react';
import { useParams } from 'react-router-dom';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { RuntimeStatusChip } from '../common/RuntimeStatusChip';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { useSlipwayRoot } from '../common/slipwayRoot';
import { formatAge } from '../common/time';
import { ApplicationsCard } from './ApplicationsCard';
import { ClustersCard } from './ClustersCard';
import { ComponentsCard } from './ComponentsCard';
import { RecentErrorsCard } from './RecentErrorsCard';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  facts: { color: theme.palette.text.secondary },
}));

/** One runtime in full: version, components, clusters, applications and recent errors. */
export function RuntimePage() {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { name = '' } = useParams();
  const root = useSlipwayRoot();
  const { value, error, loadedAt, retry } = useAutoRefresh(
    () => api.getRuntime(name),
    [api, name],
  );
  const listLink = useCallback(
    (query: Record<string, string>) =>
      root
        ? `${root()}/applications?${new URLSearchParams({
            runtime: name,
            ...query,
          })}`
        : undefined,
    [root, name],
  );

  const back = root && <Link to={`${root()}/runtimes`}>← All runtimes</Link>;
  if (!value) {
    return (
      <>
        {back}
        {error ? <ResponseErrorPanel error={error} /> : <Progress />}
      </>
    );
  }
  const snapshot = formatAge(value.freshness.snapshotAt);
  return (
    <>
      {back}
      <div className={classes.header}>
        <Typography variant="h4" component="h1">
          {value.title}
        </Typography>
        <RuntimeStatusChip reachable={value.reachable} />
        <Typography variant="body2" className={classes.facts}>
          {value.name !== value.title && `${value.name} · `}
          Argo CD {value.version ?? 'version unknown'} · applications{' '}
          {value.freshness.mode === 'stream'
            ? 'live from the Argo CD stream'
            : 'polled'}
          {snapshot && `, full load ${snapshot}`}
        </Typography>
        {value.uiUrl && (
          <Link to={value.uiUrl}>
            Open in Argo CD <OpenInNewIcon fontSize="inherit" />
          </Link>
        )}
      </div>
      {error && (
        <StaleDataNotice error={error} loadedAt={loadedAt} onRetry={retry} />
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} lg={7}>
          <ComponentsCard components={value.components} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <ApplicationsCard counts={value.applications} listLink={listLink} />
        </Grid>
        <Grid item xs={12} lg={7}>
          <ClustersCard clusters={value.clusters} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <RecentErrorsCard runtime={value} />
        </Grid>
      </Grid>
    </>
  );
}
