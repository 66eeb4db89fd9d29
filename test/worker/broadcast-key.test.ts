// The room broadcast key (worker/room/broadcast-keys.ts, worker/crypto/broadcast-frame.ts): public
// traffic goes as one frame sealed once and signed by the room. A member who left cannot read what is
// broadcast after it; a member cannot get a frame of its own making accepted as a broadcast; the
// sequence keeps increasing across an eviction; private traffic never uses the key.

import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import {
  generateSigningKeyPair,
  importBroadcastKey,
  importSigningKey,
  isBroadcastFrame,
  readBroadcastHeader,
  SIGNATURE_BYTES,
  sealBroadcast,
} from '#crypto/broadcast-frame';
import { IV_BYTES } from '#crypto/frame-codec';
import type { SocketLike } from '../../client/core/socket-like';
import type { ChatRoom } from '../../worker/room/chat-room';
import {
  asSocketLike,
  cid,
  closeAll,
  joinAll,
  joinAs,
  openSocket,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

const encoder = new TextEncoder();

/** The room's current broadcast key and its epoch, read from its SQLite storage. */
function storedKey(): Promise<{ epoch: number; raw: Bytes }> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
    const read = (key: string) =>
      state.storage.sql
        .exec<{ value: ArrayBuffer | number }>('SELECT value FROM meta WHERE key = ?', key)
        .one().value;
    return {
      epoch: Number(read('broadcast_epoch')),
      raw: new Uint8Array(read('broadcast_key') as ArrayBuffer),
    };
  });
}

/**
 * A socket for the client core that also keeps every binary frame the room sent, and lets the test
 * hand the client a frame as if the room had sent it.
 */
async function tappedSocket(): Promise<{
  socket: SocketLike;
  frames: Bytes[];
  inject: (frame: Bytes) => void;
}> {
  const real = asSocketLike(await openSocket());
  const frames: Bytes[] = [];
  const listeners: ((event: { data: ArrayBuffer }) => void)[] = [];
  const socket: SocketLike = {
    get readyState() {
      return real.readyState;
    },
    binaryType: 'arraybuffer',
    send: (data) => real.send(data),
    close: (code, reason) => real.close(code, reason),
    addEventListener: (type: string, fn: (event: never) => void) => {
      if (type !== 'message') return real.addEventListener(type as 'close', fn as never);
      const listener = (event: { data: ArrayBuffer | string }) => {
        if (typeof event.data !== 'string') frames.push(new Uint8Array(event.data).slice());
        (fn as (event: unknown) => void)(event);
      };
      listeners.push(listener as (event: { data: ArrayBuffer }) => void);
      real.addEventListener('message', listener as never);
    },
  } as SocketLike;
  const inject = (frame: Bytes) => {
    for (const fn of listeners) fn({ data: frame.slice().buffer });
  };
  return { socket, frames, inject };
}

const broadcasts = (frames: readonly Bytes[]) => frames.filter(isBroadcastFrame);

