export * from './auditEvent';
