export { AuditView } from './AuditView';
export { AuditEventsTable } from './AuditEventsTable';
export { auditViewPath } from './auditParams';
