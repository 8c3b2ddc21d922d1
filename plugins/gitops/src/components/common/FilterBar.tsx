import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
}));

export type FilterOption = string | { value: string; label: string };

/** A native select whose empty choice, "All", means no filter. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  onChange: (value: string | undefined) => void;
  className?: string;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      className={props.className}
      value={props.value ?? ''}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        props.onChange(e.target.value || undefined)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">All</option>
      {props.options.map(o => {
        const { value, label } =
          typeof o === 'string' ? { value: o, label: o } : o;
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </TextField>
  );
}

/** One select per entry, each with the id `${idPrefix}${label in lower case}`, reading and setting `values[key]`. */
export function FilterSelects<K extends string>(props: {
  idPrefix: string;
  className?: string;
  values: Partial<Record<K, string>>;
  selects: Array<{ key: K; label: string; options: readonly FilterOption[] }>;
  onChange: (key: K, value: string | undefined) => void;
}) {
  return (
    <>
      {props.selects.map(({ key, label, options }) => (
        <FilterSelect
          key={key}
          id={`${props.idPrefix}${label.toLowerCase()}`}
          className={props.className}
          label={label}
          value={props.values[key]}
          options={options}
          onChange={v => props.onChange(key, v)}
        />
      ))}
    </>
  );
}

/** A wrapping row of filters, with "Clear filters" while any is set and optional trailing content. */
export function FilterBar(props: {
  active: boolean;
  onClear: () => void;
  children: ReactNode;
  trailing?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div className={classes.root}>
      {props.children}
      {props.active && (
        <Button size="small" onClick={props.onClear}>
          Clear filters
        </Button>
      )}
      {props.trailing}
    </div>
  );
}
