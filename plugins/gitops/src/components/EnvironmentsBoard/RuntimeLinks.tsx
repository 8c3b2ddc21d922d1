import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { Environment } from '@slipway/plugin-gitops-common';
import { useRuntimeLink } from '../RuntimesView/useRuntimeLink';

/** The runtimes an environment deploys through, each linked to its runtime page. */
export function RuntimeLinks({ environment }: { environment: Environment }) {
  const runtimeLink = useRuntimeLink();
  const runtimes = [...new Set(environment.targets.map(t => t.runtime))];
  if (runtimes.length === 0) return null;
  return (
    <Typography variant="caption" color="textSecondary" component="div">
      {runtimes.length === 1 ? 'Runtime ' : 'Runtimes '}
      {runtimes.map((runtime, i) => {
        const to = runtimeLink(runtime);
        return (
          <span key={runtime}>
            {i > 0 && ', '}
            {to ? (
              <Link
                to={to}
                aria-label={`Runtime ${runtime} of ${environment.title}`}
                // The header is a drop target for promotions; a link drag must not look like one.
                draggable={false}
              >
                {runtime}
              </Link>
            ) : (
              runtime
            )}
          </span>
        );
      })}
    </Typography>
  );
}
