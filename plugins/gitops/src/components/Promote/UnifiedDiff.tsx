import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => {
  const dark = theme.palette.type === 'dark';
  return {
    diff: {
      margin: 0,
      padding: theme.spacing(1, 0),
      overflowX: 'auto',
      fontFamily: 'monospace',
      fontSize: 12,
      lineHeight: 1.5,
      background: dark ? '#1e1e1e' : '#fafbfc',
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: 4,
    },
    line: {
      display: 'block',
      padding: theme.spacing(0, 1.5),
      whiteSpace: 'pre',
    },
    added: {
      background: dark ? '#12381f' : '#e6ffec',
      color: dark ? '#aff5b4' : '#116329',
    },
    removed: {
      background: dark ? '#4b1818' : '#ffebe9',
      color: dark ? '#ffdcd7' : '#82071e',
    },
    hunk: {
      color: dark ? '#79c0ff' : '#0550ae',
      background: dark ? '#0c2d6b' : '#ddf4ff',
    },
    header: { color: theme.palette.text.secondary, fontWeight: 600 },
  };
});

type LineKind = 'added' | 'removed' | 'hunk' | 'header' | 'context';

function kindOf(line: string): LineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

/** A unified diff with added lines green, removed lines red and hunk headers blue. */
export function UnifiedDiff(props: { diff: string; label: string }) {
  const classes = useStyles();
  const lines = props.diff.replace(/\n$/, '').split('\n');
  return (
    <pre className={classes.diff} aria-label={props.label}>
      {lines.map((line, i) => {
        const kind = kindOf(line);
        return (
          <span
            key={i}
            data-diff={kind}
            className={`${classes.line} ${
              kind === 'context' ? '' : classes[kind]
            }`}
          >
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}
