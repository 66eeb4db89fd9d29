// Group commit (worker/room/write-behind.ts): the messages a room handles between two flushes are
// written together at the next flush, before any copy of them leaves; a read of the message tables
// sees every message already handled; ids never repeat; and a failed write sends nothing.
// Frames are handed to the room's own webSocketMessage back to back, as the runtime does when
// several arrive while the room is busy, so that the test does not depend on network timing.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import type { ClientMessage } from '#protocol/client-messages';
import { nameKey } from '#protocol/username';
import type { ChatRoom } from '../../worker/room/chat-room';
import {
  cid,
  closeAll,
  joinAll,
  joinAs,
  type Member,
  rejoin,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

const encoder = new TextEncoder();

/** `messages` sealed by `member` with its next sequence numbers, not sent. */
async function sealed(member: Member, messages: ClientMessage[]): Promise<ArrayBuffer[]> {
  const frames: ArrayBuffer[] = [];
  for (const message of messages) {
    const frame: Bytes = await member.channel.seal(encoder.encode(JSON.stringify(message)) as Bytes);
    frames.push(frame.slice().buffer);
  }
  return frames;
}

/**
 * Hands `frames` to the room as arriving back to back on `member`'s socket, waits until the room has
 * handled them and flushed, and returns how many writes each non-empty drain ran.
 */
async function deliverTogether(member: Member, frames: ArrayBuffer[]): Promise<number[]> {
  return runInDurableObject(roomStub(), async (room: ChatRoom) => {
    const ws = room.members.get(nameKey(member.name))?.ws;
    if (!ws) throw new Error(`${member.name} is not in the room`);
    const drains: number[] = [];
    const writes = room.writes;
    const drain = writes.drain.bind(writes);
    writes.drain = () => {
      if (writes.size > 0) drains.push(writes.size);
      drain();
    };
    try {
      await Promise.all(frames.map((frame) => room.webSocketMessage(ws, frame)));
      // Queued after the flush those frames asked for.
      await room.defer(async () => {});
    } finally {
      writes.drain = drain;
    }
    return drains;
  });
}

function chat(text: string): ClientMessage & { type: 'msg'; cid: number } {
  return { type: 'msg', cid: cid(), text, ts: Date.now() };
}

describe('messages handled between two flushes', () => {
  it('are written in one transaction, then echoed with consecutive ids and delivered in order', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const burst = [chat('burst one'), chat('burst two'), chat('burst three')];

    const drains = await deliverTogether(alice, await sealed(alice, burst));

    expect(drains, 'one drain wrote all three messages').toHaveLength(1);
    expect(drains[0]).toBeGreaterThanOrEqual(burst.length);
    const echoes = await Promise.all(burst.map((m) => alice.inbox.next('msg', (e) => e.cid === m.cid)));
    const ids = echoes.map((e) => e.id);
    expect(ids).toEqual([ids[0], (ids[0] ?? 0) + 1, (ids[0] ?? 0) + 2]);
    for (const [i, m] of burst.entries()) {
      expect(await bob.inbox.nextChat()).toMatchObject({ id: ids[i], text: 'text' in m ? m.text : '' });
    }
    const stored = await runInDurableObject(roomStub(), (room: ChatRoom) =>
      room.messages.publicPage(null, 3, 64 * 1024).messages.map((m) => [m.id, 'text' in m ? m.text : '']),
    );
    expect(stored).toEqual(burst.map((m, i) => [ids[i], 'text' in m ? m.text : '']));
  });

  it('are found by a search that arrived right behind them, before their flush', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const word = `zqx${Date.now().toString(36)}`;

    await deliverTogether(
      alice,
      await sealed(alice, [chat(`look for ${word}`), { type: 'search', query: word }]),
    );

    const results = await alice.inbox.next('search_results');
    expect(results.messages.map((m) => m.text)).toEqual([`look for ${word}`]);
  });

  it('take ids that an event written while one waits does not take again', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const older = await alice.say('react to me');

    const { waiting, event } = await runInDurableObject(roomStub(), (room: ChatRoom) => {
      const now = Date.now();
      const fromSession = room.members.get(nameKey(alice.name))?.att.session ?? '';
      const body = { text: 'waits' };
      const waiting = room.messages.add(
        { from: alice.name, fromSession, cid: cid(), body, ts: now, at: now },
        now,
      );
      // A reaction to the older message is written at once: the waiting row is written first.
      const event = room.messages.events.reactionChanged(older.id, alice.name, now);
      return { waiting, event: event?.seq ?? null };
    });

    expect(waiting).toBeGreaterThan(older.id);
    expect(event).toBe(waiting + 1);
  });

  it('never reuse an id, even after the operator purged the history', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const before = await alice.say('before the purge');
    await runInDurableObject(roomStub(), (room: ChatRoom) => room.purgeHistory());

    const after = await alice.say('after the purge');

    expect(after.id).toBeGreaterThan(before.id);
  });
});

