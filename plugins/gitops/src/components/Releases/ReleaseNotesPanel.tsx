import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { shortRevision } from '../common/revision';

const useStyles = makeStyles(theme => ({
  keys: { display: 'flex', flexWrap: 'wrap', gap: 4 },
  mono: { fontFamily: 'monospace' },
  section: { marginTop: theme.spacing(2) },
  subject: { whiteSpace: 'pre-wrap' },
}));

/** Commits between the version the target ran and the promoted one, their authors and issue keys, and image changes. */
export function ReleaseNotesPanel({ notes }: { notes?: ReleaseNotes }) {
  const classes = useStyles();
  if (!notes) {
    return (
      <Typography variant="body2" color="textSecondary">
        No release notes: the versions could not be compared.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        {notes.commits.length}{' '}
        {notes.commits.length === 1 ? 'commit' : 'commits'} by{' '}
        {notes.authors.length ? notes.authors.join(', ') : 'nobody known'}
      </Typography>
      {notes.issueKeys.length > 0 && (
        <div className={classes.keys} aria-label="Issue keys">
          {notes.issueKeys.map(k => (
            <Chip key={k} size="small" label={k} />
          ))}
        </div>
      )}
      {notes.commits.length > 0 && (
        <Table size="small" aria-label="Commits" className={classes.section}>
          <TableHead>
            <TableRow>
              <TableCell>Commit</TableCell>
              <TableCell>Message</TableCell>
              <TableCell>Author</TableCell>
              <TableCell>When</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {notes.commits.map(c => (
              <TableRow key={c.sha}>
                <TableCell className={classes.mono}>
                  {c.url ? (
                    <Link
                      href={c.url}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {shortRevision(c.sha)}
                    </Link>
                  ) : (
                    shortRevision(c.sha)
                  )}
                </TableCell>
                <TableCell className={classes.subject}>
                  {c.message.split('\n')[0]}
                  {c.issueKeys.length > 0 && (
                    <div className={classes.keys}>
                      {c.issueKeys.map(k => (
                        <Chip
                          key={k}
                          size="small"
                          variant="outlined"
                          label={k}
                        />
                      ))}
                    </div>
                  )}
                </TableCell>
                <TableCell>{c.author}</TableCell>
                <TableCell>
                  <Age at={c.date} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {notes.images.length > 0 && (
        <Table size="small" aria-label="Images" className={classes.section}>
          <TableHead>
            <TableRow>
              <TableCell>Image</TableCell>
              <TableCell>From</TableCell>
              <TableCell>To</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {notes.images.map(i => (
              <TableRow key={i.name}>
                <TableCell className={classes.mono}>{i.name}</TableCell>
                <TableCell className={classes.mono}>{i.from ?? '—'}</TableCell>
                <TableCell className={classes.mono}>{i.to ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
