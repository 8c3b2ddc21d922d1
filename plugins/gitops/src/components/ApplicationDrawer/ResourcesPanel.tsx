import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ResourceNode } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { HealthChip } from '../common/HealthChip';
import { SyncChip } from '../common/SyncChip';
import { flattenResourceTree } from './resourceTree';
import { HeadedTable } from '../common/HeadedTable';

const INDENT_PX = 20;

/**
 * The live resource tree as an indented table: kind, name, health and (for managed resources) sync.
 * A tree that could not be read shows why, never as "no resources".
 */
export function ResourcesPanel({
  resources,
  error,
}: {
  resources: ResourceNode[];
  error?: string;
}) {
  const rows = useMemo(() => flattenResourceTree(resources), [resources]);
  if (error) {
    return (
      <Alert severity="error" role="alert">
        The resource tree could not be read. {error}
      </Alert>
    );
  }
  if (rows.length === 0) {
    return (
      <Typography variant="body2">
        The runtime reported no live resources for this application.
      </Typography>
    );
  }
  return (
    <HeadedTable label="Resources" columns={['Kind', 'Name', 'Health', 'Sync']}>
      {rows.map(({ node, depth }) => (
        <TableRow
          key={node.uid ?? `${node.kind}/${node.namespace}/${node.name}`}
        >
          <TableCell style={{ paddingLeft: 16 + depth * INDENT_PX }}>
            {depth > 0 && '└ '}
            {node.kind}
          </TableCell>
          <TableCell>
            {node.name}
            {node.namespace && (
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {node.namespace}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            {node.health ? (
              <HealthChip
                status={node.health.status}
                message={node.health.message}
              />
            ) : (
              '—'
            )}
          </TableCell>
          <TableCell>
            {node.syncStatus ? <SyncChip status={node.syncStatus} /> : '—'}
          </TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}
