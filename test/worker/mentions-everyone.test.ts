// @everyone is for the room admin only (worker/room/handlers/chat.ts, join.ts, room-rules.ts): a
// member who did not prove the ADMIN_TOKEN at its join is refused with everyone_not_allowed and
// nothing is stored; the admin's @everyone reaches the room; the token is never kept or logged.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { ChatRoom } from '../../worker/room/chat-room';
import { setEventLogging } from '../../worker/room/log';
import { readAttachment } from '../../worker/room/socket-attachment';
import { adminToken, auditMark, eventsAfter } from './support/audit';
import {
  cid,
  closeAll,
  Inbox,
  joinAll,
  type Member,
  openChannel,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(() => {
  setEventLogging(false);
  vi.restoreAllMocks();
  closeAll();
});

/** Joins as `name` presenting `token` as the admin token; resolves with the room's answer. */
async function joinWithToken(name: string, token: string) {
  const channel = await openChannel();
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name, admin: token });
  return { channel, inbox, reply: await inbox.nextJoinReply() };
}

/** Sends a Lobby message on `channel`; resolves with its cid. */
async function sayOn(channel: Member['channel'], text: string): Promise<number> {
  const id = cid();
  await channel.send({ type: 'msg', cid: id, text, ts: Date.now() });
  return id;
}

/** How many stored rows hold `text` (messages and the search index alike). */
function rowsHolding(text: string): Promise<number> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
    const row = state.storage.sql
      .exec<{ n: number }>('SELECT COUNT(*) AS n FROM messages WHERE text = ?', text)
      .one();
    return row.n;
  });
}

describe('@everyone', () => {
  it('is refused from a member who is not the admin, with everyone_not_allowed, and nothing is stored or sent', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const text = `heads up @everyone ${uniqueName('x')}`;
    const sent = await sayOn(alice.channel, text);
    const error = await alice.inbox.error('everyone_not_allowed');
    expect(error.cid).toBe(sent);
    expect(await rowsHolding(text)).toBe(0);
    // The next message does go through, and bob never saw the refused one before it.
    const { id } = await alice.say('an ordinary line');
    const next = await bob.inbox.next('msg', (m) => m.id === id);
    expect(next.text).toBe('an ordinary line');
    expect(bob.inbox.log.some((m) => m.type === 'msg' && m.text === text)).toBe(false);
  });

  it('is refused in an edit by a member who is not the admin, and the text stays as it was', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const { id } = await alice.say('a harmless line');
    await alice.channel.send({ type: 'edit', id, text: 'now ringing @EVERYONE' });
    await alice.inbox.error('everyone_not_allowed');
    expect(await rowsHolding('a harmless line')).toBe(1);
  });

  it('goes through from a member who proved the admin token at its join', async () => {
    const [bob] = await joinAll(uniqueName('bob'));
    const admin = await joinWithToken(uniqueName('boss'), adminToken());
    expect(admin.reply.type).toBe('joined');
    const text = `@everyone the room closes at six ${uniqueName('x')}`;
    const sent = await sayOn(admin.channel, text);
    const echo = await admin.inbox.next('msg', (m) => m.cid === sent);
    expect(echo.text).toBe(text);
    expect((await bob.inbox.next('msg', (m) => m.id === echo.id)).text).toBe(text);
    expect(await rowsHolding(text)).toBe(1);
  });

  it('a wrong admin token refuses the join with not_admin and holds no name, so the same name can join without one', async () => {
    const name = uniqueName('carol');
    const wrong = await joinWithToken(name, `${adminToken()}x`);
    expect(wrong.reply).toMatchObject({ type: 'error', code: 'not_admin' });
    await wrong.channel.send({ type: 'join', name });
    const joined = (await wrong.inbox.nextJoinReply()) as ServerMessageOf<'joined'>;
    expect(joined).toMatchObject({ type: 'joined', name });
    await sayOn(wrong.channel, 'trying @everyone anyway');
    await wrong.inbox.error('everyone_not_allowed');
  });

  it('the admin token appears in no socket attachment, audit event or log line; the attachment keeps a yes', async () => {
    const token = adminToken();
    const spies = await runInDurableObject(roomStub(), () => {
      setEventLogging(true);
      return ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
        vi.spyOn(globalThis.console, level as 'log').mockImplementation(() => undefined),
      );
    });
    const mark = await auditMark();
    const name = uniqueName('boss');
    const admin = await joinWithToken(name, token);
    expect(admin.reply.type).toBe('joined');
    await joinWithToken(uniqueName('mallory'), `${token}-guess`);

    const attachments = await runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
      state
        .getWebSockets()
        .map((ws) => ({ raw: JSON.stringify(ws.deserializeAttachment()), att: readAttachment(ws) })),
    );
    const mine = attachments.find((a) => a.att?.name === name);
    expect(mine?.att?.admin).toBe(true);
    expect(attachments.map((a) => a.raw).join('\n')).not.toContain(token);

    const events = JSON.stringify(await eventsAfter(mark));
    expect(events).toContain('not_admin'); // the refused guess is audited
    expect(events).not.toContain(token);
    const logged = spies.flatMap((spy) => spy.mock.calls.map((call) => JSON.stringify(call))).join('\n');
    expect(logged).toContain('joined'); // the scan does see the room's log lines
    expect(logged).not.toContain(token);
  });
});
