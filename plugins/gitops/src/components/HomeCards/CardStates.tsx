import { Progress, WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * What a home card shows before its list: a spinner on first load, the error with a retry (the last
 * list stays visible under it when a refresh fails), or the empty sentence.
 */
export function CardStates<T>(props: {
  state: { value?: T[]; error?: Error; retry: () => void };
  /** What failed to load, e.g. "releases". */
  what: string;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { value, error, retry } = props.state;
  const errorPanel = error && (
    <WarningPanel
      severity="error"
      defaultExpanded
      title={`Could not load ${props.what}`}
      message={error.message}
    >
      <Button size="small" variant="outlined" onClick={retry}>
        Retry
      </Button>
    </WarningPanel>
  );
  if (!value) return errorPanel || <Progress />;
  return (
    <>
      {errorPanel}
      {value.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        props.children(value)
      )}
    </>
  );
}
