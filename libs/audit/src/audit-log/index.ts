export { AuditLog1764600100000 } from './audit-log.migration';
export { auditLogProjection } from './audit-log.projection';
export { auditEvents, type AuditEventFilter, type AuditKey, type AuditScope } from './audit-log.query';
export { AUDIT_EVENTS_TABLE, type AuditEventRow } from './audit-log.row';
