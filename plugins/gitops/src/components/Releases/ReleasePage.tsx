import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Release } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useReloadOnSignal } from '../../hooks/useReloadOnSignal';
import { Age } from '../common/Age';
import { shortRevision } from '../common/revision';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { ReleaseDuration } from './Countdown';
import { ReleaseActions } from './ReleaseActions';
import { FreezeOverrideActions } from './FreezeOverrideActions';
import { ReleaseFlowGraph } from './ReleaseFlowGraph';
import { ReleaseNotesPanel } from './ReleaseNotesPanel';
import { ReleaseStatusChip } from './ReleaseStatusChip';
import { ReleaseStepPanel } from './ReleaseStepPanel';
import { isReleaseFinished } from './releaseStatus';
import { releaseName } from '@slipway/plugin-gitops-common';
import { ActorLink } from '../common/ActorLink';
import { useDeliveryTabLink } from '../common/deliveryLinks';
import {
  DeliveryTitles,
  useDeliveryTitles,
} from '../../hooks/useDeliveryBoard';
import { useReleaseLink } from './useReleaseLink';

/** While a release runs its page polls every 2 s; a finished one only rarely changes (notes, links). */
export const RUNNING_RELEASE_POLL_MS = 2_000;
const FINISHED_RELEASE_POLL_MS = 60_000;

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(0, 0, 2),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  version: { fontFamily: 'monospace' },
  error: { color: theme.palette.error.main, whiteSpace: 'pre-wrap' },
  message: {
    whiteSpace: 'pre-wrap',
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    margin: 0,
  },
  steps: { display: 'flex', flexDirection: 'column', gap: theme.spacing(3) },
  step: { borderRadius: 4, transition: 'box-shadow 0.3s' },
  selectedStep: { boxShadow: `0 0 0 2px ${theme.palette.primary.main}` },
}));

function ReleaseHeader({
  release,
  titles,
}: {
  release: Release;
  titles: DeliveryTitles;
}) {
  const classes = useStyles();
  const releaseLink = useReleaseLink();
  const deliveryLink = useDeliveryTabLink();
  const product = titles.productOf(release.product);
  const productLink = product && deliveryLink(product);
  const supersededLink =
    release.supersededBy && releaseLink(release.supersededBy);
  return (
    <>
      <dl className={classes.facts}>
        <dt>Product</dt>
        <dd>
          {productLink ? (
            <Link to={productLink}>{titles.product(release.product)}</Link>
          ) : (
            titles.product(release.product)
          )}
        </dd>
        <dt>Version</dt>
        <dd className={classes.version}>{release.version}</dd>
        <dt>Kind</dt>
        <dd>
          {release.kind === 'flow' && release.flow
            ? `flow ${release.flow}`
            : release.kind}
        </dd>
        <dt>From</dt>
        <dd>
          {titles.environment(release.sourceEnvironment)}
          {release.sourceRevision && (
            <span className={classes.version}>
              {' '}
              @ {shortRevision(release.sourceRevision)}
            </span>
          )}
        </dd>
        <dt>Initiator</dt>
        <dd>
          <ActorLink actor={release.initiator} />
        </dd>
        <dt>Started</dt>
        <dd>
          <Age at={release.createdAt} /> · <ReleaseDuration release={release} />
          {!release.finishedAt && ' so far'}
        </dd>
        {release.supersededBy && (
          <>
            <dt>Superseded by</dt>
            <dd>
              {supersededLink ? (
                <Link to={supersededLink}>a newer release</Link>
              ) : (
                'a newer release'
              )}
            </dd>
          </>
        )}
      </dl>
      {release.error && (
        <Typography className={classes.error} role="alert" variant="body2">
          {release.error}
        </Typography>
      )}
      {release.message && (
        <pre className={classes.message} aria-label="Commit message">
          {release.message}
        </pre>
      )}
    </>
  );
}

/**
 * One release: what it promotes and who started it, its flow as a graph, each step's gates and
 * application changes, the release notes, and the actions, refreshed every 2 s while it runs.
 */
export function ReleasePage(props: { id?: string }) {
  const params = useParams();
  const id = props.id ?? params.id ?? '';
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const [finished, setFinished] = useState(false);
  const [selected, setSelected] = useState<string>();
  const titles = useDeliveryTitles();
  const data = useAutoRefresh(
    async () => {
      const release = await api.getRelease(id);
      setFinished(isReleaseFinished(release.status));
      return release;
    },
    [api, id],
    finished ? FINISHED_RELEASE_POLL_MS : RUNNING_RELEASE_POLL_MS,
  );
  // The engine's change notice reloads at once.
  useReloadOnSignal(`gitops:release:${id}`, data.retry);

  if (!data.value) {
    return data.error ? (
      <ResponseErrorPanel error={data.error} />
    ) : (
      <Progress />
    );
  }
  const release = data.value;
  const select = (environment: string) => {
    setSelected(environment);
    document
      .getElementById(`gitops-step-${environment}`)
      ?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Link to="..">← All releases</Link>
        {data.error && (
          <StaleDataNotice
            error={data.error}
            loadedAt={data.loadedAt}
            onRetry={data.retry}
          />
        )}
      </Grid>
      <Grid item xs={12} lg={4}>
        <InfoCard
          title={
            <span className={classes.title}>
              <span title={`Release ${release.id}`}>
                {releaseName(release, titles)}
              </span>
              <ReleaseStatusChip status={release.status} />
            </span>
          }
        >
          <ReleaseHeader release={release} titles={titles} />
          <ReleaseActions release={release} onDone={() => data.retry()} />
          <FreezeOverrideActions
            release={release}
            onDone={() => data.retry()}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={8}>
        <InfoCard title="Flow" subheader="Select a step to see its details">
          <ReleaseFlowGraph
            release={release}
            selected={selected}
            onSelect={select}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Steps">
          <div className={classes.steps}>
            {release.steps.map(step => (
              <div
                key={step.environment}
                id={`gitops-step-${step.environment}`}
                className={`${classes.step} ${
                  selected === step.environment ? classes.selectedStep : ''
                }`}
              >
                <ReleaseStepPanel step={step} />
              </div>
            ))}
          </div>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Release notes">
          <ReleaseNotesPanel notes={release.notes} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
