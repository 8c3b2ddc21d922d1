import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/ui';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { ApplicationRef } from '@slipway/plugin-gitops-common';
import { useRef, useState } from 'react';
import { gitopsApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { HealthChip } from '../common/HealthChip';
import { StaleDataNotice } from '../common/StaleDataNotice';
import { SyncChip } from '../common/SyncChip';
import { ApplicationActions } from './ApplicationActions';
import { argoCdLink } from './argoLink';
import { ConditionsPanel } from './ConditionsPanel';
import { DiffPanel } from './DiffPanel';
import { EventsPanel } from './EventsPanel';
import { HistoryPanel } from './HistoryPanel';
import { ResourcesPanel } from './ResourcesPanel';
import { SummaryPanel } from './SummaryPanel';
import {
  RevisionMetadataCache,
  RevisionMetadataCacheContext,
} from './useRevisionMetadata';

const useStyles = makeStyles(theme => ({
  header: { marginBottom: theme.spacing(2) },
  chips: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
    margin: theme.spacing(1, 0, 2),
  },
  panel: { paddingTop: theme.spacing(2) },
}));

type Panel =
  | 'summary'
  | 'resources'
  | 'diff'
  | 'events'
  | 'history'
  | 'conditions';

/** One application in detail; reloads every 15 s while open and right after an action. */
export function ApplicationDetails(props: {
  appRef: ApplicationRef;
  uiUrl?: string;
}) {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { runtime, namespace, name } = props.appRef;
  const detail = useAutoRefresh(
    () => api.getApplication({ runtime, namespace, name }),
    [api, runtime, namespace, name],
  );
  const [panel, setPanel] = useState<Panel>('summary');
  const metadataCache = useRef<RevisionMetadataCache>(new Map());

  const app = detail.value;
  if (!app) {
    return detail.error ? (
      <ResponseErrorPanel error={detail.error} />
    ) : (
      <Progress />
    );
  }
  const link = argoCdLink(app, props.uiUrl);
  // Diff and events reload when the app's state changes, not on every poll.
  const version = [
    app.sync.status,
    app.sync.revision,
    app.health.status,
    app.operation?.phase,
    app.operationState?.finishedAt,
  ].join('|');
  return (
    <RevisionMetadataCacheContext.Provider value={metadataCache.current}>
      <div className={classes.header}>
        <Typography variant="h5" component="h2">
          {app.name}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {app.runtime} · {app.namespace}
          {app.product ? ` · product ${app.product}` : ''}
          {app.environment ? ` · ${app.environment}` : ''}
        </Typography>
        <div className={classes.chips}>
          <HealthChip status={app.health.status} message={app.health.message} />
          <SyncChip
            status={app.sync.status}
            syncing={app.operation?.phase === 'Running'}
            tooltip={app.operation?.message}
          />
          {link && (
            <Link href={link} target="_blank" rel="noopener noreferrer">
              Open in Argo CD <OpenInNewIcon fontSize="inherit" />
            </Link>
          )}
        </div>
        <ApplicationActions
          appRef={props.appRef}
          app={app}
          onDone={detail.retry}
        />
      </div>
      {detail.error && (
        <StaleDataNotice
          error={detail.error}
          loadedAt={detail.loadedAt}
          onRetry={detail.retry}
        />
      )}
      <Tabs
        value={panel}
        onChange={(_e, value: Panel) => setPanel(value)}
        indicatorColor="primary"
        variant="scrollable"
      >
        <Tab value="summary" label="Summary" />
        <Tab
          value="resources"
          label={`Resources (${
            app.resourcesError ? '?' : app.resources.length
          })`}
        />
        <Tab
          value="diff"
          label={
            app.sync.status === 'OutOfSync' ? 'Diff (out of sync)' : 'Diff'
          }
        />
        <Tab value="events" label="Events" />
        <Tab value="history" label={`History (${app.history.length})`} />
        <Tab
          value="conditions"
          label={`Conditions (${app.conditions.length})`}
        />
      </Tabs>
      <div className={classes.panel}>
        {panel === 'summary' && <SummaryPanel app={app} />}
        {panel === 'resources' && (
          <ResourcesPanel
            resources={app.resources}
            error={app.resourcesError}
          />
        )}
        {panel === 'diff' && (
          <DiffPanel appRef={props.appRef} version={version} />
        )}
        {panel === 'events' && (
          <EventsPanel
            appRef={props.appRef}
            resources={app.resources}
            version={version}
          />
        )}
        {panel === 'history' && (
          <HistoryPanel appRef={props.appRef} history={app.history} />
        )}
        {panel === 'conditions' && (
          <ConditionsPanel conditions={app.conditions} />
        )}
      </div>
    </RevisionMetadataCacheContext.Provider>
  );
}
