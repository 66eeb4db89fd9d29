// Malformed, tampered, replayed and oversized frames after the key exchange: each gets its own
// error code, nothing is delivered, and the connection keeps working.
// Frames are crafted with SecureChannel.seal / sendPlaintext / sendRaw; the layout is in
// worker/crypto/frame-codec.ts (10-byte header as AAD, 12-byte IV, ciphertext and 16-byte tag).

import { afterEach, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { FRAME_OVERHEAD, HEADER_BYTES, IV_BYTES } from '#crypto/frame-codec';
import type { ErrorCode } from '#protocol/errors';
import { MAX_FRAME_BYTES } from '#protocol/limits';
import { must } from '../support/must';
import {
  cid,
  closeAll,
  joinAll,
  joinAs,
  type Member,
  openSocket,
  recordingSocket,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value)) as Bytes;

/** Flips bits of one byte of a sealed frame, as an attacker on the path could. */
function flip(frame: Bytes, index: number, mask: number): Bytes {
  frame[index] = must(frame[index]) ^ mask;
  return frame;
}

/** Expects `code` back, then shows the connection still carries a normal message. */
async function expectErrorAndRecovery(user: Member, code: ErrorCode): Promise<void> {
  const error = await user.inbox.error(code);
  expect(error.message).not.toMatch(/\bat \S+:\d+|Error:/);
  expect(user.channel.isOpen).toBe(true);
  const echo = await user.say('still working');
  expect(echo.text).toBe('still working');
}

