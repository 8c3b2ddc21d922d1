import { StatusChip } from './StatusChip';

/** Online when the runtime's Argo CD API answered the last time it was asked. */
export function RuntimeStatusChip(props: {
  reachable: boolean;
  tooltip?: string;
}) {
  return props.reachable ? (
    <StatusChip label="Online" color="#18be94" tooltip={props.tooltip} />
  ) : (
    <StatusChip label="Offline" color="#e96d76" tooltip={props.tooltip} />
  );
}
