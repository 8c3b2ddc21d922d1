import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  ApplicationRef,
  ResourceNode,
} from '@slipway/plugin-gitops-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { gitopsApiRef } from '../../api';
import { Age } from '../common/Age';
import { HeadedTable } from '../common/HeadedTable';
import { StatusChip } from '../common/StatusChip';

const APPLICATION = '';

/**
 * Kubernetes events of the Application itself (operations, refreshes) or of one of its resources
 * (scaling, pulling, crash loops), newest first.
 */
export function EventsPanel(props: {
  appRef: ApplicationRef;
  resources: ResourceNode[];
  version: string;
}) {
  const api = useApi(gitopsApiRef);
  const { runtime, namespace, name } = props.appRef;
  const [target, setTarget] = useState(APPLICATION);
  const options = useMemo(
    () =>
      props.resources
        .filter(r => r.uid)
        .sort(
          (a, b) =>
            a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
        ),
    [props.resources],
  );
  const resource = options.find(r => r.uid === target);
  const events = useAsync(
    () =>
      api.getApplicationEvents(
        { runtime, namespace, name },
        resource
          ? {
              resourceName: resource.name,
              resourceNamespace: resource.namespace,
              resourceUID: resource.uid,
            }
          : {},
      ),
    [api, runtime, namespace, name, resource?.uid, props.version],
  );

  return (
    <>
      <TextField
        select
        id="gitops-events-of"
        size="small"
        variant="outlined"
        label="Events of"
        value={resource ? target : APPLICATION}
        onChange={e => setTarget(e.target.value)}
        style={{ minWidth: 320, marginBottom: 16 }}
      >
        <MenuItem value={APPLICATION}>Application {name}</MenuItem>
        {options.map(r => (
          <MenuItem key={r.uid} value={r.uid}>
            {r.kind}/{r.name}
          </MenuItem>
        ))}
      </TextField>
      {events.error && <ResponseErrorPanel error={events.error} />}
      {!events.error && !events.value && <Progress />}
      {events.value && events.value.items.length === 0 && (
        <Typography variant="body2">
          No events: Kubernetes keeps them for about an hour.
        </Typography>
      )}
      {events.value && events.value.items.length > 0 && (
        <HeadedTable
          label="Events"
          columns={['Type', 'Reason', 'Message', 'Count', 'Last seen']}
        >
          {events.value.items.map((e, i) => (
            <TableRow key={`${e.lastTimestamp}/${e.reason}/${i}`}>
              <TableCell>
                <StatusChip
                  label={e.type}
                  color={e.type === 'Warning' ? '#e96d76' : '#18be94'}
                />
              </TableCell>
              <TableCell>{e.reason ?? '—'}</TableCell>
              <TableCell style={{ wordBreak: 'break-word' }}>
                {e.message ?? '—'}
                {e.source && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {e.involvedObject.kind}/{e.involvedObject.name} · {e.source}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{e.count}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <Age at={e.lastTimestamp} />
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </>
  );
}
