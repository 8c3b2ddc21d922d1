import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationFilter,
  HEALTH_STATUSES,
  SYNC_STATUSES,
} from '@slipway/plugin-gitops-common';
import { ChangeEvent } from 'react';
import { UrlSearchField } from '../common/UrlSearchField';
import type { FilterKey } from './useApplicationsQuery';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  search: { minWidth: 280, flexGrow: 1, maxWidth: 480 },
  select: { minWidth: 150 },
}));

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={`gitops-filter-${props.label.toLowerCase()}`}
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
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </TextField>
  );
}

/** Runtime, product, environment, health and sync selects and a search box over name and commit message. */
export function ApplicationsFilters(props: {
  filter: ApplicationFilter;
  runtimes: string[];
  products: string[];
  environments: string[];
  onChange: (key: FilterKey, value: string | undefined) => void;
  onClear: () => void;
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  const active = Object.values(filter).some(Boolean);
  return (
    <div className={classes.root}>
      <UrlSearchField
        className={classes.search}
        value={filter.q}
        onChange={v => onChange('q', v)}
        label="Search applications"
        placeholder="Search name or commit message"
      />
      <FilterSelect
        label="Runtime"
        value={filter.runtime}
        options={props.runtimes}
        onChange={v => onChange('runtime', v)}
      />
      <FilterSelect
        label="Product"
        value={filter.product}
        options={props.products}
        onChange={v => onChange('product', v)}
      />
      <FilterSelect
        label="Environment"
        value={filter.environment}
        options={props.environments}
        onChange={v => onChange('environment', v)}
      />
      <FilterSelect
        label="Health"
        value={filter.health}
        options={HEALTH_STATUSES}
        onChange={v => onChange('health', v)}
      />
      <FilterSelect
        label="Sync"
        value={filter.sync}
        options={SYNC_STATUSES}
        onChange={v => onChange('sync', v)}
      />
      {active && (
        <Button size="small" onClick={props.onClear}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
