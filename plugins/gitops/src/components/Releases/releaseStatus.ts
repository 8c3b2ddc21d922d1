import type {
  ApplicationPromotionStatus,
  ReleaseGate,
  ReleaseStatus,
  ReleaseStepStatus,
} from '@slipway/plugin-gitops-common';

export const RELEASE_STATUSES: ReleaseStatus[] = [
  'queued',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'terminated',
];

// The palette of the health chips: green done, blue moving, amber held, red failed, grey idle.
const GREEN = '#18be94';
const BLUE = '#0dadea';
const AMBER = '#f4a730';
const RED = '#e96d76';
const GREY = '#b0bec5';
const PURPLE = '#766f94';

export const RELEASE_COLORS: Record<ReleaseStatus, string> = {
  queued: GREY,
  running: BLUE,
  waiting: AMBER,
  succeeded: GREEN,
  failed: RED,
  terminated: PURPLE,
};

export const STEP_COLORS: Record<ReleaseStepStatus, string> = {
  pending: GREY,
  'pre-gates': AMBER,
  committing: BLUE,
  syncing: BLUE,
  verifying: BLUE,
  'post-gates': AMBER,
  succeeded: GREEN,
  failed: RED,
  terminated: PURPLE,
  skipped: GREY,
};

export const APP_COLORS: Record<ApplicationPromotionStatus, string> = {
  pending: GREY,
  committing: BLUE,
  committed: BLUE,
  'no-change': GREEN,
  'pull-request-open': AMBER,
  merged: BLUE,
  syncing: BLUE,
  healthy: GREEN,
  failed: RED,
  terminated: PURPLE,
};

export const GATE_COLORS: Record<ReleaseGate['status'], string> = {
  pending: GREY,
  waiting: AMBER,
  passed: GREEN,
  failed: RED,
};

export const GATE_LABELS: Record<string, string> = {
  'manual-approval': 'Manual approval',
  soak: 'Soak',
  'freeze-window': 'Freeze window',
  'http-check': 'External check',
  callback: 'Callback',
};

/** "pre-gates" → "Pre-gates", "pull-request-open" → "Pull request open". */
export function statusLabel(status: string): string {
  const words = status.replace(/-/g, ' ');
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return label
    .replace(/^Pre gates$/, 'Pre-gates')
    .replace(/^Post gates$/, 'Post-gates');
}

/** Whether a release can still change by itself (so views keep polling it). */
export function isReleaseActive(status: ReleaseStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'waiting';
}

export function isReleaseFinished(status: ReleaseStatus): boolean {
  return !isReleaseActive(status);
}

/**
 * The backend's own words for a failed request: `ResponseError` keeps the server's error (an
 * `InputError`, `NotAllowedError`, ...) as its cause, while its message only names the status code.
 */
export function errorMessage(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { message?: string };
    body?: { error?: { message?: string } };
  };
  return (
    e?.body?.error?.message ??
    (e?.name === 'ResponseError' ? e.cause?.message : undefined) ??
    e?.message ??
    String(error)
  );
}

/** "1h 02m", "3m 07s", "12s": how long a release ran, or has run so far. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

/** "user:default/jane" → "jane"; `engine` (automatic releases) stays as it is. */
export function actorLabel(ref: string): string {
  const match = /^[^:]+:(?:[^/]+\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}
