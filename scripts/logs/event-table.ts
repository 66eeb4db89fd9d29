// The table `npm run logs` prints: fixed-width columns (so rows printed later by --follow line up
// with the header), local times, sizes with units, and the ref and detail as key=value pairs. Pure.

import type { AuditEvent } from '#protocol/audit-events';
import { eventDetail, eventSize } from '../../client/admin/event-text';

const COLUMNS = [
  { title: 'TIME', width: 19 },
  { title: 'KIND', width: 16 },
  { title: 'USER', width: 15 },
  { title: 'PEER', width: 15 },
  { title: 'SIZE', width: 10, right: true },
  { title: 'CODE', width: 20 },
  { title: 'DETAIL', width: 0 },
] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-05-01 14:23:15" in the local time zone. */
export function localTimestamp(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function line(cells: string[]): string {
  return COLUMNS.map((column, i) => {
    const cell = cells[i] ?? '';
    if (column.width === 0) return cell;
    const fitted = cell.length > column.width ? `${cell.slice(0, column.width - 1)}…` : cell;
    return 'right' in column ? fitted.padStart(column.width) : fitted.padEnd(column.width);
  })
    .join('  ')
    .trimEnd();
}

export function tableHeader(): string {
  return line(COLUMNS.map((column) => column.title));
}

export function tableRow(event: AuditEvent): string {
  return line([
    localTimestamp(event.at),
    event.kind,
    event.user ?? '',
    event.peer ?? '',
    eventSize(event),
    event.code ?? '',
    eventDetail(event),
  ]);
}
