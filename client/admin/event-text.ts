// How one audit event reads in the /admin table and the `npm run logs` table: its size with a unit
// (characters for messages, bytes for files) and its ref and detail as "key=value" pairs. Pure; unit-tested.

import type { AuditEvent } from '#protocol/audit-events';
import { formatBytes } from '../ui/format/file-size';

/** "11 chars" for a message, "1.5 MB" for a file, "" when the event has no size. */
export function eventSize(event: Pick<AuditEvent, 'kind' | 'size'>): string {
  if (event.size === null) return '';
  if (event.kind.startsWith('file_')) return formatBytes(event.size);
  return `${event.size} ${event.size === 1 ? 'char' : 'chars'}`;
}

/** The ref and the detail pairs, e.g. "ref=3f2a… resumed=false members=2". */
export function eventDetail(event: Pick<AuditEvent, 'ref' | 'detail'>): string {
  const parts: string[] = [];
  if (event.ref !== null) parts.push(`ref=${event.ref}`);
  for (const [key, value] of Object.entries(event.detail ?? {})) parts.push(`${key}=${value}`);
  return parts.join(' ');
}
