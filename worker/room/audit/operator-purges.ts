// The operator's purges (DELETE /api/admin/history and /api/admin/events) and deletion of one message
// (DELETE /api/admin/messages/:id), RPC through chat-room.ts: each is audited and logged with its
// count or id, never with what it removed.

import { adminDelete } from '../handlers/message-events';
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

/** One message becomes a tombstone for everyone who sees it (handlers/message-events.ts). */
export function deleteMessage(
  room: Parameters<typeof adminDelete>[0] & { audit: AuditLog },
  id: number,
): { deleted: boolean } {
  const deleted = adminDelete(room, id);
  if (deleted) {
    room.audit.record('message_deleted', { ref: String(id) });
    logEvent('message_deleted', { by: 'admin', id });
  }
  return { deleted };
}

/** The whole audit log goes; the purge itself is the first new event. */
export function purgeEvents(audit: AuditLog): { deleted: number } {
  const deleted = audit.purge();
  audit.record('events_purged', { size: deleted });
  logEvent('events_purged', { deleted });
  return { deleted };
}
