// Unit tests for client/core/broadcast-receiver.ts: what a member's client accepts as a room
// broadcast: only frames under the key it holds, in increasing order, signed by the room.

import { beforeAll, describe, expect, it } from 'vitest';
import { type Bytes, toBase64Url } from '#crypto/base64';
import {
  BroadcastFrameError,
  generateSigningKeyPair,
  importBroadcastKey,
  importSigningKey,
  sealBroadcast,
} from '#crypto/broadcast-frame';
import type { Seq } from '#crypto/frame-codec';
import type { RoomKeyMessage } from '#protocol/broadcast-messages';
import { BroadcastReceiver } from '../../../../client/core/broadcast-receiver';

const encoder = new TextEncoder();
const payload = encoder.encode('{"type":"presence","changes":[],"count":1}') as Bytes;

let signing: { pkcs8: Bytes; publicRaw: Bytes };
let signingKey: CryptoKey;

beforeAll(async () => {
  signing = await generateSigningKeyPair();
  signingKey = await importSigningKey(signing.pkcs8);
});

/** A broadcast key as the room hands it out, and a way to seal frames with it. */
function roomKey(epoch: number): { message: RoomKeyMessage; seal: (seq: Seq) => Promise<Bytes> } {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const message: RoomKeyMessage = {
    type: 'room_key',
    epoch,
    key: toBase64Url(raw),
    verify: toBase64Url(signing.publicRaw),
  };
  return {
    message,
    seal: async (seq) =>
      sealBroadcast({ epoch, key: await importBroadcastKey(raw), signingKey }, seq, payload),
  };
}

async function refusal(opening: Promise<unknown>): Promise<string> {
  try {
    await opening;
  } catch (error) {
    return error instanceof BroadcastFrameError ? error.reason : 'error';
  }
  throw new Error('expected a refusal');
}

describe('BroadcastReceiver', () => {
  it('refuses a broadcast frame before any key was handed out', async () => {
    const key = roomKey(1);
    expect(await refusal(new BroadcastReceiver().open(await key.seal({ hi: 1, lo: 0 })))).toBe('epoch');
  });

  it('opens frames in increasing order and refuses a repeated or older one', async () => {
    const receiver = new BroadcastReceiver();
    const key = roomKey(1);
    await receiver.install(key.message);
    const first = await key.seal({ hi: 1, lo: 0 });
    expect((await receiver.open(first)).plaintext).toEqual(payload);
    // Gaps are allowed (a member is not sent every broadcast), going back is not.
    expect((await receiver.open(await key.seal({ hi: 1, lo: 5 }))).seq).toEqual({ hi: 1, lo: 5 });
    expect(await refusal(receiver.open(first))).toBe('seq');
    expect(await refusal(receiver.open(await key.seal({ hi: 1, lo: 4 })))).toBe('seq');
    expect((await receiver.open(await key.seal({ hi: 2, lo: 0 }))).seq).toEqual({ hi: 2, lo: 0 });
  });

  it('after a rotation, refuses frames under the old key and an older key handed out again', async () => {
    const receiver = new BroadcastReceiver();
    const old = roomKey(1);
    const next = roomKey(2);
    await receiver.install(old.message);
    const late = await old.seal({ hi: 1, lo: 1 });
    await receiver.install(next.message);
    expect(await refusal(receiver.open(late))).toBe('epoch');
    await expect(receiver.install(old.message)).rejects.toThrow();
    expect((await receiver.open(await next.seal({ hi: 1, lo: 2 }))).plaintext).toEqual(payload);
  });

  it('takes the same key again (the room sends it again after an eviction)', async () => {
    const receiver = new BroadcastReceiver();
    const key = roomKey(3);
    await receiver.install(key.message);
    await receiver.install(key.message);
    expect((await receiver.open(await key.seal({ hi: 1, lo: 0 }))).plaintext).toEqual(payload);
  });

  it('with a shared opener, still checks the epoch and the sequence itself', async () => {
    let calls = 0;
    const shared = {
      open: (_keys: unknown, _frame: Bytes, open: () => Promise<Bytes>) => {
        calls++;
        return open();
      },
    };
    const receiver = new BroadcastReceiver(shared);
    const key = roomKey(1);
    await receiver.install(key.message);
    const frame = await key.seal({ hi: 1, lo: 0 });
    await receiver.open(frame);
    expect(await refusal(receiver.open(frame))).toBe('seq');
    expect(calls).toBe(1);
  });
});
