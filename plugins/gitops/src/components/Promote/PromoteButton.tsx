import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { gitopsPromotionCreatePermission } from '@slipway/plugin-gitops-common';

/** Whether the user may promote `product` into `environment` (answers `loading` until decided). */
export function usePromotePermission(product: string, environment: string) {
  return usePermission({
    permission: gitopsPromotionCreatePermission,
    resourceRef: `${product}:${environment}`,
  });
}

/** A Promote button for one pair of environments, disabled with a reason when not allowed. */
export function PromoteButton(props: {
  product: string;
  from: { name: string; title: string };
  to: { name: string; title: string };
  /** What the source runs, shown on the button. */
  version?: string;
  onPromote: (from: string, to: string) => void;
}) {
  const { allowed, loading } = usePromotePermission(
    props.product,
    props.to.name,
  );
  const label = `Promote ${props.from.title} → ${props.to.title}`;
  return (
    <Tooltip
      title={
        loading || allowed
          ? ''
          : `You are not allowed to promote ${props.product} to ${props.to.title}`
      }
    >
      <span>
        <Button
          variant="outlined"
          color="primary"
          size="small"
          aria-label={label}
          disabled={loading || !allowed}
          onClick={() => props.onPromote(props.from.name, props.to.name)}
        >
          {label}
          {props.version ? ` (${props.version})` : ''}
        </Button>
      </span>
    </Tooltip>
  );
}
