import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent, ReactNode } from 'react';
import { FilterBar, FilterSelects } from '../common/FilterBar';
import {
  BUCKET_SIZES,
  InsightsFilter,
  InsightsFilterKey,
} from './insightsParams';

const useStyles = makeStyles(theme => ({
  select: { minWidth: 160 },
  date: { minWidth: 160 },
  end: { marginLeft: 'auto', display: 'flex', gap: theme.spacing(1) },
}));

const BUCKET_LABELS = { day: 'Day', week: 'Week', month: 'Month' };

/** Product, owner and production environment selects, a date range (to exclusive) and the bucket size. */
export function InsightsFilters(props: {
  filter: InsightsFilter;
  products: string[];
  owners: string[];
  environments: string[];
  onChange: (key: InsightsFilterKey, value: string | undefined) => void;
  onClear: () => void;
  actions?: ReactNode;
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  const active = Object.values(filter).some(Boolean);
  const date = (key: 'from' | 'to', label: string) => (
    <TextField
      id={`gitops-insights-filter-${key}`}
      type="date"
      label={label}
      variant="outlined"
      size="small"
      className={classes.date}
      value={filter[key] ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        onChange(key, e.target.value || undefined)
      }
      InputLabelProps={{ shrink: true }}
    />
  );
  return (
    <FilterBar
      active={active}
      onClear={props.onClear}
      trailing={<div className={classes.end}>{props.actions}</div>}
    >
      <FilterSelects
        idPrefix="gitops-insights-filter-"
        className={classes.select}
        values={filter}
        selects={[
          { key: 'product', label: 'Product', options: props.products },
          { key: 'owner', label: 'Owner', options: props.owners },
          {
            key: 'environment',
            label: 'Environment',
            options: props.environments,
          },
        ]}
        onChange={onChange}
      />
      {date('from', 'From')}
      {date('to', 'To (exclusive)')}
      <TextField
        select
        id="gitops-insights-filter-bucket"
        label="Per"
        variant="outlined"
        size="small"
        className={classes.select}
        value={filter.bucket ?? 'week'}
        onChange={(e: ChangeEvent<HTMLInputElement>) =>
          onChange('bucket', e.target.value)
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {BUCKET_SIZES.map(b => (
          <option key={b} value={b}>
            {BUCKET_LABELS[b]}
          </option>
        ))}
      </TextField>
    </FilterBar>
  );
}
