// How long the audit log keeps events: the wrangler vars AUDIT_RETENTION_DAYS and AUDIT_MAX_ROWS,
// whichever limit is reached first, with the defaults below when unset or invalid.

export const DEFAULT_AUDIT_RETENTION_DAYS = 30;
export const DEFAULT_AUDIT_MAX_ROWS = 100_000;

export interface AuditRetention {
  maxAgeMs: number;
  maxRows: number;
}

export interface AuditVars {
  AUDIT_RETENTION_DAYS?: string;
  AUDIT_MAX_ROWS?: string;
}

export function auditRetentionFrom(vars: AuditVars): AuditRetention {
  const days = Number(vars.AUDIT_RETENTION_DAYS);
  const rows = Number(vars.AUDIT_MAX_ROWS);
  return {
    maxAgeMs: (Number.isFinite(days) && days > 0 ? days : DEFAULT_AUDIT_RETENTION_DAYS) * 24 * 60 * 60 * 1000,
    maxRows: Number.isSafeInteger(rows) && rows > 0 ? rows : DEFAULT_AUDIT_MAX_ROWS,
  };
}
