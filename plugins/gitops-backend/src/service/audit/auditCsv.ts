import type { AuditEvent } from '@slipway/plugin-gitops-common';

/** The export's columns, in order, with how each is read from an event. */
const COLUMNS: Array<[string, (e: AuditEvent) => string | undefined]> = [
  ['id', e => e.id],
  ['time', e => e.time],
  ['actor', e => e.actor],
  ['action', e => e.action],
  ['target', e => e.target],
  ['product', e => e.product],
  ['environment', e => e.environment],
  ['runtime', e => e.runtime],
  ['release_id', e => e.releaseId],
  ['outcome', e => e.outcome],
  ['commit_sha', e => e.commitSha],
  ['repository', e => e.repository],
  ['source', e => e.source],
  [
    'details',
    e => (Object.keys(e.details).length ? JSON.stringify(e.details) : ''),
  ],
];

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return) gets a leading `'`: actors, Git commit subjects and details are user input.
 */
export function csvCell(value: string | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvRows(events: readonly AuditEvent[]): string {
  return events
    .map(e => `${COLUMNS.map(([, read]) => csvCell(read(e))).join(',')}\r\n`)
    .join('');
}
