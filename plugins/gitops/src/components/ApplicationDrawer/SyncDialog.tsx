import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type {
  ApplicationDetail,
  SyncApplicationRequest,
} from '@slipway/plugin-gitops-common';
import { Fragment, useMemo, useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { shortRevision } from '../common/revision';
import { SyncChip } from '../common/SyncChip';
import { managedResources, resourceKey } from './managedResources';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  resources: {
    maxHeight: 260,
    overflowY: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    padding: theme.spacing(0, 1),
  },
  resource: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  selectors: { display: 'flex', gap: theme.spacing(1) },
}));

type SyncOption = 'prune' | 'dryRun' | 'force';

/** The sync options Argo CD's own sync panel offers, all off by default. */
const SYNC_OPTIONS: Array<{ name: SyncOption; label: string; help: string }> = [
  {
    name: 'prune',
    label: 'Prune',
    help: 'Delete live resources that are no longer in Git.',
  },
  {
    name: 'dryRun',
    label: 'Dry run',
    help: 'Show what the sync would do without changing anything.',
  },
  {
    name: 'force',
    label: 'Force apply',
    help: 'Delete and re-create resources that cannot be updated in place. Use with care.',
  },
];

/**
 * Argo CD's sync panel: prune, dry run and force (all off until chosen) and which resources to sync.
 * For an app in a production environment it says so and asks to confirm syncing production.
 */
export function SyncDialog(props: {
  app: ApplicationDetail;
  onCancel: () => void;
  onSync: (request: SyncApplicationRequest) => void;
}) {
  const { app } = props;
  const classes = useStyles();
  const resources = useMemo(() => managedResources(app.resources), [app]);
  const [selected, setSelected] = useState(
    () => new Set(resources.map(resourceKey)),
  );
  const [options, setOptions] = useState<Record<SyncOption, boolean>>({
    prune: false,
    dryRun: false,
    force: false,
  });
  const { prune, dryRun, force } = options;
  const production = app.environmentTier === 'production';
  const source = app.sources[0];

  const toggle = (key: string) =>
    setSelected(current => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const submit = () => {
    const request: SyncApplicationRequest = {};
    if (prune) request.prune = true;
    if (dryRun) request.dryRun = true;
    if (force) request.force = true;
    // All selected is a full sync: only a partial sync names resources (and adds no history entry).
    if (selected.size < resources.length) {
      request.resources = resources
        .filter(r => selected.has(resourceKey(r)))
        .map(r => ({
          group: r.group,
          kind: r.kind,
          name: r.name,
          ...(r.namespace ? { namespace: r.namespace } : {}),
        }));
    }
    props.onSync(request);
  };

  let confirm = dryRun ? 'Dry run' : 'Synchronize';
  if (production && !dryRun) confirm = 'Sync production';
  return (
    <ConfirmDialog
      open
      wide
      titleId="gitops-sync-title"
      title={`Sync ${app.name}`}
      confirmLabel={confirm}
      confirmColor={production && !dryRun ? 'secondary' : 'primary'}
      confirmDisabled={resources.length > 0 && selected.size === 0}
      onCancel={props.onCancel}
      onConfirm={submit}
    >
      {production && (
        <Alert severity="warning" role="alert">
          This changes <strong>production</strong>: {app.name} runs in the
          production environment
          {app.environment ? ` "${app.environment}"` : ''} on runtime{' '}
          {app.runtime}.
        </Alert>
      )}
      <Typography variant="body2" className={classes.section}>
        Syncs to{' '}
        <strong>
          {source?.targetRevision || 'HEAD'}
          {app.sync.revision ? ` (${shortRevision(app.sync.revision)})` : ''}
        </strong>
        {source ? ` of ${source.repoURL}` : ''}.
      </Typography>
      <FormGroup className={classes.section}>
        {SYNC_OPTIONS.map(option => (
          <Fragment key={option.name}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={options[option.name]}
                  onChange={e =>
                    setOptions(current => ({
                      ...current,
                      [option.name]: e.target.checked,
                    }))
                  }
                />
              }
              label={option.label}
            />
            <FormHelperText>{option.help}</FormHelperText>
          </Fragment>
        ))}
      </FormGroup>
      {resources.length > 0 && (
        <div className={classes.section}>
          <div className={classes.selectors}>
            <Typography variant="subtitle2" style={{ flex: 1 }}>
              Resources ({selected.size} of {resources.length})
            </Typography>
            <Button
              size="small"
              onClick={() => setSelected(new Set(resources.map(resourceKey)))}
            >
              All
            </Button>
            <Button
              size="small"
              onClick={() =>
                setSelected(
                  new Set(
                    resources
                      .filter(r => r.syncStatus === 'OutOfSync')
                      .map(resourceKey),
                  ),
                )
              }
            >
              Out of sync
            </Button>
            <Button size="small" onClick={() => setSelected(new Set())}>
              None
            </Button>
          </div>
          <div
            className={classes.resources}
            role="group"
            aria-label="Resources to sync"
          >
            {resources.map(r => {
              const key = resourceKey(r);
              return (
                <div key={key} className={classes.resource}>
                  <FormControlLabel
                    style={{ flex: 1 }}
                    control={
                      <Checkbox
                        size="small"
                        checked={selected.has(key)}
                        onChange={() => toggle(key)}
                      />
                    }
                    label={`${r.kind}/${r.name}`}
                  />
                  {r.syncStatus && <SyncChip status={r.syncStatus} />}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </ConfirmDialog>
  );
}
