import { AuditLog1764600100000 } from './audit-log';

export * from './audit-log';

/** The audit context's read-model migrations. */
export const AUDIT_MIGRATIONS = [AuditLog1764600100000];
