import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent } from 'react';
import { RELEASE_STATUSES, statusLabel } from './releaseStatus';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 170 },
}));

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      className={classes.select}
      value={props.value ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        props.onChange(e.target.value || undefined)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Product (portal-wide view only) and status selects. */
export function ReleasesFilters(props: {
  product?: string;
  status?: string;
  products?: Array<{ name: string; title: string }>;
  onChange: (key: 'product' | 'status', value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      {props.products && (
        <FilterSelect
          id="gitops-releases-product"
          label="Product"
          value={props.product}
          options={props.products.map(p => ({ value: p.name, label: p.title }))}
          onChange={v => props.onChange('product', v)}
        />
      )}
      <FilterSelect
        id="gitops-releases-status"
        label="Status"
        value={props.status}
        options={RELEASE_STATUSES.map(s => ({
          value: s,
          label: statusLabel(s),
        }))}
        onChange={v => props.onChange('status', v)}
      />
      {(props.product || props.status) && (
        <Button
          size="small"
          onClick={() => {
            props.onChange('status', undefined);
            if (props.products) props.onChange('product', undefined);
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
