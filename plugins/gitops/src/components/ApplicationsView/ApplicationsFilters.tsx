import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationFilter,
  HEALTH_STATUSES,
  SYNC_STATUSES,
} from '@slipway/plugin-gitops-common';
import { FilterBar, FilterSelect } from '../common/FilterBar';
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
      <FilterSelect
        id="gitops-filter-runtime"
        className={classes.select}
        label="Runtime"
        value={filter.runtime}
        options={props.runtimes}
        onChange={v => onChange('runtime', v)}
      />
      <FilterSelect
        id="gitops-filter-product"
        className={classes.select}
        label="Product"
        value={filter.product}
        options={props.products}
        onChange={v => onChange('product', v)}
      />
      <FilterSelect
        id="gitops-filter-environment"
        className={classes.select}
        label="Environment"
        value={filter.environment}
        options={props.environments}
        onChange={v => onChange('environment', v)}
      />
      <FilterSelect
        id="gitops-filter-health"
        className={classes.select}
        label="Health"
        value={filter.health}
        options={HEALTH_STATUSES}
        onChange={v => onChange('health', v)}
      />
      <FilterSelect
        id="gitops-filter-sync"
        className={classes.select}
        label="Sync"
        value={filter.sync}
        options={SYNC_STATUSES}
        onChange={v => onChange('sync', v)}
      />
    </FilterBar>
  );
}
