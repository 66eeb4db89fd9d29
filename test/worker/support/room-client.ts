// Helpers for worker tests: real WebSocket clients to the worker running in workerd, driven by the
// same headless core (SecureChannel, ChatClient) as the browser UI and the bench. Everything they
// open is tracked, so a test file can close it all with `afterEach(closeAll)`.

import { env, SELF } from 'cloudflare:test';
import type { Bytes } from '#crypto/base64';
import type { ServerMessage, ServerMessageOf } from '#protocol/server-messages';
import { ChatClient, type ChatClientOptions, type ClientEvents } from '../../../client/core/chat-client';
import { SecureChannel } from '../../../client/core/secure-channel';
import type { SocketLike } from '../../../client/core/socket-like';
import { must } from '../../support/must';

export const ORIGIN = 'http://chat.test';

/** The one ChatRoom every /ws request is forwarded to. */
export function roomStub(): DurableObjectStub {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName('lobby'));
}

// ---- Clean-up ---------------------------------------------------------------------------------

const open = new Set<{ close(): void }>();

/** Remembers something to close at the end of the test. */
export function track<T extends { close(): void }>(thing: T): T {
  open.add(thing);
  return thing;
}

/** Closes everything the helpers opened; use in `afterEach`. */
export function closeAll(): void {
  for (const thing of open) {
    try {
      thing.close();
    } catch {
      // Already closed.
    }
  }
  open.clear();
}

let counter = 0;

/** A username no other test in the file uses: `prefix` plus a counter, at most 15 characters. */
export function uniqueName(prefix = 'user'): string {
  counter++;
  return `${prefix.slice(0, 15 - String(counter).length)}${counter}`;
}

// ---- Sockets ----------------------------------------------------------------------------------

