import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ApplicationCondition } from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';

/** Argo CD conditions; types ending in "Error" are what usually explains a failed sync. */
export function ConditionsPanel({
  conditions,
}: {
  conditions: ApplicationCondition[];
}) {
  if (conditions.length === 0) {
    return <Typography variant="body2">No conditions reported.</Typography>;
  }
  return (
    <List dense aria-label="Conditions">
      {conditions.map((c, i) => (
        <ListItem key={`${c.type}-${i}`} disableGutters>
          <ListItemText
            primary={
              <Typography
                variant="body2"
                color={c.type.endsWith('Error') ? 'error' : 'textPrimary'}
              >
                <strong>{c.type}</strong>
                {c.message ? `: ${c.message}` : ''}
              </Typography>
            }
            secondary={
              c.lastTransitionTime ? (
                <Age at={c.lastTransitionTime} />
              ) : undefined
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
