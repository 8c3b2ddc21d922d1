export { AuditView } from './AuditView';
export { AuditEventsTable } from './AuditEventsTable';
export { auditViewPath } from './auditParams';
export { useAuditPages } from './useAuditPages';
export { useSlipwayPaths } from './useReleaseLink';