/** Opens a raw WebSocket to /ws through the worker, accepted and ready to use. */
export async function openSocket(headers: Record<string, string> = {}): Promise<WebSocket> {
  const res = await SELF.fetch(`${ORIGIN}/ws`, {
    headers: { Upgrade: 'websocket', Origin: ORIGIN, ...headers },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
  // workerd delivers binary frames as Blobs unless told otherwise, and the client core ignores Blobs.
  ws.binaryType = 'arraybuffer';
  ws.accept();
  return track(ws);
}

/** A socket that starts already open: workerd sockets from fetch() never fire 'open'. */
export function asSocketLike(ws: WebSocket): SocketLike {
  return ws as unknown as SocketLike;
}

/** A socket that records every frame the client sends and receives, for replay tests. */
export function recordingSocket(ws: WebSocket): {
  socket: SocketLike;
  sent: (string | Bytes)[];
  received: (string | Bytes)[];
} {
  const sent: (string | Bytes)[] = [];
  const received: (string | Bytes)[] = [];
  ws.addEventListener('message', (event) => {
    received.push(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer));
  });
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    binaryType: 'arraybuffer',
    send(data) {
      sent.push(typeof data === 'string' ? data : new Uint8Array(data as ArrayBuffer).slice());
      ws.send(data as ArrayBuffer);
    },
    close: (code, reason) => ws.close(code, reason),
    addEventListener: (type: string, fn: (event: never) => void) =>
      ws.addEventListener(type as 'message', fn as never),
  };
  return { socket, sent, received };
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A channel that has finished the key exchange, plus `ended`, a promise of its close event. */
export async function openChannel(
  socket?: SocketLike,
): Promise<SecureChannel & { ended: Promise<CloseInfo> }> {
  const channel = track(await SecureChannel.open(socket ?? asSocketLike(await openSocket())));
  // Not `closed`: SecureChannel has a private field of that name.
  const ended = new Promise<CloseInfo>((resolve) => channel.on('close', resolve));
  return Object.assign(channel, { ended });
}

// ---- Receiving --------------------------------------------------------------------------------

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/**
 * Collects every decrypted message from a channel and lets a test await the next matching one.
 * A wait fails at once, naming what it waited for, if the socket closes first.
 */
export class Inbox {
  /** Received and not yet taken by `next`. */
  readonly messages: ServerMessage[] = [];
  /** Everything ever received, in order. */
  readonly log: ServerMessage[] = [];
  private closedWith: CloseInfo | null = null;
  private waiters: {
    match: (m: ServerMessage) => boolean;
    resolve: (m: ServerMessage) => void;
    reject: (e: Error) => void;
    what: string;
  }[] = [];

  constructor(channel: SecureChannel) {
    channel.on('message', (m) => {
      this.log.push(m);
      const waiter = this.waiters.find((w) => w.match(m));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(m);
      } else {
        this.messages.push(m);
      }
    });
    channel.on('close', (info) => {
      this.closedWith = info;
      for (const w of this.waiters.splice(0)) w.reject(this.closedError(w.what));
    });
  }

  /** Resolves with the first message (already received or future) of `type` that matches. */
  next<T extends ServerMessage['type']>(type: T, match: (m: Of<T>) => boolean = () => true): Promise<Of<T>> {
    return this.take((m) => m.type === type && match(m as Of<T>), type) as Promise<Of<T>>;
  }

  /** Resolves with the first chat message, public or private. */
  nextChat(): Promise<Of<'msg'> | Of<'pm'>> {
    return this.take((m) => m.type === 'msg' || m.type === 'pm', 'a chat message') as Promise<
      Of<'msg'> | Of<'pm'>
    >;
  }

  /** Resolves with the first message (already received or future) that passes `test`. */
  nextWhere(test: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage> {
    return this.take(test, what);
  }

  /** Resolves with the room's answer to a join: `joined` or an error. */
  nextJoinReply(): Promise<Of<'joined'> | Of<'error'>> {
    return this.take((m) => m.type === 'joined' || m.type === 'error', 'a join reply') as Promise<
      Of<'joined'> | Of<'error'>
    >;
  }

  private take(test: (m: ServerMessage) => boolean, what: string): Promise<ServerMessage> {
    const index = this.messages.findIndex(test);
    if (index >= 0) return Promise.resolve(must(this.messages.splice(index, 1)[0]));
    if (this.closedWith) return Promise.reject(this.closedError(what));
    return new Promise((resolve, reject) => {
      this.waiters.push({ match: test, resolve, reject, what });
    });
  }

  /** The next error, which must carry `code`. */
  async error(code: ServerMessageOf<'error'>['code']): Promise<ServerMessageOf<'error'>> {
    const error = await this.next('error');
    if (error.code !== code) throw new Error(`expected error ${code}, got ${error.code}: ${error.message}`);
    return error;
  }

  /** Waits until presence batches have announced every change in `expected` (e.g. "join:bob"). */
  async presence(...expected: string[]): Promise<ServerMessageOf<'presence'>[]> {
    const pending = new Set(expected);
    const batches: ServerMessageOf<'presence'>[] = [];
    while (pending.size > 0) {
      const batch = await this.next('presence', (p) => p.changes.some((c) => pending.has(changeKey(c))));
      for (const change of batch.changes) pending.delete(changeKey(change));
      batches.push(batch);
    }
    return batches;
  }

  private closedError(what: string): Error {
    return new Error(`socket closed (${this.closedWith?.code}) while waiting for ${what}`);
  }
}

function changeKey(change: ServerMessageOf<'presence'>['changes'][number]): string {
  return change.change === 'leave'
    ? `leave:${change.name}:${change.reason}`
    : `${change.change}:${change.name}`;
}

// ---- Joined users -----------------------------------------------------------------------------

export interface Member {
  name: string;
  channel: SecureChannel & { ended: Promise<CloseInfo> };
  inbox: Inbox;
  joined: ServerMessageOf<'joined'>;
  /** Sends a public message and resolves with the sender's own echo. */
  say(text: string): Promise<ServerMessageOf<'msg'>>;
}

let nextCid = 1;

/** A fresh client message id: ids only need to increase per socket, so one counter serves all. */
export function cid(): number {
  return nextCid++;
}

/** A channel that has joined as `name` (default: a unique name), with an inbox. */
export async function joinAs(name = uniqueName(), socket?: SocketLike): Promise<Member> {
  const channel = await openChannel(socket);
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name });
  const joined = await inbox.next('joined');
  return { name, channel, inbox, joined, say: sayOn(channel, inbox) };
}

function sayOn(channel: SecureChannel, inbox: Inbox): Member['say'] {
  return async (text) => {
    const id = cid();
    await channel.send({ type: 'msg', cid: id, text, ts: Date.now() });
    return inbox.next('msg', (m) => m.cid === id);
  };
}

