import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Environment, ProductState } from '@slipway/plugin-gitops-common';
import { useState } from 'react';
import { PromoteButton, PromoteDialog } from '../Promote';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

/**
 * A Promote button for each step along the environment order (dev → staging, staging → production),
 * where the source runs the product; each opens the promote dialog for that pair.
 */
export function PromotionBar(props: {
  state: ProductState;
  environments: Environment[];
  onCreated?: (releaseId: string) => void;
}) {
  const classes = useStyles();
  const { product } = props.state;
  const [pair, setPair] = useState<{ from: string; to: string }>();
  const states = new Map(props.state.environments.map(e => [e.environment, e]));
  const pairs = props.environments
    .slice(0, -1)
    .map((from, i) => ({ from, to: props.environments[i + 1] }))
    .filter(p => (states.get(p.from.name)?.applications.length ?? 0) > 0);
  if (pairs.length === 0) return null;
  return (
    <div className={classes.bar} aria-label="Promote">
      <Typography variant="body2" color="textSecondary">
        Promote:
      </Typography>
      {pairs.map(p => (
        <PromoteButton
          key={`${p.from.name}->${p.to.name}`}
          product={product.name}
          from={p.from}
          to={p.to}
          version={states.get(p.from.name)?.version}
          onPromote={(from, to) => setPair({ from, to })}
        />
      ))}
      {pair && (
        <PromoteDialog
          product={product.name}
          productTitle={product.title}
          from={pair.from}
          to={pair.to}
          onClose={() => setPair(undefined)}
          onCreated={props.onCreated}
        />
      )}
    </div>
  );
}