describe('the decrypted payload', () => {
  it('is refused with bad_json when it is not JSON', async () => {
    const user = await joinAs(uniqueName('json'));
    await user.channel.sendPlaintext(encoder.encode('{"type": "msg", oops') as Bytes);
    await expectErrorAndRecovery(user, 'bad_json');
  });

  it('is refused with bad_json when it is not even UTF-8', async () => {
    const user = await joinAs(uniqueName('utf'));
    await user.channel.sendPlaintext(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    await expectErrorAndRecovery(user, 'bad_json');
  });

  it('is refused with unknown_type for a type the room does not know', async () => {
    const user = await joinAs(uniqueName('type'));
    await user.channel.sendPlaintext(json({ type: 'dance', cid: 1 }));
    await expectErrorAndRecovery(user, 'unknown_type');
  });

  it('is refused with bad_field when a field is missing', async () => {
    const user = await joinAs(uniqueName('field'));
    await user.channel.sendPlaintext(json({ type: 'msg', text: 'no cid', ts: Date.now() }));
    await expectErrorAndRecovery(user, 'bad_field');
  });

  it('is refused with bad_field when a field has the wrong type', async () => {
    const user = await joinAs(uniqueName('field'));
    for (const bad of [
      { type: 'msg', cid: '7', text: 'x', ts: Date.now() },
      { type: 'msg', cid: 1.5, text: 'x', ts: Date.now() },
      { type: 'pm', cid: 1, to: 42, text: 'x', ts: Date.now() },
      { type: 'msg', cid: cid(), text: ['x'], ts: Date.now() },
    ]) {
      await user.channel.sendPlaintext(json(bad));
      await user.inbox.error('bad_field');
    }
    expect((await user.say('after bad fields')).text).toBe('after bad fields');
  });

  it('is refused with bad_field when it repeats the challenge after the key exchange', async () => {
    const user = await joinAs(uniqueName('reauth'));
    await user.channel.send({ type: 'auth', challenge: 'again' });
    await expectErrorAndRecovery(user, 'bad_field');
  });

  it('is refused with bad_field when it is JSON but not an object with a type', async () => {
    const user = await joinAs(uniqueName('shape'));
    for (const bad of [42, 'msg', null, [], {}]) {
      await user.channel.sendPlaintext(json(bad));
      await user.inbox.error('bad_field');
    }
    expect((await user.say('after odd shapes')).text).toBe('after odd shapes');
  });
});

describe('the encrypted frame', () => {
  it('is refused with too_large above 512 KiB, before anything else is done with it', async () => {
    const user = await joinAs(uniqueName('big'));
    user.channel.sendRaw(new Uint8Array(MAX_FRAME_BYTES + 1));
    await user.inbox.error('too_large');
    user.channel.sendRaw(new Uint8Array(4 * 1024 * 1024));
    await expectErrorAndRecovery(user, 'too_large');
  });

  it('is refused with bad_frame when its ciphertext was tampered with', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const frame = await alice.channel.seal(
      json({ type: 'msg', cid: cid(), text: 'original', ts: Date.now() }),
    );
    alice.channel.sendRaw(flip(frame, HEADER_BYTES + IV_BYTES, 0x01));
    await expectErrorAndRecovery(alice, 'bad_frame');
    expect((await bob.inbox.nextChat()).text).toBe('still working');
  });

  it('is refused with bad_frame when its tag was tampered with', async () => {
    const user = await joinAs(uniqueName('tag'));
    const frame = await user.channel.seal(json({ type: 'msg', cid: cid(), text: 'x', ts: Date.now() }));
    user.channel.sendRaw(flip(frame, frame.length - 1, 0x80));
    await expectErrorAndRecovery(user, 'bad_frame');
  });

  it('is refused with bad_frame when its IV was changed', async () => {
    const user = await joinAs(uniqueName('iv'));
    const frame = await user.channel.seal(json({ type: 'msg', cid: cid(), text: 'x', ts: Date.now() }));
    user.channel.sendRaw(flip(frame, HEADER_BYTES, 0xff));
    await expectErrorAndRecovery(user, 'bad_frame');
  });

  it('is refused with bad_frame when it is too short to hold a header, IV and tag', async () => {
    const user = await joinAs(uniqueName('short'));
    user.channel.sendRaw(new Uint8Array(FRAME_OVERHEAD - 1));
    await expectErrorAndRecovery(user, 'bad_frame');
  });

  it('is refused with bad_frame when it claims to come from the room (reflected back)', async () => {
    const { socket, received } = recordingSocket(await openSocket());
    const user = await joinAs(uniqueName('mirror'), socket);
    const fromRoom = must(received.find((frame): frame is Bytes => frame instanceof Uint8Array));
    user.channel.sendRaw(fromRoom);
    await expectErrorAndRecovery(user, 'bad_frame');
  });

  it('is refused with bad_seq when its sequence number skips ahead', async () => {
    const user = await joinAs(uniqueName('ahead'));
    const msg = json({ type: 'msg', cid: cid(), text: 'from the future', ts: Date.now() });
    user.channel.sendRaw(await user.channel.seal(msg, { hi: 0, lo: 1000 }));
    await user.inbox.error('bad_seq');
    user.channel.sendRaw(await user.channel.seal(msg, { hi: 1, lo: 0 }));
    await expectErrorAndRecovery(user, 'bad_seq');
  });

  it('is refused with bad_seq when it is replayed, and is delivered only once', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const frame = await alice.channel.seal(json({ type: 'msg', cid: cid(), text: 'once', ts: Date.now() }));
    alice.channel.sendRaw(frame);
    expect((await bob.inbox.nextChat()).text).toBe('once');
    alice.channel.sendRaw(frame);
    await expectErrorAndRecovery(alice, 'bad_seq');
    // The next thing Bob sees is the message after the replay, not the replay.
    expect((await bob.inbox.nextChat()).text).toBe('still working');
  });

  it('is refused with bad_seq when an older frame is replayed out of order', async () => {
    const user = await joinAs(uniqueName('older'));
    const first = await user.channel.seal(json({ type: 'msg', cid: cid(), text: 'first', ts: Date.now() }));
    const second = await user.channel.seal(json({ type: 'msg', cid: cid(), text: 'second', ts: Date.now() }));
    user.channel.sendRaw(first);
    user.channel.sendRaw(second);
    await user.inbox.next('msg', (m) => m.text === 'second');
    user.channel.sendRaw(first);
    await expectErrorAndRecovery(user, 'bad_seq');
  });

  it('must be binary: a text frame after the key exchange is refused with bad_frame', async () => {
    const user = await joinAs(uniqueName('text'));
    user.channel.sendRaw(JSON.stringify({ type: 'msg', cid: cid(), text: 'plaintext!', ts: Date.now() }));
    await expectErrorAndRecovery(user, 'bad_frame');
  });

  it('must not repeat the key exchange: a second key frame is refused with bad_frame', async () => {
    const user = await joinAs(uniqueName('rekey'));
    user.channel.sendRaw(JSON.stringify({ t: 'key', key: 'AAAA' }));
    await expectErrorAndRecovery(user, 'bad_frame');
  });
});
