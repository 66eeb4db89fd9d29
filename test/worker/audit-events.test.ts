// The audit log records what an operator may ask about: connects and failed handshakes, joins,
// refused joins and leaves with their reasons, messages by size, the file lifecycle, rate-limit hits,
// protocol errors and the room key's creation. Each test looks only at the events after its own mark.

import { runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { FILE_CHUNK_BYTES, UPLOAD_IDLE_MS } from '#protocol/limits';
import { must } from '../support/must';
import { auditMark, eventsAfter, expectEvent, listEvents } from './support/audit';
import {
  fetchFile,
  nextAbout,
  offer,
  offerOk,
  sendChunk,
  share,
  testFile,
  uploadChunks,
} from './support/files';
import {
  cid,
  closeAll,
  Inbox,
  joinAll,
  joinAs,
  openChannel,
  openSocket,
  roomStub,
  uniqueName,
} from './support/room-client';
import { keyFrameFor, ManualSession, Wire } from './support/wire';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

describe('the audit log records', () => {
  it('connects as a count per minute in one row, not a row each, so that noise cannot flush the log', async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const counted = async () =>
      (await listEvents({ kinds: ['connect'], since: minute })).events.reduce(
        (sum, e) => sum + Number(e.detail?.per_minute ?? 0),
        0,
      );
    const before = await counted();
    await openSocket();
    await openSocket();
    await openSocket();
    // Unless the minute turned meanwhile, the three are one more row's worth at most.
    await expect.poll(counted).toBeGreaterThanOrEqual(before + 3);
    const rows = (await listEvents({ kinds: ['connect'], since: minute })).events;
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((e) => e.user === null && typeof e.detail?.per_minute === 'number')).toBe(true);
  });

  it('a failed handshake with its reason: a key that does not unwrap, or a wrong challenge', async () => {
    const mark = await auditMark();
    const garbage = await Wire.open();
    await garbage.hello();
    garbage.send(JSON.stringify({ t: 'key', key: 'AAAA' }));
    await garbage.closed;
    // Before a join it is noise: counted in the minute's row for its code.
    await expectEvent(mark, 'handshake_failed', { code: 'unwrap', user: null });

    const wire = await Wire.open();
    const { text, key } = await keyFrameFor(await wire.hello());
    wire.send(text);
    await new ManualSession(wire, key).send({
      type: 'auth',
      challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    await wire.closed;
    await expectEvent(mark, 'handshake_failed', { code: 'challenge' });
  });

  it('a join, with whether it resumed, and a leave with its reason', async () => {
    const mark = await auditMark();
    const alice = await joinAs(uniqueName('alice'));
    const join = await expectEvent(mark, 'join', { user: alice.name });
    expect(join.detail).toMatchObject({ resumed: false });
    alice.channel.close();
    await expectEvent(mark, 'leave', { user: alice.name, code: 'left' });
  });

  it('a refused join with its reason, and the name only when it is a valid one', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const mark = await auditMark();
    const channel = await openChannel();
    const inbox = new Inbox(channel);
    await channel.send({ type: 'join', name: 'bad name!' });
    await inbox.error('name_bad_chars');
    await channel.send({ type: 'join', name: alice.name.toUpperCase() });
    await inbox.error('name_taken');
    const refused = await eventsAfter(mark, ['join_rejected']);
    expect(refused.map((e) => [e.code, e.user])).toEqual([
      ['name_bad_chars', null],
      ['name_taken', alice.name.toUpperCase()],
    ]);
  });

  it('a public message by its sender and length, and a private one with its recipient too', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const mark = await auditMark();
    await alice.say('hello, room');
    await bob.channel.send({ type: 'pm', cid: cid(), to: alice.name, text: 'psst', ts: Date.now() });
    await alice.inbox.next('pm');
    const events = await eventsAfter(mark, ['message', 'private_message']);
    expect(events.map(({ kind, user, peer, size }) => ({ kind, user, peer, size }))).toEqual([
      { kind: 'message', user: alice.name, peer: null, size: 'hello, room'.length },
      { kind: 'private_message', user: bob.name, peer: alice.name, size: 'psst'.length },
    ]);
  });

  it('a file offered, uploaded with the type its content showed, accepted and completed', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const mark = await auditMark();
    const bytes = testFile(FILE_CHUNK_BYTES + 100);
    const fileId = await share(alice, bytes, { to: bob.name });
    await fetchFile(bob, await nextAbout(bob, { fileId }, 'file_offered'));
    await nextAbout(alice, { fileId }, 'file_delivered');

    const about = { ref: fileId, size: bytes.byteLength };
    await expectEvent(mark, 'file_offered', { ...about, user: alice.name, peer: bob.name });
    const uploaded = await expectEvent(mark, 'file_uploaded', { ...about, user: alice.name });
    expect(uploaded.detail).toEqual({ type: 'image/png', recipients: 1 });
    await expectEvent(mark, 'file_accepted', { ...about, user: bob.name, peer: alice.name });
    await expectEvent(mark, 'file_completed', { ...about, user: bob.name, peer: alice.name });
  });

  it('a file declined, and one cancelled by its sender', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const mark = await auditMark();
    const declined = await share(alice, testFile(100), { to: bob.name });
    await bob.channel.send({ type: 'file_decline', fileId: declined });
    await nextAbout(alice, { fileId: declined }, 'file_declined');
    await expectEvent(mark, 'file_declined', { ref: declined, user: bob.name, peer: alice.name });

    const cancelled = await share(alice, testFile(100), { to: bob.name });
    await alice.channel.send({ type: 'file_cancel', fileId: cancelled });
    await nextAbout(alice, { fileId: cancelled }, 'file_cancelled');
    await expectEvent(mark, 'file_cancelled', { ref: cancelled, user: alice.name });
  });

  it('a file refused at the offer, and one that failed its checks, with their codes', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const mark = await auditMark();
    expect(await offer(alice, testFile(0))).toMatchObject({ type: 'error', code: 'file_empty' });
    await expectEvent(mark, 'file_refused', { user: alice.name, code: 'file_empty', size: 0 });

    const bytes = testFile(200);
    const fileId = await offerOk(alice, bytes, { to: bob.name, sha256: '0'.repeat(64) });
    const failed = nextAbout(alice, { fileId }, 'file_failed');
    await sendChunk(alice, fileId, 0, bytes);
    expect((await failed).code).toBe('file_hash_mismatch');
    await expectEvent(mark, 'file_failed', { ref: fileId, user: alice.name, code: 'file_hash_mismatch' });
  });

  it('a file expired by the alarm, and whether its upload was abandoned', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const mark = await auditMark();
    const bytes = testFile(2 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, bytes);
    await uploadChunks(alice, fileId, bytes, 0, 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + UPLOAD_IDLE_MS + 1_000);
    await runDurableObjectAlarm(roomStub());
    vi.useRealTimers();
    const expired = await expectEvent(mark, 'file_expired', { ref: fileId, user: alice.name });
    expect(expired.detail).toEqual({ abandoned: true });
  });

  it('a rate-limit hit, and the close that follows a flood', async () => {
    const [flooder] = await joinAll(uniqueName('flood'));
    const mark = await auditMark();
    const encoder = new TextEncoder();
    // 20 bursts' worth (the test config's burst is 60), so the flood outpaces the refill even when
    // the room is slow (see rate-limit.test.ts).
    const frames = await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        flooder.channel.seal(
          encoder.encode(JSON.stringify({ type: 'msg', cid: cid(), text: `spam ${i}`, ts: Date.now() })),
        ),
      ),
    );
    for (const frame of frames) flooder.channel.sendRaw(frame);
    await flooder.channel.ended;
    await expectEvent(mark, 'rate_limited', { user: flooder.name, code: 'rate_limited' });
    await expectEvent(mark, 'rate_limited', { user: flooder.name, code: 'rate_limit_close' });
    await expectEvent(mark, 'leave', { user: flooder.name, code: 'kicked' });
  });

  it('protocol errors with the code the client was sent', async () => {
    const user = await joinAs(uniqueName('sloppy'));
    const mark = await auditMark();
    const encoder = new TextEncoder();
    await user.channel.sendPlaintext(encoder.encode('{"type": "msg", oops') as Bytes);
    await user.inbox.error('bad_json');
    await user.channel.sendPlaintext(encoder.encode('{"type": "nonsense"}') as Bytes);
    await user.inbox.error('unknown_type');
    user.channel.sendRaw(new Uint8Array(20));
    await user.inbox.error('bad_frame');
    const errors = await eventsAfter(mark, ['protocol_error']);
    expect(errors.map((e) => [e.code, e.user])).toEqual([
      ['bad_json', user.name],
      ['unknown_type', user.name],
      ['bad_frame', user.name],
    ]);
    expect(must(errors[2]).detail).toEqual({ reason: 'malformed' });
  });

  it("the room key's creation, with the public fingerprint every client is shown", async () => {
    const wire = await Wire.open();
    const hello = await wire.hello();
    const created = (await listEvents({ kinds: ['room_key_created'] })).events;
    expect(created).toHaveLength(1);
    expect(must(created[0]).ref).toBe(hello.fingerprint);
  });
});
