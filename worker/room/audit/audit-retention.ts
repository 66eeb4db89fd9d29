// How long the audit log keeps events: the AUDIT_RETENTION_DAYS and AUDIT_MAX_ROWS settings
// (worker/config.ts), whichever limit is reached first.

import type { Config } from '../../config';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditRetention {
  maxAgeMs: number;
  maxRows: number;
}

export function auditRetentionFrom(
  config: Pick<Config, 'AUDIT_RETENTION_DAYS' | 'AUDIT_MAX_ROWS'>,
): AuditRetention {
  return { maxAgeMs: config.AUDIT_RETENTION_DAYS * DAY_MS, maxRows: config.AUDIT_MAX_ROWS };
}
