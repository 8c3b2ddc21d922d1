import { makeStyles } from '@material-ui/core/styles';
import type { Release } from '@slipway/plugin-gitops-common';
import { useMemo } from 'react';
import { NODE_HEIGHT, NODE_WIDTH, layoutFlow } from './flowLayout';
import { STEP_COLORS, statusLabel } from './releaseStatus';

const useStyles = makeStyles(theme => ({
  scroller: { overflowX: 'auto', padding: theme.spacing(1, 0) },
  canvas: { position: 'relative' },
  edges: { position: 'absolute', inset: 0, overflow: 'visible' },
  node: {
    position: 'absolute',
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    boxSizing: 'border-box',
    padding: theme.spacing(0.75, 1.25),
    borderRadius: 6,
    border: `1px solid ${theme.palette.divider}`,
    borderLeftWidth: 6,
    background: theme.palette.background.paper,
    textAlign: 'left',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
  selected: { boxShadow: `0 0 0 2px ${theme.palette.primary.main}` },
  root: {
    cursor: 'default',
    borderStyle: 'dashed',
    background: theme.palette.background.default,
  },
  name: { fontWeight: 700, whiteSpace: 'nowrap', overflow: 'hidden' },
  status: {
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
  },
}));

/**
 * The release's flow as a graph: the source environment on the left, then each step by its depth in
 * the DAG, with arrows for `dependsOn`; each node is coloured by its step's status and selects it.
 */
export function ReleaseFlowGraph(props: {
  release: Release;
  selected?: string;
  onSelect: (environment: string) => void;
}) {
  const classes = useStyles();
  const { release } = props;
  const layout = useMemo(
    () => layoutFlow(release.sourceEnvironment, release.steps),
    [release.sourceEnvironment, release.steps],
  );
  const at = new Map(layout.nodes.map(n => [n.environment, n]));
  return (
    <div className={classes.scroller}>
      <div
        role="group"
        aria-label="Release flow"
        className={classes.canvas}
        style={{ width: layout.width, height: layout.height }}
      >
        <svg
          className={classes.edges}
          width={layout.width}
          height={layout.height}
          aria-hidden
        >
          <defs>
            <marker
              id="gitops-flow-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#9e9e9e" />
            </marker>
          </defs>
          {layout.edges.map(edge => {
            const a = at.get(edge.from)!;
            const b = at.get(edge.to)!;
            const x1 = a.x + NODE_WIDTH;
            const y1 = a.y + NODE_HEIGHT / 2;
            const x2 = b.x - 2;
            const y2 = b.y + NODE_HEIGHT / 2;
            const mid = (x1 + x2) / 2;
            return (
              <path
                key={`${edge.from}->${edge.to}`}
                d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
                fill="none"
                stroke="#9e9e9e"
                strokeWidth={1.5}
                markerEnd="url(#gitops-flow-arrow)"
              />
            );
          })}
        </svg>
        {layout.nodes.map(node => {
          const style = { left: node.x, top: node.y };
          if (!node.step) {
            return (
              <div
                key={node.environment}
                className={`${classes.node} ${classes.root}`}
                style={style}
                aria-label={`${node.environment}: source`}
              >
                <span className={classes.name}>{node.environment}</span>
                <span className={classes.status}>
                  source · {release.version}
                </span>
              </div>
            );
          }
          const { status } = node.step;
          const label = `${node.environment}: ${statusLabel(status)}`;
          return (
            <button
              type="button"
              key={node.environment}
              className={`${classes.node} ${
                props.selected === node.environment ? classes.selected : ''
              }`}
              style={{ ...style, borderLeftColor: STEP_COLORS[status] }}
              aria-label={label}
              aria-pressed={props.selected === node.environment}
              onClick={() => props.onSelect(node.environment)}
            >
              <span className={classes.name}>{node.environment}</span>
              <span className={classes.status}>
                {statusLabel(status)}
                {node.step.action === 'pull-request' ? ' · pull request' : ''}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
