// bench/node-sealer.ts must produce the frame the room opens (worker/crypto/frame-codec.ts).

import { describe, expect, it } from 'vitest';
import { Direction, openFrame } from '#crypto/frame-codec';
import { createSessionKey } from '#crypto/session-key';
import { encodeFlowAck } from '#protocol/flow-ack-codec';
import { nodeSealer } from '../../../bench/node-sealer';

describe('the bench node:crypto sealer', () => {
  it('seals frames that frame-codec opens, with their sequence number and a fresh IV each', async () => {
    const session = await createSessionKey();
    const seal = nodeSealer(session.raw);
    const plaintext = encodeFlowAck({ hi: 3, bytes: 1234 });
    const first = await seal({ hi: 0, lo: 7 }, plaintext);
    const second = await seal({ hi: 0, lo: 8 }, plaintext);
    const opened = await openFrame(session.key, Direction.ClientToServer, first, (seq) => seq.lo === 7);
    expect(opened.seq).toEqual({ hi: 0, lo: 7 });
    expect([...opened.plaintext]).toEqual([...plaintext]);
    expect(first.subarray(10, 22)).not.toEqual(second.subarray(10, 22));
  });

  it('seals frames that fail to open under another sequence number (the header is the AAD)', async () => {
    const session = await createSessionKey();
    const frame = await nodeSealer(session.raw)({ hi: 0, lo: 1 }, new Uint8Array([1, 2, 3]));
    frame[9] = 2;
    await expect(openFrame(session.key, Direction.ClientToServer, frame, () => true)).rejects.toThrow('tag');
  });
});
