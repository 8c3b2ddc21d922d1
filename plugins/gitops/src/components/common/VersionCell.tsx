import Typography from '@material-ui/core/Typography';
import type {
  HealthStatus,
  ProductEnvironmentSummary,
} from '@slipway/plugin-gitops-common';
import { HEALTH_COLORS } from './statusColors';

/** A product's version in one environment with a health dot; says so when its applications disagree. */
export function VersionCell({ state }: { state?: ProductEnvironmentSummary }) {
  if (!state || state.applications === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed
      </Typography>
    );
  }
  const text =
    state.version ??
    (state.versions.length > 1
      ? `mixed: ${state.versions.join(', ')}`
      : state.versions[0] ?? 'unknown');
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
      title={`${state.health}, ${state.sync}${state.drift ? ', drift' : ''}`}
    >
      <HealthDot status={state.health} />
      <span style={{ fontFamily: 'monospace' }}>{text}</span>
    </span>
  );
}

export function HealthDot({ status }: { status: HealthStatus }) {
  return (
    <span
      aria-label={status}
      role="img"
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: '50%',
        background: HEALTH_COLORS[status],
        flexShrink: 0,
      }}
    />
  );
}

/** Argo CD's ranking, least to most severe, so a product's health is its worst application's. */
const SEVERITY: HealthStatus[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Missing',
  'Degraded',
  'Unknown',
];

export function worstHealth(
  states: ProductEnvironmentSummary[],
): HealthStatus | undefined {
  const deployed = states.filter(s => s.applications > 0);
  if (deployed.length === 0) return undefined;
  return deployed
    .map(s => s.health)
    .reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a));
}
