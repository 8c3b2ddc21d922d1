import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { HEALTH_STATUSES } from '@slipway/plugin-gitops-common';
import { FilterBar, FilterSelects } from '../common/FilterBar';
import { UrlSearchField } from '../common/UrlSearchField';
import type { BoardQuery, BoardView } from './boardParams';

const useStyles = makeStyles({
  search: { minWidth: 240, flexGrow: 1, maxWidth: 420 },
  select: { minWidth: 160 },
  view: { marginLeft: 'auto' },
});

export function ownerLabel(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

/** Product text, owner and health filters and the compact/detailed switch; all kept in the URL. */
export function BoardFilters(props: {
  query: BoardQuery;
  owners: string[];
  onChange: (key: 'q' | 'owner' | 'health' | 'view', value?: string) => void;
  onClear: () => void;
}) {
  const classes = useStyles();
  const { query, onChange } = props;
  const active = !!(query.q || query.owner || query.health);
  return (
    <FilterBar
      active={active}
      onClear={props.onClear}
      trailing={
        <ToggleButtonGroup
          className={classes.view}
          size="small"
          exclusive
          value={query.view}
          aria-label="Board view"
          onChange={(_e, value: BoardView | null) => {
            if (value)
              onChange('view', value === 'compact' ? undefined : value);
          }}
        >
          <ToggleButton value="compact" aria-label="Compact view">
            Compact
          </ToggleButton>
          <ToggleButton value="detailed" aria-label="Detailed view">
            Detailed
          </ToggleButton>
        </ToggleButtonGroup>
      }
    >
      <UrlSearchField
        className={classes.search}
        value={query.q}
        onChange={v => onChange('q', v)}
        label="Filter products"
        placeholder="Filter products"
      />
      <FilterSelects
        idPrefix="gitops-board-"
        className={classes.select}
        values={query}
        selects={[
          {
            key: 'owner',
            label: 'Owner',
            options: props.owners.map(o => ({
              value: o,
              label: ownerLabel(o),
            })),
          },
          { key: 'health', label: 'Health', options: HEALTH_STATUSES },
        ]}
        onChange={onChange}
      />
    </FilterBar>
  );
}
