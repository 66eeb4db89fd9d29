// A bug in a handler (here: the message store throws) is an internal error: the sender gets
// `internal` and can go on, the log line names the entry point, the message type and the error's
// class and nothing else (no text, no error message), and the audit event names the same.
// The room shares this test isolate, so its console and its event-log switch are the test's.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRoom } from '../../worker/room/chat-room';
import { setEventLogging } from '../../worker/room/log';
import { auditMark, expectEvent } from './support/audit';
import { cid, closeAll, joinAs, roomStub, uniqueName } from './support/room-client';

afterEach(() => {
  // The worker tests run with LOG_EVENTS=off; this test switched the room's logs on.
  setEventLogging(false);
  vi.restoreAllMocks();
  closeAll();
});

const SECRET_TEXT = 'the launch code is 0000';
const ERROR_MESSAGE = 'store exploded while holding private things';

/** Makes the room's message store throw a TypeError on SECRET_TEXT, and records its console. */
function breakStoreOnSecret(): Promise<{ mock: { calls: unknown[][] } }> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => {
    setEventLogging(true);
    const add = room.messages.add.bind(room.messages);
    vi.spyOn(room.messages, 'add').mockImplementation((row, at) => {
      if ('text' in row.body && row.body.text === SECRET_TEXT) throw new TypeError(ERROR_MESSAGE);
      return add(row, at);
    });
    return vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
}

describe('an internal error while handling a message', () => {
  it('is logged with where and the message type, and nothing from the frame or the error', async () => {
    const alice = await joinAs(uniqueName('bug'));
    const mark = await auditMark();
    const log = await breakStoreOnSecret();

    await alice.channel.send({ type: 'msg', cid: cid(), text: SECRET_TEXT, ts: Date.now() });
    const reply = await alice.inbox.error('internal');
    expect(reply.message).not.toContain(ERROR_MESSAGE);

    const lines = log.mock.calls.map((call) => String(call[0]));
    const errors = lines
      .map((line): Record<string, unknown> => JSON.parse(line))
      .filter((entry) => entry.event === 'internal_error');
    expect(errors).toEqual([
      { event: 'internal_error', where: 'webSocketMessage', type: 'msg', error: 'TypeError' },
    ]);
    for (const line of lines) {
      expect(line).not.toContain(SECRET_TEXT);
      expect(line).not.toContain(ERROR_MESSAGE);
    }

    await expectEvent(mark, 'internal_error', {
      user: alice.name,
      code: 'internal',
      detail: { where: 'webSocketMessage', type: 'msg' },
    });
    // The connection still carries the next message.
    expect((await alice.say('after the bug')).text).toBe('after the bug');
  });
});
