import { makeStyles } from '@material-ui/core/styles';
import { FilterBar, FilterSelects } from '../common/FilterBar';
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
      <FilterSelects
        idPrefix="gitops-releases-"
        className={classes.select}
        values={{ product: props.product, status: props.status }}
        selects={[
          ...(props.products
            ? [
                {
                  key: 'product' as const,
                  label: 'Product',
                  options: props.products.map(p => ({
                    value: p.name,
                    label: p.title,
                  })),
                },
              ]
            : []),
          {
            key: 'status',
            label: 'Status',
            options: RELEASE_STATUSES.map(s => ({
              value: s,
              label: statusLabel(s),
            })),
          },
        ]}
        onChange={props.onChange}
      />
    </FilterBar>
  );
}
