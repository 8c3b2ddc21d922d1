import { Link } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { releaseName, ReleaseSummary } from '@slipway/plugin-gitops-common';
import type { ReactNode } from 'react';
import { useDeliveryTitles } from '../../hooks/useDeliveryBoard';
import { ReleaseStatusChip } from '../Releases/ReleaseStatusChip';
import { useReleaseLink } from '../Releases/useReleaseLink';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    paddingLeft: 0,
    paddingRight: 0,
  },
  text: { minWidth: 0 },
  name: { fontWeight: 500, overflowWrap: 'anywhere' },
}));

/**
 * Releases as a home card lists them: "Payments 1.4.3 → Production" linking to the release page, its
 * status chip, and a line of detail under the name (when, who, why).
 */
export function ReleaseList(props: {
  releases: ReleaseSummary[];
  detail: (release: ReleaseSummary) => ReactNode;
}) {
  const classes = useStyles();
  const releaseLink = useReleaseLink();
  const titles = useDeliveryTitles();
  return (
    <List dense disablePadding>
      {props.releases.map(release => {
        const name = releaseName(release, titles);
        const link = releaseLink(release.id);
        return (
          <ListItem key={release.id} divider className={classes.item}>
            <div className={classes.text}>
              <Typography variant="body2" className={classes.name}>
                {link ? (
                  <Link to={link} title={`Release ${release.id}`}>
                    {name}
                  </Link>
                ) : (
                  name
                )}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {props.detail(release)}
              </Typography>
            </div>
            <ReleaseStatusChip
              status={release.status}
              tooltip={release.error}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
