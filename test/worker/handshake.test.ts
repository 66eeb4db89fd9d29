// The key exchange: the room's hello, its persisted key, a full handshake, a replayed handshake,
// frames that arrive before the handshake is done, and a client that refuses the room's key.

import { evictDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBase64Url } from '#crypto/base64';
import { fingerprintOf } from '#crypto/room-key';
import { CLOSE_CODES } from '#protocol/errors';
import { MAX_FRAME_BYTES } from '#protocol/limits';
import { HandshakeError } from '../../client/core/secure-channel';
import {
  chatClient,
  closeAll,
  Inbox,
  joinAs,
  openChannel,
  openSocket,
  recordingSocket,
  roomStub,
  uniqueName,
} from './support/room-client';
import { handshake, keyFrameFor, ManualSession, openMessage, Wire } from './support/wire';

afterEach(closeAll);

describe('the hello frame', () => {
  it("carries the room's public key, its SHA-256 fingerprint and a 32-byte challenge", async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    expect(hello.v).toBe(1);
    const spki = fromBase64Url(hello.publicKey);
    expect(hello.fingerprint).toBe(await fingerprintOf(spki));
    expect(hello.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fromBase64Url(hello.challenge).byteLength).toBe(32);
  });

  it('has a fresh challenge on every connection', async () => {
    const [a, b] = await Promise.all([Wire.open(), Wire.open()]);
    const [helloA, helloB] = await Promise.all([a.hello(), b.hello()]);
    expect(helloA.challenge).not.toBe(helloB.challenge);
  });

  it('has the same fingerprint on every connection, because the room key is persisted', async () => {
    const fingerprints = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const wire = await Wire.open();
      fingerprints.add((await wire.hello()).fingerprint);
      wire.close();
    }
    expect(fingerprints.size).toBe(1);
  });

  it('keeps its fingerprint after the room is evicted from memory', async () => {
    const before = await (await Wire.open()).hello();
    await evictDurableObject(roomStub(), { webSockets: 'close' });
    const after = await (await Wire.open()).hello();
    expect(after.publicKey).toBe(before.publicKey);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
});

describe('a full handshake', () => {
  it('lets a client join and chat over encrypted frames', async () => {
    const alice = await joinAs(uniqueName('alice'));
    expect(alice.joined.name).toBe(alice.name);
    const echo = await alice.say('hello, room');
    expect(echo.text).toBe('hello, room');
  });

  it('sends nothing but binary frames after the key exchange', async () => {
    const { socket, received } = recordingSocket(await openSocket());
    const channel = await openChannel(socket);
    const inbox = new Inbox(channel);
    await channel.send({ type: 'join', name: uniqueName('bin') });
    await inbox.next('joined');
    expect(typeof received[0]).toBe('string'); // the hello
    expect(received.slice(1).every((frame) => frame instanceof Uint8Array)).toBe(true);
  });
});

describe('a room key the client does not trust', () => {
  it('ends the ChatClient with a fingerprint HandshakeError instead of reconnecting', async () => {
    const client = chatClient({ verifyRoom: () => false });
    const connecting = client.connect();
    await expect(connecting).rejects.toBeInstanceOf(HandshakeError);
    await expect(connecting).rejects.toMatchObject({ reason: 'fingerprint' });
    // Any other handshake failure leaves it 'reconnecting' with a retry scheduled.
    expect(client.status).toBe('ended');
  });
});

describe('a replayed handshake', () => {
  it('fails with handshake_failed and a close, because the challenge is stale', async () => {
    // Session A: a real client, whose frames an eavesdropper records.
    const { socket, sent } = recordingSocket(await openSocket());
    const victim = await openChannel(socket);
    const [keyFrame, authFrame] = sent;
    expect(typeof keyFrame).toBe('string');
    expect(authFrame).toBeInstanceOf(Uint8Array);

    // Socket B: the eavesdropper replays A's key frame and first encrypted frame.
    const attacker = await Wire.open();
    await attacker.hello();
    attacker.send(keyFrame as string);
    attacker.send(authFrame as Uint8Array<ArrayBuffer>);

    const reply = await attacker.next();
    const closed = await attacker.closed;
    expect(closed.code).toBe(CLOSE_CODES.protocol);
    // Only the victim's key can read the room's answer; the test borrows it to check the code.
    const victimKey = (victim as unknown as { key: CryptoKey }).key;
    expect(reply).toBeInstanceOf(Uint8Array);
    expect(await openMessage(victimKey, reply as Uint8Array<ArrayBuffer>)).toMatchObject({
      type: 'error',
      code: 'handshake_failed',
    });

    // The victim's own session is untouched.
    const inbox = new Inbox(victim);
    await victim.send({ type: 'join', name: uniqueName('victim') });
    expect((await inbox.next('joined')).resumed).toBe(false);
  });

  it('fails when the first encrypted frame is not the challenge', async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    const { text, key } = await keyFrameFor(hello);
    wire.send(text);
    await new ManualSession(wire, key).send({ type: 'join', name: uniqueName('skip') });
    const reply = await wire.next();
    expect(await openMessage(key, reply as Uint8Array<ArrayBuffer>)).toMatchObject({
      code: 'handshake_failed',
    });
    expect((await wire.closed).code).toBe(CLOSE_CODES.protocol);
  });
});

describe('frames before the handshake', () => {
  it('answers a binary frame before the key with handshake_required, and the socket survives', async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    wire.send(new Uint8Array(64));
    expect(await wire.controlError()).toMatchObject({ code: 'handshake_required' });

    const session = await handshake(wire, hello);
    await session.send({ type: 'join', name: uniqueName('late') });
    expect(await session.receive()).toMatchObject({ type: 'joined' });
  });

  it('answers a text frame that is not JSON with bad_json, and the socket survives', async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    wire.send('this is not json');
    expect(await wire.controlError()).toMatchObject({ code: 'bad_json' });
    wire.send(JSON.stringify({ t: 'chat', text: 'hi' }));
    expect(await wire.controlError()).toMatchObject({ code: 'handshake_required' });
    wire.send(JSON.stringify({ t: 'key' }));
    expect(await wire.controlError()).toMatchObject({ code: 'bad_field' });

    const session = await handshake(wire, hello);
    await session.send({ type: 'join', name: uniqueName('retry') });
    expect(await session.receive()).toMatchObject({ type: 'joined' });
  });

  it('answers an oversized text frame with too_large, and the socket survives', async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    wire.send(`{"t":"key","key":"${'A'.repeat(MAX_FRAME_BYTES)}"}`);
    expect(await wire.controlError()).toMatchObject({ code: 'too_large' });

    const session = await handshake(wire, hello);
    await session.send({ type: 'join', name: uniqueName('big') });
    expect(await session.receive()).toMatchObject({ type: 'joined' });
  });

  it('answers a key frame with garbage in it with handshake_failed, then closes', async () => {
    for (const garbage of ['!!not base64!!', 'AAAA', btoa('x'.repeat(256))]) {
      const wire = await Wire.open();
      await wire.hello();
      wire.send(JSON.stringify({ t: 'key', key: garbage }));
      const error = await wire.controlError();
      expect(error.code, garbage).toBe('handshake_failed');
      expect(error.message).toBe('The key exchange failed.');
      expect((await wire.closed).code).toBe(CLOSE_CODES.protocol);
    }
  });
});
