// Helpers for the moderation tests: a room made by POST /api/rooms with its owner token, members
// joined there with or without a token, the room's ChatRoom object, and what its SQLite holds.

import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import type { ClientMessage } from '#protocol/client-messages';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { ChatRoom } from '../../../worker/room/chat-room';
import { asSocketLike, type CloseInfo, cid, Inbox, type Member, openChannel } from './room-client';
import { createRoom, openRoomSocket, uniqueSlug } from './rooms';

export interface OwnedRoom {
  slug: string;
  path: string;
  ownerToken: string;
}

/** A new public room made by POST /api/rooms; its creator's owner token comes with it. */
export async function ownedRoom(prefix = 'mod'): Promise<OwnedRoom> {
  const slug = uniqueSlug(prefix);
  const res = await createRoom({ slug });
  if (res.status !== 201) throw new Error(`POST /api/rooms: HTTP ${res.status}`);
  const body = (await res.json()) as { url: string; ownerToken: string };
  return { slug, path: body.url, ownerToken: body.ownerToken };
}

/** An unlisted link room made by POST /api/rooms. */
export async function ownedLinkRoom(): Promise<OwnedRoom> {
  const res = await createRoom({ unlisted: true });
  const body = (await res.json()) as { url: string; ownerToken: string };
  return { slug: body.url.slice('/r/'.length), path: body.url, ownerToken: body.ownerToken };
}

/** The lobby's path for these helpers: its socket is at /ws. */
export const LOBBY = '';

/** The ChatRoom object behind a room path ("/r/<slug>", "/r/~<hex>", or LOBBY). */
export function stubOf(path: string): DurableObjectStub<ChatRoom> {
  const segment = path === LOBBY ? 'lobby' : path.slice('/r/'.length);
  const id = segment.startsWith('~')
    ? env.CHAT_ROOM.idFromString(segment.slice(1))
    : env.CHAT_ROOM.idFromName(segment);
  return env.CHAT_ROOM.get(id) as DurableObjectStub<ChatRoom>;
}

/** Sends a join with extra fields (`owner`, `admin`, `resume`) and resolves with the room's answer. */
export async function tryJoin(
  path: string,
  name: string,
  extra: { owner?: string; admin?: string; resume?: string } = {},
): Promise<{ member: Member; reply: ServerMessageOf<'joined'> | ServerMessageOf<'error'> }> {
  const channel = await openChannel(asSocketLike(await openRoomSocket(path)));
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name, ...extra });
  const reply = await inbox.nextJoinReply();
  const joined = reply.type === 'joined' ? reply : ({} as ServerMessageOf<'joined'>);
  const member: Member = {
    name,
    channel,
    inbox,
    joined,
    say: async (text) => {
      const id = cid();
      await channel.send({ type: 'msg', cid: id, text, ts: Date.now() });
      return inbox.next('msg', (m) => m.cid === id);
    },
  };
  return { member, reply };
}

/** A member joined in `path`; with `owner`, presenting that token at the join. */
export async function join(path: string, name: string, owner?: string): Promise<Member> {
  const { member, reply } = await tryJoin(path, name, owner === undefined ? {} : { owner });
  if (reply.type !== 'joined') throw new Error(`join refused: ${reply.code}`);
  return member;
}

/** Sends an owner frame (or any frame) on a member's channel. */
export function act(member: Member, frame: ClientMessage): Promise<void> {
  return member.channel.send(frame);
}

/** Sends a Lobby message and resolves with its echo or the error about it. */
export async function post(
  member: Member,
  text: string,
): Promise<ServerMessageOf<'msg'> | ServerMessageOf<'error'>> {
  const id = cid();
  await member.channel.send({ type: 'msg', cid: id, text, ts: Date.now() });
  return member.inbox.nextWhere(
    (m) => (m.type === 'msg' || m.type === 'error') && m.cid === id,
    `the answer to message ${id}`,
  ) as Promise<ServerMessageOf<'msg'> | ServerMessageOf<'error'>>;
}

/** Evicts the room's object (sockets stay open, as with hibernation) and proves it happened. */
export async function evict(path: string): Promise<void> {
  const stub = stubOf(path);
  const before = await runInDurableObject(stub, (instance: ChatRoom) => instance);
  await evictDurableObject(stub);
  const after = await runInDurableObject(stub, (instance: ChatRoom) => instance);
  if (after === before) throw new Error('the room was not evicted');
}

/** Rows of one table in the room's SQLite. */
export function rowCount(path: string, table: string): Promise<number> {
  return runInDurableObject(stubOf(path), (_room: ChatRoom, state) => {
    // The table name is one of the test's own constants, never input.
    return state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n;
  });
}

export type { CloseInfo };
