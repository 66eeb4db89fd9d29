// Helpers for the audit-log tests: the room's events read straight from the DO (ChatRoom.listEvents),
// waits for events recorded after a mark, and requests to the admin API with or without the token.

import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import type { AuditEvent, AuditKind } from '#protocol/audit-events';
import type { EventFilter } from '../../../worker/room/audit/audit-queries';
import type { ChatRoom } from '../../../worker/room/chat-room';
import { must } from '../../support/must';
import { ORIGIN, roomStub } from './room-client';

/** The token vitest.config.ts gives the worker under test. */
export function adminToken(): string {
  const token = env.ADMIN_TOKEN;
  if (!token) throw new Error('vitest.config.ts must set ADMIN_TOKEN for the worker tests');
  return token;
}

/** A page of events, as the admin API would get it. */
export function listEvents(
  filter: Partial<EventFilter> = {},
): Promise<{ events: AuditEvent[]; next: number | null }> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => room.listEvents({ limit: 1000, ...filter }));
}

/** The newest event's id (0 when there is none): events after it are the test's own. */
export async function auditMark(): Promise<number> {
  return (await listEvents({ limit: 1 })).events[0]?.id ?? 0;
}

/** Every event recorded after `mark`, oldest first. */
export async function eventsAfter(mark: number, kinds?: AuditKind[]): Promise<AuditEvent[]> {
  return (await listEvents({ after: mark, ...(kinds ? { kinds } : {}) })).events;
}

/**
 * Waits until an event after `mark` has `kind` and the given fields (some are recorded when the room
 * gets to a close or an R2 write, a moment after the client saw its effect) and returns it.
 */
export async function expectEvent(
  mark: number,
  kind: AuditKind,
  fields: Partial<AuditEvent> = {},
): Promise<AuditEvent> {
  let found: AuditEvent | undefined;
  await expect
    .poll(
      async () => {
        found = (await eventsAfter(mark, [kind])).find((event) => matches(event, fields));
        return found !== undefined;
      },
      { timeout: 10_000, interval: 20, message: `a ${kind} event with ${JSON.stringify(fields)}` },
    )
    .toBe(true);
  return must(found);
}

function matches(event: AuditEvent, fields: Partial<AuditEvent>): boolean {
  return Object.entries(fields).every(
    ([key, value]) => JSON.stringify(event[key as keyof AuditEvent]) === JSON.stringify(value),
  );
}

/** GET an admin API path through the worker, with `Authorization: Bearer <token>` when given. */
export function adminGet(path: string, token?: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}
