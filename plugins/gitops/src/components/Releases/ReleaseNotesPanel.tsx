import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReleaseNotes } from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { shortRevision } from '../common/revision';
import { HeadedTable } from '../common/HeadedTable';

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
        <HeadedTable
          label="Commits"
          columns={['Commit', 'Message', 'Author', 'When']}
          className={classes.section}
        >
          {notes.commits.map(c => (
            <TableRow key={c.sha}>
              <TableCell className={classes.mono}>
                {c.url ? (
                  <Link href={c.url} target="_blank" rel="noopener noreferrer">
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
                      <Chip key={k} size="small" variant="outlined" label={k} />
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
        </HeadedTable>
      )}
      {notes.images.length > 0 && (
        <HeadedTable
          label="Images"
          columns={['Image', 'From', 'To']}
          className={classes.section}
        >
          {notes.images.map(i => (
            <TableRow key={i.name}>
              <TableCell className={classes.mono}>{i.name}</TableCell>
              <TableCell className={classes.mono}>{i.from ?? '—'}</TableCell>
              <TableCell className={classes.mono}>{i.to ?? '—'}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </>
  );
}
