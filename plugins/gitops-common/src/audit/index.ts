export * from './auditEvent';
export * from './auditReconcile';
