import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { PromotionPreview } from '@slipway/plugin-gitops-common';
import { Countdown } from '../Releases/Countdown';
import { GATE_LABELS } from '../Releases/releaseStatus';
import { UnifiedDiff } from './UnifiedDiff';
import { HeadedTable } from '../common/HeadedTable';

const useStyles = makeStyles(theme => ({
  app: { marginTop: theme.spacing(2) },
  mono: { fontFamily: 'monospace' },
  file: { marginTop: theme.spacing(1) },
  gates: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
}));

/** True when the promotion would commit nothing at all. */
export const previewIsEmpty = (preview: PromotionPreview) =>
  preview.applications.every(a => a.noChange);

/**
 * What confirming would do: the gates that will hold the release, then per application the values
 * that change (file, path, from → to) and each file's unified diff.
 */
export function PromotionPreviewPanel({
  preview,
}: {
  preview: PromotionPreview;
}) {
  const classes = useStyles();
  const empty = previewIsEmpty(preview);
  return (
    <div aria-label="Promotion preview">
      <Typography variant="body2" gutterBottom>
        {preview.action === 'pull-request'
          ? 'Opens a pull request'
          : 'Commits to the branch'}{' '}
        for {preview.applications.length}{' '}
        {preview.applications.length === 1 ? 'application' : 'applications'}:{' '}
        <span className={classes.mono}>{preview.version}</span> from{' '}
        {preview.from} to {preview.to}.
      </Typography>
      {preview.gates.length > 0 && (
        <div className={classes.gates} aria-label="Gates">
          {preview.gates.map((gate, i) => (
            <Alert
              key={`${gate.type}-${i}`}
              severity={gate.type === 'freeze-window' ? 'warning' : 'info'}
            >
              <strong>{GATE_LABELS[gate.type] ?? gate.type}</strong>
              {gate.type === 'freeze-window'
                ? ' will hold this release'
                : ' will hold this release until it passes'}
              {gate.reason && `: ${gate.reason}`}
              {gate.until && (
                <>
                  {' '}
                  (
                  <Countdown
                    until={gate.until}
                    prefix={gate.type === 'freeze-window' ? 'lifts' : 'ends'}
                  />
                  )
                </>
              )}
            </Alert>
          ))}
        </div>
      )}
      {empty && (
        <Alert severity="success" className={classes.app}>
          Nothing to change: every application in {preview.to} already has these
          values. Promoting would commit nothing.
        </Alert>
      )}
      {preview.applications
        .filter(a => !a.noChange)
        .map(app => (
          <section
            key={`${app.application.runtime}/${app.application.name}`}
            className={classes.app}
            aria-label={`Changes to ${app.application.name}`}
          >
            <Typography variant="subtitle2">
              {app.application.name}{' '}
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {app.repoURL} · {app.branch} · {app.path}
              </Typography>
            </Typography>
            <HeadedTable
              label={`Values of ${app.application.name}`}
              columns={['File', 'Path', 'From', 'To']}
            >
              {app.changes.map(c => (
                <TableRow key={`${c.file}#${c.path}`}>
                  <TableCell className={classes.mono}>{c.file}</TableCell>
                  <TableCell className={classes.mono}>{c.path}</TableCell>
                  <TableCell className={classes.mono}>
                    {c.from ?? '—'}
                  </TableCell>
                  <TableCell className={classes.mono}>{c.to ?? '—'}</TableCell>
                </TableRow>
              ))}
            </HeadedTable>
            {app.files
              .filter(f => f.diff)
              .map(f => (
                <div key={f.path} className={classes.file}>
                  <UnifiedDiff diff={f.diff} label={`Diff of ${f.path}`} />
                </div>
              ))}
          </section>
        ))}
      {preview.applications.some(a => a.noChange) && !empty && (
        <Typography variant="caption" color="textSecondary">
          Unchanged:{' '}
          {preview.applications
            .filter(a => a.noChange)
            .map(a => a.application.name)
            .join(', ')}
        </Typography>
      )}
    </div>
  );
}
