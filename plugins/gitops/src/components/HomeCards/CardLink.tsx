import { Link } from '@backstage/core-components';
import { useSlipwayRoot } from '../common/slipwayRoot';

/** A card's footer link into the Slipway page (e.g. `releases?status=waiting`); nothing without one. */
export function CardLink(props: { to: string; children: string }) {
  const root = useSlipwayRoot();
  if (!root) return <></>;
  return <Link to={`${root()}/${props.to}`}>{props.children}</Link>;
}
