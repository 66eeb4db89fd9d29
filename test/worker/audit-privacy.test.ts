// The audit log holds metadata, never content: after a session of public and private messages,
// a shared file, a refused name and a resume, the events table is scanned for the message texts,
// the file's name and contents, the resume tokens and every key involved, in text and byte form.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { type Bytes, toBase64Url, toHex } from '#crypto/base64';
import type { ChatRoom } from '../../worker/room/chat-room';
import { listEvents } from './support/audit';
import { contains, fetchFile, MARKER, markedFile, nextAbout, share } from './support/files';
import {
  cid,
  closeAll,
  Inbox,
  joinAll,
  openChannel,
  rejoin,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

const encoder = new TextEncoder();

/** Something that must not be stored: its text forms and its bytes. */
interface Needle {
  what: string;
  texts: string[];
  bytes: Bytes[];
}

const textNeedle = (what: string, text: string): Needle => ({
  what,
  texts: [text],
  bytes: [encoder.encode(text) as Bytes],
});
const keyNeedle = (what: string, key: Bytes): Needle => ({
  what,
  texts: [toBase64Url(key), toHex(key), btoa(String.fromCharCode(...key))],
  bytes: [key],
});

type Row = Record<string, string | number | ArrayBuffer | null>;

/** Every row of `table`, read inside the room. */
function rowsOf(table: string): Promise<Row[]> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
    // The table name comes from sqlite_master (below), never from input.
    state.storage.sql.exec<Row>(`SELECT * FROM "${table}"`).toArray(),
  );
}

/** The room's own tables (SQLite's and the platform's internal ones are not readable, and not ours). */
function tables(): Promise<string[]> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
    state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .toArray()
      .map((row) => row.name),
  );
}

/** What of `needles` turns up in `rows`, as "needle in table.column". */
function findings(table: string, rows: Row[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      for (const needle of needles) {
        const hit =
          typeof value === 'string'
            ? needle.texts.some((text) => value.includes(text))
            : value instanceof ArrayBuffer
              ? needle.bytes.some((bytes) => contains(new Uint8Array(value), bytes))
              : false;
        if (hit) found.push(`${needle.what} in ${table}.${column}`);
      }
    }
  }
  return found;
}

describe('the audit log', () => {
  it('records no message text, file name or contents, resume token or key', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const publicText = `public-plaintext-${crypto.randomUUID()}`;
    const privateText = `private-plaintext-${crypto.randomUUID()}`;
    const fileName = `secret-file-name-${crypto.randomUUID().slice(0, 8)}.png`;

    await alice.say(publicText);
    await bob.channel.send({ type: 'pm', cid: cid(), to: alice.name, text: privateText, ts: Date.now() });
    await alice.inbox.next('pm');

    // A refused name is whatever a client sent: it is not recorded either.
    const refusedName = `no way ${crypto.randomUUID().slice(0, 4)}`;
    const stranger = await openChannel();
    const strangerInbox = new Inbox(stranger);
    await stranger.send({ type: 'join', name: refusedName });
    await strangerInbox.error('name_bad_chars');

    const fileId = await share(alice, markedFile(70_000), { to: bob.name, name: fileName });
    const fileKey = await runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
      const row = state.storage.sql
        .exec<{ file_key: ArrayBuffer }>('SELECT file_key FROM files WHERE file_id = ?', fileId)
        .one();
      return new Uint8Array(row.file_key) as Bytes;
    });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    expect(offered.name).toBe(fileName);
    await fetchFile(bob, offered);
    await nextAbout(alice, { fileId }, 'file_delivered');

    // Alice comes back on a new socket with her token: the room hands out a new one.
    const aliceAgain = await rejoin(alice);

    const roomKey = await runInDurableObject(roomStub(), (room: ChatRoom) => {
      const stored = room.store.getMeta('room_private_key');
      if (!(stored instanceof ArrayBuffer)) throw new Error('expected the room key in SQLite');
      return new Uint8Array(stored) as Bytes;
    });
    const sessionKeys = await runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
      state
        .getWebSockets()
        .map((ws) => (ws.deserializeAttachment() as { key?: Uint8Array }).key)
        .filter((key): key is Uint8Array => key !== undefined)
        .map((key) => new Uint8Array(key) as Bytes),
    );
    expect(sessionKeys.length).toBeGreaterThanOrEqual(3);

    const needles: Needle[] = [
      textNeedle('the public message', publicText),
      textNeedle('the private message', privateText),
      textNeedle('the refused name', refusedName),
      textNeedle('the file name', fileName),
      textNeedle('the file name without its extension', fileName.replace(/\.png$/, '')),
      { what: 'the file contents', texts: [new TextDecoder().decode(MARKER)], bytes: [MARKER] },
      textNeedle("alice's first resume token", alice.joined.token),
      textNeedle("alice's second resume token", aliceAgain.joined.token),
      textNeedle("bob's resume token", bob.joined.token),
      keyNeedle('the room private key', roomKey),
      keyNeedle("the file's key", fileKey),
      ...sessionKeys.map((key, i) => keyNeedle(`session key ${i + 1}`, key)),
    ];

    // The events are there, and they are about this session: the scan has something to look at.
    const events = await rowsOf('events');
    const kinds = new Set((await listEvents()).events.map((e) => e.kind));
    for (const kind of [
      'message',
      'private_message',
      'join_rejected',
      'file_offered',
      'file_completed',
      'join',
    ])
      expect(kinds, kind).toContain(kind);
    expect(findings('events', events, needles)).toEqual([]);

    // Nor does any other table keep tokens, session keys or file contents (history may keep message
    // text, and the meta table holds the room key, by design; neither belongs to the audit log).
    const elsewhere = needles.filter((n) => /token|session key|file contents/.test(n.what));
    for (const table of await tables()) {
      expect(findings(table, await rowsOf(table), elsewhere)).toEqual([]);
    }
  });
});
