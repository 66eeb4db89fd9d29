// Who owns a room (issue 14): POST /api/rooms gives the creator an owner token, of which the room
// keeps only the SHA-256; the ADMIN_TOKEN owns every room, the lobby included; a token owns only its
// own room. Every owner frame from anyone else is refused with not_owner, and audited. The proven
// role lives in the socket's attachment, so it survives an eviction.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientMessage } from '#protocol/client-messages';
import { ownerTokenHash } from '../../worker/crypto/owner-token';
import type { ChatRoom } from '../../worker/room/chat-room';
import { readAttachment } from '../../worker/room/socket-attachment';
import { adminToken } from './support/audit';
import { act, evict, join, LOBBY, ownedRoom, stubOf, tryJoin } from './support/moderation';
import { closeAll, uniqueName } from './support/room-client';

afterEach(closeAll);

describe('the owner token', () => {
  it('comes with POST /api/rooms as 32 random bytes, and the room keeps only its SHA-256', async () => {
    const room = await ownedRoom();
    expect(room.ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await join(room.path, uniqueName('alice'));
    const stored = await runInDurableObject(stubOf(room.path), (_room: ChatRoom, state) => {
      const rows = state.storage.sql.exec('SELECT * FROM room_settings').toArray();
      return JSON.stringify(rows);
    });
    expect(stored).toContain(await ownerTokenHash(room.ownerToken));
    expect(stored).not.toContain(room.ownerToken);
  });

  it('proves ownership at the join: joined says owner, and the attachment keeps a yes, not the token', async () => {
    const room = await ownedRoom();
    const name = uniqueName('owner');
    const owner = await join(room.path, name, room.ownerToken);
    expect(owner.joined.owner).toBe(true);
    const atts = await runInDurableObject(stubOf(room.path), (_room: ChatRoom, state) =>
      state
        .getWebSockets()
        .map((ws) => ({ raw: JSON.stringify(ws.deserializeAttachment()), att: readAttachment(ws) })),
    );
    const mine = atts.find((a) => a.att?.name === name);
    expect(mine?.att?.owner).toBe(true);
    expect(atts.some((a) => a.raw.includes(room.ownerToken))).toBe(false);
  });

  it('a wrong owner token refuses the join with not_owner, and the same name may join without one', async () => {
    const room = await ownedRoom();
    const name = uniqueName('carol');
    const { member, reply } = await tryJoin(room.path, name, { owner: `${room.ownerToken}x` });
    expect(reply).toMatchObject({ type: 'error', code: 'not_owner' });
    await member.channel.send({ type: 'join', name });
    expect(await member.inbox.nextJoinReply()).toMatchObject({ type: 'joined', name });
  });

  it("works only in its own room: another room's owner token is refused there", async () => {
    const a = await ownedRoom('mod-a');
    const b = await ownedRoom('mod-b');
    const { reply } = await tryJoin(b.path, uniqueName('intruder'), { owner: a.ownerToken });
    expect(reply).toMatchObject({ type: 'error', code: 'not_owner' });
    const member = await join(b.path, uniqueName('intruder'));
    await act(member, { type: 'owner', token: a.ownerToken });
    await member.inbox.error('not_owner');
  });

  it('an owner frame after the join proves it too, answered with role', async () => {
    const room = await ownedRoom();
    const member = await join(room.path, uniqueName('late'));
    expect(member.joined.owner).toBeUndefined();
    await act(member, { type: 'owner', token: room.ownerToken });
    expect(await member.inbox.next('role')).toEqual({ type: 'role', owner: true, admin: false });
  });
});

describe('the ADMIN_TOKEN', () => {
  it('owns any room, at the join or with an owner frame', async () => {
    const room = await ownedRoom();
    const atJoin = await join(room.path, uniqueName('boss'), adminToken());
    expect(atJoin.joined.owner).toBe(true);
    const later = await join(room.path, uniqueName('boss'));
    await act(later, { type: 'owner', token: adminToken() });
    expect(await later.inbox.next('role')).toEqual({ type: 'role', owner: true, admin: true });
    await act(later, { type: 'topic', topic: 'set by the admin' });
    await later.inbox.next('room_settings', (m) => m.settings.topic === 'set by the admin');
  });

  it('owns the lobby, which has no owner token of its own', async () => {
    const admin = await tryJoin(LOBBY, uniqueName('boss'), { owner: adminToken() });
    expect(admin.reply).toMatchObject({ type: 'joined', owner: true });
    const hash = await runInDurableObject(
      stubOf(LOBBY),
      (room: ChatRoom) => room.moderation.settings().ownerHash,
    );
    expect(hash).toBeNull();
  });
});

/** One frame of each owner action, for the refusal test. */
const ACTIONS: ClientMessage[] = [
  { type: 'topic', topic: 'mine now' },
  { type: 'visibility', listed: false },
  { type: 'kick', name: 'someone' },
  { type: 'ban', name: 'someone', minutes: 10 },
  { type: 'unban', name: 'someone' },
  { type: 'mute', name: 'someone', minutes: 10 },
  { type: 'unmute', name: 'someone' },
  { type: 'slow_mode', seconds: 30 },
  { type: 'close_room' },
];

describe('a member who is not the owner', () => {
  it('is refused every owner action with not_owner, and the room is unchanged', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const member = await join(room.path, uniqueName('troll'));
    for (const frame of ACTIONS) {
      await act(member, frame);
      await member.inbox.error('not_owner');
    }
    const settings = await runInDurableObject(stubOf(room.path), (r: ChatRoom) => r.moderation.settings());
    expect(settings).toMatchObject({ topic: '', listed: true, slowModeS: 0 });
    expect(await owner.say('the room is still open')).toMatchObject({ type: 'msg' });
  });

  it('stays refused after an eviction, and the owner stays the owner', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const member = await join(room.path, uniqueName('troll'));
    await evict(room.path);
    await act(member, { type: 'topic', topic: 'nope' });
    await member.inbox.error('not_owner');
    await act(owner, { type: 'topic', topic: 'after the eviction' });
    await member.inbox.next('room_settings', (m) => m.settings.topic === 'after the eviction');
  });
});
