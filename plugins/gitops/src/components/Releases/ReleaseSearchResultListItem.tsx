import { Link } from '@backstage/core-components';
import type { ResultHighlight } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import type { GitopsReleaseSearchDocument } from '@slipway/plugin-gitops-common';
import { ReactNode } from 'react';
import { ReleaseStatusChip } from './ReleaseStatusChip';

const useStyles = makeStyles(theme => ({
  item: { display: 'flex', width: '100%' },
  text: { wordBreak: 'break-word', marginBottom: theme.spacing(1) },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  lines: { whiteSpace: 'pre-line' },
}));

export interface ReleaseSearchResultListItemProps {
  result?: Partial<GitopsReleaseSearchDocument>;
  highlight?: ResultHighlight;
  icon?: ReactNode;
  /** Lines of the text shown (default 3); the rest stays searchable. */
  lineClamp?: number;
}

/** Shows a highlighted field when the search engine marked one, the plain value otherwise. */
function Highlighted(props: {
  field: 'title' | 'text';
  value?: string;
  highlight?: ResultHighlight;
}) {
  const text = props.highlight?.fields[props.field];
  if (!text || !props.highlight) return <>{props.value}</>;
  return (
    <HighlightedSearchResultText
      text={text}
      preTag={props.highlight.preTag}
      postTag={props.highlight.postTag}
    />
  );
}

/** A release in the portal search: what went where, its status, version and issue keys. */
export function ReleaseSearchResultListItem(
  props: ReleaseSearchResultListItemProps,
) {
  const classes = useStyles();
  const { result, highlight, icon, lineClamp = 3 } = props;
  if (!result?.location) return null;
  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                field="title"
                value={result.title}
                highlight={highlight}
              />
            </Link>
          }
          secondary={
            <span
              className={classes.lines}
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                field="text"
                value={result.text}
                highlight={highlight}
              />
            </span>
          }
        />
        <Box className={classes.chips}>
          {result.status && <ReleaseStatusChip status={result.status} />}
          {result.product && (
            <Chip size="small" label={`Product: ${result.product}`} />
          )}
          {result.environment && (
            <Chip size="small" label={`Environment: ${result.environment}`} />
          )}
          {result.version && (
            <Chip size="small" label={`Version: ${result.version}`} />
          )}
          {(result.issueKeys ?? []).map(key => (
            <Chip key={key} size="small" variant="outlined" label={key} />
          ))}
        </Box>
      </div>
    </div>
  );
}
