import { useApi } from '@backstage/frontend-plugin-api';
import type { ProductEnvironmentSummary } from '@slipway/plugin-gitops-common';
import { Link } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { formatAge, formatTimestamp } from '../common/time';
import { shortRevision } from '../common/revision';
import { RELEASE_COLORS } from '../Releases/releaseStatus';
import type { BoardClasses } from './boardStyles';
import {
  CardRelease,
  DriftMarker,
  cardReleaseLabel,
  driftLabel,
} from './cardReleaseStory';

/**
 * The release moving into (or failed in) this card's environment, linked to its page. A waiting
 * release is read once more to say whether it waits for an approval or for another gate.
 */
export function CardReleaseBadge(props: {
  card: CardRelease;
  link?: string;
  classes: BoardClasses;
}) {
  const { card, classes } = props;
  const api = useApi(gitopsApiRef);
  const waiting = card.status === 'waiting';
  const { value: detail } = useAsync(
    async () => (waiting ? api.getRelease(card.release.id) : undefined),
    [api, card.release.id, waiting, card.release.updatedAt],
  );
  const approval = detail?.steps.some(s =>
    s.gates.some(g => g.type === 'manual-approval' && g.status === 'waiting'),
  );
  let heldBy: 'approval' | 'gate' | undefined;
  if (detail) heldBy = approval ? 'approval' : 'gate';
  const label = cardReleaseLabel(card, heldBy);
  const style = { borderColor: RELEASE_COLORS[card.status] };
  return props.link ? (
    <Link
      className={classes.releaseBadge}
      style={style}
      to={props.link}
      title={`Open the release of ${card.release.version}`}
      onClick={e => e.stopPropagation()}
    >
      {label}
    </Link>
  ) : (
    <span className={classes.releaseBadge} style={style}>
      {label}
    </span>
  );
}

export function DriftBadge(props: {
  marker: DriftMarker;
  classes: BoardClasses;
}) {
  const { marker, classes } = props;
  return (
    <span
      className={
        marker.kind === 'up-to-date' ? classes.upToDate : classes.aheadBadge
      }
      title={`Compared with the version ${marker.production} runs`}
    >
      {driftLabel(marker)}
    </span>
  );
}

/** "Deployed 3 hours ago by Dana Developer · a1b2c3d" for the detailed view; the author is read lazily. */
export function DeployLine(props: {
  deploy: NonNullable<ProductEnvironmentSummary['lastDeploy']>;
  classes: BoardClasses;
}) {
  const { deploy, classes } = props;
  const api = useApi(gitopsApiRef);
  const { value: metadata } = useAsync(
    async () =>
      deploy.revision
        ? api
            .getRevisionMetadata(deploy.application, deploy.revision)
            .catch(() => undefined)
        : undefined,
    [
      api,
      deploy.application.runtime,
      deploy.application.namespace,
      deploy.application.name,
      deploy.revision,
    ],
  );
  const age = formatAge(deploy.at);
  const author = metadata?.author?.replace(/\s*<[^>]*>$/, '');
  return (
    <span className={classes.muted}>
      {age ? (
        <time dateTime={deploy.at} title={formatTimestamp(deploy.at)}>
          Deployed {age}
        </time>
      ) : (
        'Deploy time unknown'
      )}
      {author && <> by {author}</>}
      {deploy.revision && (
        <span title={metadata?.message ?? deploy.revision}>
          {' '}
          · {shortRevision(deploy.revision)}
        </span>
      )}
    </span>
  );
}
