// What the room holds and logs, as text to search for secrets: every row of every SQLite table
// (the audit log's events included), every R2 object, and the console lines the room printed. Used
// by the end-to-end privacy tests (e2e-private.test.ts, e2e-private-files.test.ts).

import { env, runInDurableObject } from 'cloudflare:test';
import { type MockInstance, vi } from 'vitest';
import { type Bytes, toBase64Url, toHex } from '#crypto/base64';
import type { ChatRoom } from '../../../worker/room/chat-room';
import { setEventLogging } from '../../../worker/room/log';
import { roomStub } from './room-client';

const encoder = new TextEncoder();

/** Every way bytes could sit in storage or a log: as text, hex (both cases), base64 and base64url. */
export function bytesForms(bytes: Bytes): string[] {
  const base64url = toBase64Url(bytes);
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return [new TextDecoder().decode(bytes), toHex(bytes), toHex(bytes).toUpperCase(), base64, base64url];
}

/** Every way a text could sit in storage or a log: itself, hex, base64 and base64url. */
export function forms(text: string): string[] {
  return bytesForms(encoder.encode(text) as Bytes);
}

/** Every row of every table in the room's SQLite, as text (blobs as hex, base64 and text too). */
export function dumpRoom(): Promise<string> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
    const sql = state.storage.sql;
    const tables = sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .toArray()
      .map((t) => t.name);
    const out: string[] = [];
    for (const table of tables) {
      let rows: Record<string, unknown>[] = [];
      try {
        rows = sql.exec(`SELECT * FROM "${table.replace(/"/g, '""')}"`).toArray();
      } catch {
        continue; // a virtual table's internals that cannot be read directly
      }
      for (const row of rows)
        for (const value of Object.values(row)) {
          if (value instanceof ArrayBuffer) {
            const bytes = new Uint8Array(value) as Bytes;
            out.push(toHex(bytes), toBase64Url(bytes), new TextDecoder().decode(bytes));
          } else out.push(String(value));
        }
    }
    return out.join('\n');
  });
}

/** Every object in the room's R2 bucket: its name and its bytes as stored. */
export async function dumpBucket(): Promise<{ key: string; bytes: Bytes }[]> {
  const out: { key: string; bytes: Bytes }[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list(cursor === undefined ? {} : { cursor });
    for (const object of page.objects) {
      const body = await env.FILES.get(object.key);
      if (body) out.push({ key: object.key, bytes: new Uint8Array(await body.arrayBuffer()) as Bytes });
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
  return out;
}

/** Turns on the room's event log and captures every console line of this isolate (the room's too). */
export function captureConsole(): Promise<MockInstance[]> {
  return runInDurableObject(roomStub(), () => {
    setEventLogging(true);
    return ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
      vi.spyOn(globalThis.console, level as 'log').mockImplementation(() => undefined),
    );
  });
}

/** The captured console lines, as one text. */
export function consoleText(spies: readonly MockInstance[]): string {
  return spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.stringify(call))).join('\n');
}
