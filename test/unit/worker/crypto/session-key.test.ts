// Unit tests for worker/crypto/session-key.ts: the client's AES-256-GCM session key, wrapped
// with the room's RSA-OAEP public key and unwrapped by the room.

import { beforeAll, describe, expect, it } from 'vitest';
import { Direction, openFrame, sealFrame } from '#crypto/frame-codec';
import { generateRoomKeyPair, loadRoomKeyPair, type RoomKeyPair } from '#crypto/room-key';
import {
  createSessionKey,
  importSessionKey,
  SESSION_KEY_BYTES,
  unwrapSessionKey,
  wrapSessionKey,
} from '#crypto/session-key';
import { must } from '../../../support/must';

let room: RoomKeyPair;
let otherRoom: RoomKeyPair;

beforeAll(async () => {
  [room, otherRoom] = await Promise.all([
    generateRoomKeyPair().then(({ pkcs8 }) => loadRoomKeyPair(pkcs8)),
    generateRoomKeyPair().then(({ pkcs8 }) => loadRoomKeyPair(pkcs8)),
  ]);
}, 60_000);

describe('createSessionKey', () => {
  it('makes 32 random bytes and a usable, non-extractable AES-GCM key', async () => {
    const a = await createSessionKey();
    const b = await createSessionKey();
    expect(a.raw.byteLength).toBe(SESSION_KEY_BYTES);
    expect(a.raw).not.toEqual(b.raw);
    expect(a.key.algorithm.name).toBe('AES-GCM');
    expect(a.key.extractable).toBe(false);
    expect(a.key.usages).toEqual(expect.arrayContaining(['encrypt', 'decrypt']));
  });
});

describe('importSessionKey', () => {
  it.each([0, 16, 24, 31, 33, 64])('refuses raw key material of %i bytes', async (length) => {
    await expect(importSessionKey(new Uint8Array(length))).rejects.toThrow(TypeError);
  });
});

describe('wrapSessionKey and unwrapSessionKey', () => {
  it('round-trip a session key through the room key pair', async () => {
    const session = await createSessionKey();
    const wrapped = await wrapSessionKey(room.publicKey, session.raw);
    expect(wrapped.byteLength).toBe(256);
    expect(await unwrapSessionKey(room.privateKey, wrapped)).toEqual(session.raw);
  });

  it('give the room a key that opens what the client sealed', async () => {
    const session = await createSessionKey();
    const raw = await unwrapSessionKey(room.privateKey, await wrapSessionKey(room.publicKey, session.raw));
    const roomSide = await importSessionKey(raw);
    const frame = await sealFrame(
      session.key,
      Direction.ClientToServer,
      { hi: 0, lo: 0 },
      new Uint8Array([42]),
    );
    const opened = await openFrame(roomSide, Direction.ClientToServer, frame, () => true);
    expect(opened.plaintext).toEqual(new Uint8Array([42]));
  });

  it('wrap the same key differently each time (OAEP is randomised)', async () => {
    const { raw } = await createSessionKey();
    const [a, b] = await Promise.all([
      wrapSessionKey(room.publicKey, raw),
      wrapSessionKey(room.publicKey, raw),
    ]);
    expect(a).not.toEqual(b);
  });

  it('fail to unwrap a key wrapped for another room', async () => {
    const { raw } = await createSessionKey();
    const wrapped = await wrapSessionKey(otherRoom.publicKey, raw);
    await expect(unwrapSessionKey(room.privateKey, wrapped)).rejects.toThrow();
  });

  it('fail to unwrap a tampered wrapped key', async () => {
    const { raw } = await createSessionKey();
    const wrapped = await wrapSessionKey(room.publicKey, raw);
    wrapped[100] = must(wrapped[100]) ^ 1;
    await expect(unwrapSessionKey(room.privateKey, wrapped)).rejects.toThrow();
  });

  it('refuse a wrapped key that is not 32 bytes inside', async () => {
    const wrapped = await wrapSessionKey(room.publicKey, new Uint8Array(16));
    await expect(unwrapSessionKey(room.privateKey, wrapped)).rejects.toThrow(TypeError);
  });

  it('refuse garbage that is not an RSA ciphertext at all', async () => {
    await expect(unwrapSessionKey(room.privateKey, new Uint8Array(10))).rejects.toThrow();
  });
});
