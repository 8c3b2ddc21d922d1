import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ApplicationRef,
  HistoryEntry,
} from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { shortRevision } from '../common/revision';
import { GitRevision, gitRevisions } from './historyRevisions';
import { useRevisionMetadata } from './useRevisionMetadata';

/** Entries whose commit metadata loads as soon as the history is shown; older ones load on demand. */
export const AUTO_LOADED_ENTRIES = 5;

/** A revision with its commit's subject, body and author, loaded now or on a click. */
export function CommitInfo(props: {
  appRef: ApplicationRef;
  target: GitRevision;
  autoLoad: boolean;
}) {
  const { metadata, error, loading, load } = useRevisionMetadata(
    props.appRef,
    props.target,
    props.autoLoad,
  );
  const revision = <code>{shortRevision(props.target.revision)}</code>;
  if (metadata) {
    const [subject, ...body] = (metadata.message ?? '').split('\n');
    return (
      <div>
        {revision} <strong>{subject || '(no message)'}</strong>
        {body.join('\n').trim() && (
          <Typography
            variant="caption"
            component="div"
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {body.join('\n').trim()}
          </Typography>
        )}
        <Typography variant="caption" color="textSecondary" component="div">
          {metadata.author ?? 'unknown author'}
          {metadata.tags.length > 0 && ` · tags ${metadata.tags.join(', ')}`}
        </Typography>
      </div>
    );
  }
  return (
    <div>
      {revision}{' '}
      {loading && (
        <Typography variant="caption" color="textSecondary">
          loading commit…
        </Typography>
      )}
      {!loading && error && (
        <Typography variant="caption" color="error">
          commit unavailable: {error.message}{' '}
          <Button size="small" onClick={load}>
            Retry
          </Button>
        </Typography>
      )}
      {!loading && !error && (
        <Button size="small" onClick={load}>
          Show commit
        </Button>
      )}
    </div>
  );
}

function initiator(entry: HistoryEntry): string {
  if (entry.initiatedBy?.automated) return 'automated sync';
  return entry.initiatedBy?.username ?? '—';
}

/** Deployment history, newest first, with the commit author and message of each revision. */
export function HistoryPanel(props: {
  appRef: ApplicationRef;
  history: HistoryEntry[];
}) {
  if (props.history.length === 0) {
    return (
      <Typography variant="body2">No deployments recorded yet.</Typography>
    );
  }
  const entries = [...props.history].sort((a, b) => b.id - a.id);
  return (
    <Table size="small" aria-label="Deployment history">
      <TableHead>
        <TableRow>
          <TableCell>#</TableCell>
          <TableCell>Deployed</TableCell>
          <TableCell>Revision and commit</TableCell>
          <TableCell>Initiated by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entries.map((entry, index) => {
          const targets = gitRevisions(entry);
          const fallback = entry.revision ?? entry.revisions?.join(', ');
          return (
            <TableRow key={entry.id}>
              <TableCell>{entry.id}</TableCell>
              <TableCell>
                <Age at={entry.deployedAt} />
              </TableCell>
              <TableCell>
                {targets.length === 0 && <code>{fallback ?? '—'}</code>}
                {targets.map(target => (
                  <CommitInfo
                    key={`${target.sourceIndex ?? ''}:${target.revision}`}
                    appRef={props.appRef}
                    target={target}
                    autoLoad={index < AUTO_LOADED_ENTRIES}
                  />
                ))}
              </TableCell>
              <TableCell>{initiator(entry)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
