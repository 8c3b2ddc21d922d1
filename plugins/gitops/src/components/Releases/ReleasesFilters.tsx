import { makeStyles } from '@material-ui/core/styles';
import { FilterBar, FilterSelect } from '../common/FilterBar';
import { RELEASE_STATUSES, statusLabel } from './releaseStatus';

const useStyles = makeStyles({
  select: { minWidth: 170 },
});

/** Product (portal-wide view only) and status selects. */
export function ReleasesFilters(props: {
  product?: string;
  status?: string;
  products?: Array<{ name: string; title: string }>;
  onChange: (key: 'product' | 'status', value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <FilterBar
      active={!!(props.product || props.status)}
      onClear={() => {
        props.onChange('status', undefined);
        if (props.products) props.onChange('product', undefined);
      }}
    >
      {props.products && (
        <FilterSelect
          id="gitops-releases-product"
          className={classes.select}
          label="Product"
          value={props.product}
          options={props.products.map(p => ({ value: p.name, label: p.title }))}
          onChange={v => props.onChange('product', v)}
        />
      )}
      <FilterSelect
        id="gitops-releases-status"
        className={classes.select}
        label="Status"
        value={props.status}
        options={RELEASE_STATUSES.map(s => ({
          value: s,
          label: statusLabel(s),
        }))}
        onChange={v => props.onChange('status', v)}
      />
    </FilterBar>
  );
}
