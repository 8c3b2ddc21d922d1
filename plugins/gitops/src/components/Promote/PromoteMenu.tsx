import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import { forwardRef } from 'react';
import { usePromotePermission } from './PromoteButton';

export interface PromoteMenuTarget {
  anchor: HTMLElement;
  product: string;
  productTitle: string;
  from: string;
  fromTitle: string;
  /** The version every application of the product runs, per environment (when they agree). */
  versions?: Record<string, string | undefined>;
}

// MUI's Menu focuses its items through refs, hence forwardRef; the permission is asked per item only
// when the menu opens, so a board of hundreds of products asks nothing up front.
const PromoteMenuItem = forwardRef<
  HTMLLIElement,
  {
    product: string;
    environment: { name: string; title: string };
    /** The target already runs the source's version: nothing to promote. */
    upToDate?: string;
    onSelect: () => void;
    /** Focus props MUI's MenuList gives its first item. */
    autoFocus?: boolean;
    tabIndex?: number;
  }
>(function PromoteMenuEntry(props, ref) {
  const { product, environment, upToDate, onSelect, ...focus } = props;
  const { allowed, loading } = usePromotePermission(product, environment.name);
  const item = (
    <MenuItem
      ref={ref}
      {...focus}
      disabled={loading || !allowed || !!upToDate}
      onClick={onSelect}
    >
      <ListItemText
        primary={`Promote to ${environment.title}`}
        secondary={upToDate ? `Up to date: runs ${upToDate}` : undefined}
      />
    </MenuItem>
  );
  return loading || allowed || upToDate ? (
    item
  ) : (
    <Tooltip
      title={`You are not allowed to promote ${product} to ${environment.title}`}
    >
      <span>{item}</span>
    </Tooltip>
  );
});

/** The Promote menu of one product card: every other environment, in board order. */
export function PromoteMenu(props: {
  target?: PromoteMenuTarget;
  environments: Array<{ name: string; title: string }>;
  onClose: () => void;
  onPromote: (to: string) => void;
}) {
  const { target } = props;
  return (
    <Menu
      anchorEl={target?.anchor}
      open={Boolean(target)}
      onClose={props.onClose}
      getContentAnchorEl={null}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      MenuListProps={{
        'aria-label': target
          ? `Promote ${target.productTitle} from ${target.fromTitle}`
          : undefined,
      }}
    >
      {target &&
        props.environments
          .filter(e => e.name !== target.from)
          .map(e => (
            <PromoteMenuItem
              key={e.name}
              product={target.product}
              environment={e}
              upToDate={
                target.versions?.[target.from] !== undefined &&
                target.versions[target.from] === target.versions[e.name]
                  ? target.versions[e.name]
                  : undefined
              }
              onSelect={() => props.onPromote(e.name)}
            />
          ))}
    </Menu>
  );
}
