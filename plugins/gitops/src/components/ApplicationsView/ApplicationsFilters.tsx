import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationFilter,
  HEALTH_STATUSES,
  SYNC_STATUSES,
} from '@slipway/plugin-gitops-common';
import { FilterBar, FilterSelects } from '../common/FilterBar';
import { UrlSearchField } from '../common/UrlSearchField';
import type { FilterKey } from './useApplicationsQuery';

const useStyles = makeStyles({
  search: { minWidth: 280, flexGrow: 1, maxWidth: 480 },
  select: { minWidth: 150 },
});

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
    <FilterBar active={active} onClear={props.onClear}>
      <UrlSearchField
        className={classes.search}
        value={filter.q}
        onChange={v => onChange('q', v)}
        label="Search applications"
        placeholder="Search name or commit message"
      />
      <FilterSelects
        idPrefix="gitops-filter-"
        className={classes.select}
        values={filter}
        selects={[
          { key: 'runtime', label: 'Runtime', options: props.runtimes },
          { key: 'product', label: 'Product', options: props.products },
          {
            key: 'environment',
            label: 'Environment',
            options: props.environments,
          },
          { key: 'health', label: 'Health', options: HEALTH_STATUSES },
          { key: 'sync', label: 'Sync', options: SYNC_STATUSES },
        ]}
        onChange={onChange}
      />
    </FilterBar>
  );
}