describe('the room broadcast key', () => {
  it('sends a public message as one frame, the same bytes to every other member', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const tapB = await tappedSocket();
    const bobTapped = await joinAs(uniqueName('bobt'), tapB.socket);
    const tapC = await tappedSocket();
    const carolTapped = await joinAs(uniqueName('carolt'), tapC.socket);
    for (const m of [alice, bob, carol])
      await m.inbox.presence(`join:${bobTapped.name}`, `join:${carolTapped.name}`);
    await bobTapped.inbox.presence(`join:${carolTapped.name}`);
    await carolTapped.inbox.presence(`join:${carolTapped.name}`);
    const [fromB, fromC] = [tapB.frames.length, tapC.frames.length];
    const echo = await alice.say('sealed once');
    expect(await bobTapped.inbox.nextChat()).toMatchObject({ id: echo.id });
    expect(await carolTapped.inbox.nextChat()).toMatchObject({ id: echo.id });
    const atB = broadcasts(tapB.frames.slice(fromB)).at(-1);
    const atC = broadcasts(tapC.frames.slice(fromC)).at(-1);
    expect(atB).toBeDefined();
    expect(atC).toEqual(atB);
  });

  it('is rotated when a member leaves: what is broadcast after that does not open with the key it held', async () => {
    const [alice, carol] = await joinAll(uniqueName('alice'), uniqueName('carol'));
    const tap = await tappedSocket();
    const bob = await joinAs(uniqueName('bob'), tap.socket);
    await alice.inbox.presence(`join:${bob.name}`);
    await carol.inbox.presence(`join:${bob.name}`);
    await alice.say('before carol leaves');
    await bob.inbox.nextChat();
    const held = await storedKey();
    carol.channel.close();
    await alice.inbox.presence(`leave:${carol.name}:left`);
    const from = tap.frames.length;
    const echo = await alice.say('after carol left');
    expect(await bob.inbox.nextChat()).toMatchObject({ id: echo.id, text: 'after carol left' });
    const after = broadcasts(tap.frames.slice(from));
    expect(after.length).toBeGreaterThan(0);
    const oldKey = await importBroadcastKey(held.raw);
    for (const frame of after) {
      expect(readBroadcastHeader(frame).epoch).toBeGreaterThan(held.epoch);
      // The epoch aside, the bytes themselves do not open with the old key.
      const opening = crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: frame.subarray(14, 14 + IV_BYTES), additionalData: frame.subarray(0, 14) },
        oldKey,
        frame.subarray(14 + IV_BYTES, frame.byteLength - SIGNATURE_BYTES),
      );
      await expect(opening).rejects.toThrow();
    }
    expect((await storedKey()).epoch).toBeGreaterThan(held.epoch);
  });

  it('cannot be used by a member to get a frame of its own making to another member', async () => {
    const mallory = await joinAs(uniqueName('mallory'));
    const tap = await tappedSocket();
    const alice = await joinAs(uniqueName('alice'), tap.socket);
    await mallory.inbox.presence(`join:${alice.name}`);
    await mallory.say('a real one first');
    await alice.inbox.nextChat();
    // Mallory holds the broadcast key, as every member does, but not the room's signing key.
    const { epoch, raw } = await storedKey();
    const own = await generateSigningKeyPair();
    const last = readBroadcastHeader(broadcasts(tap.frames).at(-1) as Bytes).seq;
    const forged = await sealBroadcast(
      { epoch, key: await importBroadcastKey(raw), signingKey: await importSigningKey(own.pkcs8) },
      { hi: last.hi, lo: last.lo + 1 },
      encoder.encode(
        JSON.stringify({ type: 'msg', id: 1e9, from: alice.name, text: 'forged', ts: 1, at: 1 }),
      ) as Bytes,
    );
    // The room never relays a client's bytes: sent to it, the frame is refused as a bad frame.
    mallory.channel.sendRaw(forged);
    expect(await mallory.inbox.error('bad_frame')).toMatchObject({ code: 'bad_frame' });
    const echo = await mallory.say('nothing forged got through');
    expect(await alice.inbox.nextChat()).toMatchObject({ id: echo.id, text: 'nothing forged got through' });
    // Handed straight to Alice's client (as if injected on the wire), it is refused and the channel closes.
    tap.inject(forged);
    expect((await alice.channel.ended).code).toBe(4000);
    expect(alice.inbox.log.some((m) => m.type === 'msg' && m.text === 'forged')).toBe(false);
  });

  it('is refused by a client when a broadcast frame is replayed to it', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const tap = await tappedSocket();
    const bob = await joinAs(uniqueName('bob'), tap.socket);
    await alice.inbox.presence(`join:${bob.name}`);
    await alice.say('once');
    await bob.inbox.nextChat();
    const seen = broadcasts(tap.frames).at(-1) as Bytes;
    tap.inject(seen);
    expect((await bob.channel.ended).code).toBe(4000);
  });

  it('keeps broadcast sequence numbers increasing, and the key, across an eviction', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const tap = await tappedSocket();
    const bob = await joinAs(uniqueName('bob'), tap.socket);
    await alice.inbox.presence(`join:${bob.name}`);
    const one = await alice.say('one');
    expect(await bob.inbox.nextChat()).toMatchObject({ id: one.id });
    const before = broadcasts(tap.frames).map(readBroadcastHeader);
    const stub = roomStub();
    const instance = await runInDurableObject(stub, (room) => room);
    await evictDurableObject(stub);
    expect(await runInDurableObject(stub, (room) => room)).not.toBe(instance);
    const two = await alice.say('two');
    expect(await bob.inbox.nextChat()).toMatchObject({ id: two.id });
    const headers = broadcasts(tap.frames).map(readBroadcastHeader);
    expect(headers.length).toBeGreaterThan(before.length);
    for (let i = 1; i < headers.length; i++) {
      const [a, b] = [headers[i - 1], headers[i]];
      if (!a || !b) throw new Error('missing header');
      expect(b.seq.hi > a.seq.hi || (b.seq.hi === a.seq.hi && b.seq.lo > a.seq.lo)).toBe(true);
    }
    // Nobody left: the key the members hold is still the one in use.
    expect(headers.at(-1)?.epoch).toBe(before.at(-1)?.epoch);
  });

  it('is never used for private messages or typing to a peer', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const tap = await tappedSocket();
    const bob = await joinAs(uniqueName('bob'), tap.socket);
    await alice.inbox.presence(`join:${bob.name}`);
    await alice.say('public first');
    await bob.inbox.nextChat();
    const from = tap.frames.length;
    await alice.channel.send({ type: 'pm', cid: cid(), to: bob.name, text: 'psst', ts: Date.now() });
    await alice.channel.send({ type: 'typing', to: bob.name });
    expect(await bob.inbox.nextChat()).toMatchObject({ type: 'pm', text: 'psst' });
    await bob.inbox.next('typing', (t) => t.private);
    expect(broadcasts(tap.frames.slice(from))).toEqual([]);
  });
});
