// The operator's purges (DELETE /api/admin/history and /api/admin/events, RPC through chat-room.ts):
// each is audited and logged with its count, never with what it removed.

import { logEvent } from '../log';
import type { MessageStore } from '../messages/message-store';
import type { AuditLog } from './audit-log';

/** Every stored message and receipt goes. */
export function purgeHistory(messages: Pick<MessageStore, 'purge'>, audit: AuditLog): { deleted: number } {
  const deleted = messages.purge();
  audit.record('history_purged', { size: deleted });
  logEvent('history_purged', { deleted });
  return { deleted };
}

/** The whole audit log goes; the purge itself is the first new event. */
export function purgeEvents(audit: AuditLog): { deleted: number } {
  const deleted = audit.purge();
  audit.record('events_purged', { size: deleted });
  logEvent('events_purged', { deleted });
  return { deleted };
}
