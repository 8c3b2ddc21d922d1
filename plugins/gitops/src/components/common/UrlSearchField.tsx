import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * A search box whose text lives in the URL: typing updates `value` through
 * `onChange` once the user pauses, and a `value` changed from outside (back
 * button, "Clear filters") replaces what the box shows.
 */
export function UrlSearchField(props: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  label: string;
  placeholder: string;
  className?: string;
}) {
  const { value, onChange } = props;
  const [text, setText] = useState(value ?? '');
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    if ((debounced.trim() || undefined) !== value) {
      onChange(debounced.trim() || undefined);
    }
    // Only the debounced text drives the URL; the URL drives the box through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    setText(current =>
      current.trim() === (value ?? '') ? current : value ?? '',
    );
  }, [value]);

  return (
    <TextField
      className={props.className}
      variant="outlined"
      size="small"
      type="search"
      placeholder={props.placeholder}
      value={text}
      onChange={e => setText(e.target.value)}
      inputProps={{ 'aria-label': props.label }}
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" />
          </InputAdornment>
        ),
      }}
    />
  );
}
