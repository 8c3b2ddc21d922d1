import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { HEALTH_STATUSES } from '@slipway/plugin-gitops-common';
import { UrlSearchField } from '../common/UrlSearchField';
import type { BoardQuery, BoardView } from './boardParams';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  search: { minWidth: 240, flexGrow: 1, maxWidth: 420 },
  select: { minWidth: 160 },
  view: { marginLeft: 'auto' },
}));

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
    <div className={classes.root}>
      <UrlSearchField
        className={classes.search}
        value={query.q}
        onChange={v => onChange('q', v)}
        label="Filter products"
        placeholder="Filter products"
      />
      <TextField
        select
        id="gitops-board-owner"
        label="Owner"
        variant="outlined"
        size="small"
        className={classes.select}
        value={query.owner ?? ''}
        onChange={e => onChange('owner', e.target.value || undefined)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All</option>
        {props.owners.map(o => (
          <option key={o} value={o}>
            {ownerLabel(o)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="gitops-board-health"
        label="Health"
        variant="outlined"
        size="small"
        className={classes.select}
        value={query.health ?? ''}
        onChange={e => onChange('health', e.target.value || undefined)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">All</option>
        {HEALTH_STATUSES.map(h => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </TextField>
      {active && (
        <Button size="small" onClick={props.onClear}>
          Clear filters
        </Button>
      )}
      <ToggleButtonGroup
        className={classes.view}
        size="small"
        exclusive
        value={query.view}
        aria-label="Board view"
        onChange={(_e, value: BoardView | null) => {
          if (value) onChange('view', value === 'compact' ? undefined : value);
        }}
      >
        <ToggleButton value="compact" aria-label="Compact view">
          Compact
        </ToggleButton>
        <ToggleButton value="detailed" aria-label="Detailed view">
          Detailed
        </ToggleButton>
      </ToggleButtonGroup>
    </div>
  );
}
