import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import type { AuditFilter } from '@slipway/plugin-gitops-common';
import { ChangeEvent } from 'react';
import { FilterBar, FilterSelects } from '../common/FilterBar';
import { UrlSearchField } from '../common/UrlSearchField';
import {
  AUDIT_OUTCOMES,
  AuditFilterKey,
  fromLocalInput,
  toLocalInput,
} from './auditParams';

const useStyles = makeStyles(theme => ({
  text: { minWidth: 220, flexGrow: 1, maxWidth: 320 },
  select: { minWidth: 150 },
  time: { minWidth: 210 },
  end: { marginLeft: 'auto', display: 'flex', gap: theme.spacing(1) },
}));

function TimeField(props: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={`gitops-audit-filter-${props.label.toLowerCase()}`}
      type="datetime-local"
      label={props.label}
      variant="outlined"
      size="small"
      className={classes.time}
      value={toLocalInput(props.value)}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        props.onChange(fromLocalInput(e.target.value))
      }
      InputLabelProps={{ shrink: true }}
    />
  );
}

/** Actor and action text, product, environment and outcome selects, and a time range (from inclusive, to exclusive). */
export function AuditFilters(props: {
  filter: AuditFilter;
  products: string[];
  environments: string[];
  onChange: (key: AuditFilterKey, value: string | undefined) => void;
  onClear: () => void;
  actions?: JSX.Element;
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  const active = Object.values(filter).some(Boolean);
  return (
    <FilterBar
      active={active}
      onClear={props.onClear}
      trailing={<div className={classes.end}>{props.actions}</div>}
    >
      <UrlSearchField
        className={classes.text}
        value={filter.actor}
        onChange={v => onChange('actor', v)}
        label="Actor"
        placeholder="Actor, e.g. user:default/alice"
      />
      <UrlSearchField
        className={classes.text}
        value={filter.action}
        onChange={v => onChange('action', v)}
        label="Action"
        placeholder="Action, e.g. promotion.create"
      />
      <FilterSelects
        idPrefix="gitops-audit-filter-"
        className={classes.select}
        values={filter}
        selects={[
          { key: 'product', label: 'Product', options: props.products },
          {
            key: 'environment',
            label: 'Environment',
            options: props.environments,
          },
          { key: 'outcome', label: 'Outcome', options: AUDIT_OUTCOMES },
        ]}
        onChange={onChange}
      />
      <TimeField
        label="From"
        value={filter.from}
        onChange={v => onChange('from', v)}
      />
      <TimeField
        label="To"
        value={filter.to}
        onChange={v => onChange('to', v)}
      />
    </FilterBar>
  );
}
