import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  Environment,
  PromotableValueDiff,
} from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  pickers: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 180 },
  // Doubled selector: the theme stripes table rows and would win otherwise.
  differs: {
    '&&': { background: theme.palette.type === 'dark' ? '#4a3b00' : '#fff4cc' },
    '& td:first-child': {
      boxShadow: `inset 4px 0 0 ${theme.palette.warning.main}`,
    },
    '& $value': { fontWeight: 700 },
  },
  value: { fontFamily: 'monospace' },
  problem: { fontStyle: 'italic', color: theme.palette.text.secondary },
}));

function Value(props: { value?: string; problem?: string }) {
  const classes = useStyles();
  if (props.value !== undefined)
    return <span className={classes.value}>{props.value}</span>;
  return <span className={classes.problem}>{props.problem ?? 'not set'}</span>;
}

function EnvironmentSelect(props: {
  label: string;
  value: string;
  environments: Environment[];
  onChange: (value: string) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={`gitops-diff-${props.label.toLowerCase()}`}
      label={props.label}
      variant="outlined"
      size="small"
      className={classes.select}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {props.environments.map(e => (
        <option key={e.name} value={e.name}>
          {e.title}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Two environments of a product side by side: every promotable value (what a promotion would copy)
 * per component, the ones that differ highlighted. Defaults to the last two environments. A runtime that
 * did not answer shows as a value that could not be read (the tab's banner names it).
 */
export function EnvironmentDiffPanel(props: {
  product: string;
  environments: Environment[];
}) {
  const classes = useStyles();
  const api = useApi(gitopsApiRef);
  const names = props.environments.map(e => e.name);
  const [from, setFrom] = useState(names[Math.max(0, names.length - 2)] ?? '');
  const [to, setTo] = useState(names[names.length - 1] ?? '');
  const diff = useAsync(
    () => api.getEnvironmentDiff(props.product, from, to),
    [api, props.product, from, to],
  );
  const title = (name: string) =>
    props.environments.find(e => e.name === name)?.title ?? name;

  if (names.length < 2) {
    return (
      <Typography variant="body2">
        The product needs two environments to compare.
      </Typography>
    );
  }

  let body: JSX.Element;
  if (from === to) {
    body = (
      <Typography variant="body2">Pick two different environments.</Typography>
    );
  } else if (diff.loading) {
    body = <Progress />;
  } else if (diff.error) {
    body = <ResponseErrorPanel error={diff.error} />;
  } else {
    const value = diff.value!;
    const rows = value.components.flatMap(c =>
      c.values.map((v: PromotableValueDiff) => ({
        component: c.component,
        ...v,
      })),
    );
    body = (
      <>
        <Typography variant="body2" gutterBottom>
          {value.differences === 0
            ? `${title(to)} has every promotable value of ${title(from)}.`
            : `${value.differences} ${
                value.differences === 1 ? 'value differs' : 'values differ'
              } between ${title(from)} and ${title(to)}.`}
        </Typography>
        {rows.length === 0 ? (
          <Typography variant="body2">
            The product lists no promotable values (spec.promotion.files).
          </Typography>
        ) : (
          <Table size="small" aria-label="Environment diff">
            <TableHead>
              <TableRow>
                <TableCell>Component</TableCell>
                <TableCell>File</TableCell>
                <TableCell>Path</TableCell>
                <TableCell>{title(from)}</TableCell>
                <TableCell>{title(to)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow
                  key={`${row.component}|${row.file}|${row.path}`}
                  className={row.differs ? classes.differs : undefined}
                  aria-label={`${row.component} ${row.file} ${row.path}${
                    row.differs ? ' differs' : ''
                  }`}
                >
                  <TableCell>{row.component}</TableCell>
                  <TableCell>{row.file}</TableCell>
                  <TableCell className={classes.value}>{row.path}</TableCell>
                  <TableCell>
                    <Value value={row.from} problem={row.fromProblem} />
                  </TableCell>
                  <TableCell>
                    <Value value={row.to} problem={row.toProblem} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </>
    );
  }

  return (
    <>
      <div className={classes.pickers}>
        <EnvironmentSelect
          label="From"
          value={from}
          environments={props.environments}
          onChange={setFrom}
        />
        <span aria-hidden>→</span>
        <EnvironmentSelect
          label="To"
          value={to}
          environments={props.environments}
          onChange={setTo}
        />
      </div>
      {body}
    </>
  );
}