/** The texts of the newest Lobby messages the room has stored. */
function storedTexts(): Promise<string[]> {
  return runInDurableObject(roomStub(), (room: ChatRoom) =>
    room.messages.publicPage(null, 20, 64 * 1024).messages.map((m) => ('text' in m ? (m.text ?? '') : '')),
  );
}

describe('a write that fails', () => {
  it('sends no copy of the messages waiting with it: the room resets, and the resend after the reconnect is stored once', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const message = chat('stored on the second try');
    const [frame] = await sealed(alice, [message]);

    const failed = await runInDurableObject(roomStub(), async (room: ChatRoom) => {
      const ws = room.members.get(nameKey(alice.name))?.ws;
      if (!ws || !frame) throw new Error('no socket or frame');
      // The message's own batch fails: its row is written, then the write of its handled cid throws.
      const store = room.store;
      store.recordCid = () => {
        throw new Error('database full');
      };
      try {
        await room.webSocketMessage(ws, frame);
        await room.defer(async () => {});
      } finally {
        delete (store as { recordCid?: unknown }).recordCid;
      }
    }).then(
      () => null,
      (error: unknown) => String(error),
    );

    expect(failed).toContain('a message could not be stored');
    await Promise.all([alice.channel.ended, bob.channel.ended]);
    expect(
      bob.inbox.log.filter((m) => m.type === 'msg'),
      'bob got no copy',
    ).toEqual([]);
    expect(
      alice.inbox.log.filter((m) => m.type === 'msg' || m.type === 'ack'),
      'alice got no echo',
    ).toEqual([]);
    expect(await storedTexts()).not.toContain(message.text);

    const [alice2, bob2] = [await rejoin(alice), await rejoin(bob)];
    await alice2.channel.send(message);
    const echo = await alice2.inbox.next('msg', (m) => m.cid === message.cid);
    expect(await bob2.inbox.nextChat()).toMatchObject({ id: echo.id, text: 'stored on the second try' });
    expect((await storedTexts()).filter((t) => t === 'stored on the second try')).toHaveLength(1);
  });
});

describe('a socket that closes while its message waits for the flush', () => {
  it('has the message written before its name keeps the cid that covers it', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const message = chat('written before the cid');
    const [frame] = await sealed(alice, [message]);

    const waitingAtRelease = await runInDurableObject(roomStub(), async (room: ChatRoom) => {
      const ws = room.members.get(nameKey(alice.name))?.ws;
      if (!ws || !frame) throw new Error('no socket or frame');
      const seen: number[] = [];
      const store = room.store;
      const release = store.releaseName.bind(store);
      store.releaseName = (...args) => {
        seen.push(room.writes.size);
        release(...args);
      };
      try {
        // Both queued before the flush the message asks for: the close runs first.
        const handled = room.webSocketMessage(ws, frame);
        const closed = room.webSocketClose(ws, 1000, 'bye', true);
        await Promise.all([handled, closed]);
        await room.defer(async () => {});
      } finally {
        delete (store as { releaseName?: unknown }).releaseName;
      }
      return seen;
    });

    expect(waitingAtRelease, 'nothing waiting when the cid is written').toEqual([0]);
    expect(await storedTexts()).toContain('written before the cid');
  });
});
