import { InfoCard, Link } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import {
  ApplicationCounts,
  HEALTH_STATUSES,
  SYNC_STATUSES,
} from '@slipway/plugin-gitops-common';
import { HeadedTable } from '../common/HeadedTable';
import { HealthBreakdown } from '../common/HealthBreakdown';
import { HealthChip } from '../common/HealthChip';
import { SyncChip } from '../common/SyncChip';

/** How the runtime's applications are: counts by health and by sync, each linked to the filtered list. */
export function ApplicationsCard(props: {
  counts: ApplicationCounts;
  /** The Applications tab filtered to this runtime and the given query; undefined without a Slipway page. */
  listLink: (query: Record<string, string>) => string | undefined;
}) {
  const { counts, listLink } = props;
  const cell = (n: number, query: Record<string, string>) => {
    const to = n > 0 ? listLink(query) : undefined;
    return to ? <Link to={to}>{n}</Link> : n;
  };
  const all = listLink({});
  return (
    <InfoCard
      title="Applications"
      subheader={`${counts.total} managed`}
      deepLink={all ? { title: 'All applications', link: all } : undefined}
    >
      <HealthBreakdown counts={counts.health} />
      <HeadedTable label="Application health" columns={['Health', 'Count']}>
        {HEALTH_STATUSES.filter(s => counts.health[s] > 0).map(s => (
          <TableRow key={s}>
            <TableCell>
              <HealthChip status={s} />
            </TableCell>
            <TableCell>{cell(counts.health[s], { health: s })}</TableCell>
          </TableRow>
        ))}
      </HeadedTable>
      <HeadedTable label="Application sync" columns={['Sync', 'Count']}>
        {SYNC_STATUSES.filter(s => counts.sync[s] > 0).map(s => (
          <TableRow key={s}>
            <TableCell>
              <SyncChip status={s} />
            </TableCell>
            <TableCell>{cell(counts.sync[s], { sync: s })}</TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </InfoCard>
  );
}