/** Takes `member`'s name back on a new socket with its resume token, as a reconnecting client does. */
export async function rejoin(member: Member): Promise<Member> {
  const channel = await openChannel();
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name: member.name, resume: member.joined.token });
  const joined = await inbox.next('joined');
  if (!joined.resumed) throw new Error('expected the name to be resumed');
  return { ...member, channel, inbox, joined, say: sayOn(channel, inbox) };
}

/**
 * Joins several users and waits until each has seen the others' joins, so that no late presence
 * batch lands in the middle of the test's own assertions.
 */
export async function joinAll<const Names extends readonly string[]>(
  ...names: Names
): Promise<{ [K in keyof Names]: Member }> {
  const members: Member[] = [];
  for (const name of names) members.push(await joinAs(name));
  await Promise.all(
    members.map((m, i) => m.inbox.presence(...members.slice(i).map((other) => `join:${other.name}`))),
  );
  // One member per name, in order: the mapped tuple type says so to the callers' destructuring.
  return members as { [K in keyof Names]: Member };
}

// ---- ChatClient -------------------------------------------------------------------------------

/** A test's control over one client's network link. */
export interface Network {
  /** Frames from the room are dropped on the floor, like a link that went dead. */
  blockIncoming: boolean;
  /** While set, new connections wait for it before they reach the worker. */
  offline: Promise<void> | null;
}

export function network(): Network {
  return { blockIncoming: false, offline: null };
}

/** Holds back the link's new connections until the returned function is called. */
export function goOffline(link: Network): () => void {
  let online!: () => void;
  link.offline = new Promise((resolve) => {
    online = resolve;
  });
  return () => {
    link.offline = null;
    online();
  };
}

/** A full ChatClient over workerd sockets, reconnecting through the worker with a short backoff. */
export function chatClient(options: Partial<ChatClientOptions> = {}, link: Network = network()): ChatClient {
  return track(
    new ChatClient({
      heartbeatMs: 0,
      backoff: { baseMs: 10, maxMs: 50 },
      connect: () => {
        // ChatClient wants a socket synchronously; hand it a proxy that fills in once fetch resolves.
        const opening = (link.offline ?? Promise.resolve()).then(() => openSocket());
        return lazySocket(opening, link);
      },
      ...options,
    }),
  );
}

function lazySocket(pending: Promise<WebSocket>, link: Network): SocketLike {
  const listeners: [string, (event: never) => void][] = [];
  let real: WebSocket | null = null;
  let failed = false;
  const attach = (ws: WebSocket, type: string, fn: (event: never) => void) => {
    const gated =
      type === 'message'
        ? (event: never) => {
            if (!link.blockIncoming) fn(event);
          }
        : fn;
    ws.addEventListener(type as 'message', gated as never);
  };
  pending.then(
    (ws) => {
      real = ws;
      for (const [type, fn] of listeners) attach(ws, type, fn);
    },
    () => {
      failed = true;
      for (const [type, fn] of listeners)
        if (type === 'close')
          (fn as (e: { code: number; reason: string }) => void)({ code: 1006, reason: 'connect failed' });
    },
  );
  return {
    get readyState() {
      return real ? real.readyState : failed ? 3 : 0;
    },
    binaryType: 'arraybuffer',
    send(data) {
      if (!real) throw new Error('not open yet');
      real.send(data as ArrayBuffer);
    },
    close(code, reason) {
      if (real) real.close(code, reason);
      else void pending.then((ws) => ws.close(code, reason));
    },
    addEventListener(type: string, fn: (event: never) => void) {
      if (real) attach(real, type, fn);
      else listeners.push([type, fn]);
    },
  } as SocketLike;
}

/** A ChatClient that has connected and joined as `name`, over `link`. */
export async function joinedClient(name: string, link: Network = network()): Promise<ChatClient> {
  const client = chatClient({}, link);
  await client.connect();
  await client.join(name);
  return client;
}

/** Resolves with the next `event` from a ChatClient whose payload matches. */
export function nextEvent<K extends keyof ClientEvents>(
  client: ChatClient,
  event: K,
  match: (payload: ClientEvents[K]) => boolean = () => true,
): Promise<ClientEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(event, (payload) => {
      if (!match(payload)) return;
      off();
      resolve(payload);
    });
  });
}
