import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ApplicationRef,
  ManagedResourceDiff,
} from '@slipway/plugin-gitops-common';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { UnifiedDiff } from '../Promote/UnifiedDiff';

const useStyles = makeStyles(theme => ({
  resource: { marginBottom: theme.spacing(3) },
  title: { marginBottom: theme.spacing(1) },
}));

function describe(d: ManagedResourceDiff): string {
  if (!d.target)
    return 'only live: not in Git any more (a sync with prune deletes it)';
  if (!d.live) return 'only in Git: not created yet';
  return 'live differs from Git';
}

/**
 * Live versus desired state of each out-of-sync resource, as Argo CD compares them: `-` lines are
 * live, `+` lines are what Git wants. Loaded when the tab opens and again when the app changes.
 */
export function DiffPanel(props: { appRef: ApplicationRef; version: string }) {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { runtime, namespace, name } = props.appRef;
  const diffs = useAsync(
    () => api.getManagedResources({ runtime, namespace, name }),
    [api, runtime, namespace, name, props.version],
  );
  if (diffs.error) return <ResponseErrorPanel error={diffs.error} />;
  if (!diffs.value) return <Progress />;
  const modified = diffs.value.items.filter(d => d.modified);
  if (modified.length === 0) {
    return (
      <Typography variant="body2">
        Every managed resource matches Git ({diffs.value.items.length}{' '}
        {diffs.value.items.length === 1 ? 'resource' : 'resources'}).
      </Typography>
    );
  }
  return (
    <>
      {modified.map(d => (
        <section
          key={`${d.group}/${d.kind}/${d.namespace ?? ''}/${d.name}`}
          className={classes.resource}
          aria-label={`Diff of ${d.kind}/${d.name}`}
        >
          <Typography variant="subtitle2" className={classes.title}>
            {d.kind}/{d.name}
            {d.namespace ? ` in ${d.namespace}` : ''} — {describe(d)}
          </Typography>
          {d.diff ? (
            <UnifiedDiff
              diff={d.diff}
              label={`Live versus desired ${d.kind}/${d.name}`}
            />
          ) : (
            <Typography variant="body2" color="textSecondary">
              The difference is only in fields Argo CD normalises.
            </Typography>
          )}
        </section>
      ))}
    </>
  );
}
