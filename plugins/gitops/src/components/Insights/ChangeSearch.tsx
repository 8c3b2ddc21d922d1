import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ChangeLocation,
  ChangeSearchResponse,
} from '@slipway/plugin-gitops-common';
import { FormEvent, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { useUpdateSearchParams } from '../../hooks/useUpdateSearchParams';
import { HeadedTable } from '../common/HeadedTable';
import { StatusChip } from '../common/StatusChip';
import { formatAge, formatTimestamp } from '../common/time';
import { useReleaseLink } from '../Releases/useReleaseLink';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  form: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  field: { flexGrow: 1, maxWidth: 520 },
  answer: { marginTop: theme.spacing(2) },
  product: { marginTop: theme.spacing(2) },
}));

const KINDS: Record<ChangeSearchResponse['kind'], string> = {
  issue: 'issue key',
  commit: 'commit SHA',
  text: 'author or image tag',
};

function ReleaseLink({ id, label }: { id: string; label?: string }) {
  const releaseLink = useReleaseLink();
  if (id === 'outside') return <>outside Slipway</>;
  const link = releaseLink(id);
  return link ? <Link to={link}>{label ?? id}</Link> : <>{label ?? id}</>;
}

function Since({ at }: { at?: string }) {
  if (!at) return <>—</>;
  return (
    <time dateTime={at} title={formatTimestamp(at)}>
      {formatTimestamp(at)} ({formatAge(at)})
    </time>
  );
}

function ProductLocations(props: {
  product: string;
  locations: ChangeLocation[];
}) {
  return (
    <HeadedTable
      label={`Where the change runs in ${props.product}`}
      columns={['Environment', 'Deployed', 'Since', 'Release', 'Version']}
    >
      {props.locations.map(l => (
        <TableRow key={l.environment}>
          <TableCell>{l.environment}</TableCell>
          <TableCell>
            {l.deployed ? (
              <StatusChip
                label="Deployed"
                color="#18be94"
                tooltip={l.outcome ? `Latest outcome: ${l.outcome}` : undefined}
              />
            ) : (
              <StatusChip label="Not deployed" color="#b0bec5" />
            )}
          </TableCell>
          <TableCell>{l.deployed ? <Since at={l.since} /> : '—'}</TableCell>
          <TableCell>
            {l.releaseId ? <ReleaseLink id={l.releaseId} /> : '—'}
          </TableCell>
          <TableCell>{l.version ?? '—'}</TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}

function ChangeAnswer({ answer }: { answer: ChangeSearchResponse }) {
  const classes = useStyles();
  const byProduct = new Map<string, ChangeLocation[]>();
  for (const l of answer.environments) {
    byProduct.set(l.product, [...(byProduct.get(l.product) ?? []), l]);
  }
  if (byProduct.size === 0 && answer.releases.length === 0) {
    return (
      <Typography variant="body2" className={classes.answer}>
        No release notes or production history name “{answer.query}” (read as an{' '}
        {KINDS[answer.kind]}).
      </Typography>
    );
  }
  return (
    <div className={classes.answer} aria-label={`Where ${answer.query} runs`}>
      <Typography variant="body2" color="textSecondary">
        “{answer.query}”, read as {KINDS[answer.kind]}
        {answer.releases.length > 0 && (
          <>
            , is named by{' '}
            {answer.releases.map((r, i) => (
              <span key={r.id}>
                {i > 0 && ', '}
                <ReleaseLink
                  id={r.id}
                  label={`${r.product} ${r.version} (${r.status})`}
                />
              </span>
            ))}
          </>
        )}
        .
      </Typography>
      {[...byProduct].map(([product, locations]) => (
        <div key={product} className={classes.product}>
          <Typography variant="subtitle2" component="h4">
            {product}
          </Typography>
          <ProductLocations product={product} locations={locations} />
        </div>
      ))}
    </div>
  );
}

/**
 * "Where is my change?": an issue key, a commit SHA, an author or an image tag, answered per
 * environment (deployed or not, since when, by which release). The query is kept in `?change=`.
 */
export function ChangeSearch() {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const { params, update } = useUpdateSearchParams();
  const q = params.get('change')?.trim() ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const answer = useAsync(
    async () => (q.length >= 2 ? api.findChange(q) : undefined),
    [api, q],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ change: text.trim() || undefined });
  };

  return (
    <Paper
      variant="outlined"
      className={classes.root}
      role="search"
      aria-label="Where is my change?"
    >
      <Typography variant="h6" component="h2" gutterBottom>
        Where is my change?
      </Typography>
      <form className={classes.form} onSubmit={submit}>
        <TextField
          id="gitops-change-search"
          className={classes.field}
          variant="outlined"
          size="small"
          type="search"
          label="Issue key, commit, author or image tag"
          placeholder="e.g. PAY-123, 3f9c2ab, alice, 1.8.0"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{ minLength: 2, maxLength: 200 }}
        />
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={text.trim().length < 2}
        >
          Find
        </Button>
      </form>
      {answer.loading && <Progress />}
      {answer.error && (
        <div className={classes.answer}>
          <ResponseErrorPanel error={answer.error} />
        </div>
      )}
      {answer.value && <ChangeAnswer answer={answer.value} />}
    </Paper>
  );
}
