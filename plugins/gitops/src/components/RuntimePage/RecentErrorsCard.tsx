import { InfoCard } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RuntimeHealth } from '@slipway/plugin-gitops-common';
import { Age } from '../common/Age';
import { HeadedTable } from '../common/HeadedTable';

/** Failures of the runtime since the backend started, newest first; the current one is marked. */
export function RecentErrorsCard({ runtime }: { runtime: RuntimeHealth }) {
  const current = runtime.lastError;
  return (
    <InfoCard
      title="Recent errors"
      subheader={
        current
          ? 'Failing now'
          : runtime.recentErrors.length > 0
          ? 'Recovered: answering again'
          : undefined
      }
    >
      {runtime.recentErrors.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No errors since the backend started.
        </Typography>
      ) : (
        <HeadedTable label="Recent errors" columns={['When', 'Kind', 'Error']}>
          {runtime.recentErrors.map(e => {
            const now = current?.at === e.at && current.message === e.message;
            return (
              <TableRow key={`${e.at}/${e.message}`}>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <Age at={e.at} />
                  {now && (
                    <Typography variant="caption" color="error" display="block">
                      current
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{e.kind}</TableCell>
                <TableCell style={{ wordBreak: 'break-word' }}>
                  {e.message}
                </TableCell>
              </TableRow>
            );
          })}
        </HeadedTable>
      )}
    </InfoCard>
  );
}
