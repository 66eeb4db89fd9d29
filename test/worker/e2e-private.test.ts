// End-to-end encrypted private messages through the real room (issue 12): two headless clients
// exchange sealed messages, a reload of the same session decrypts its history from its stored keys,
// and afterwards no SQLite row of the room (every table, the audit log included) and no console
// line holds a message text as text, hex or base64. A private message with a broken signature is
// relayed by the room and flagged by the recipient. The room shares this isolate, so its console
// and its event-log switch are the test's.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatClient, PrivateEntry } from '../../client/core/chat-client';
import { sealMessage } from '../../client/core/e2e/envelope';
import { importIdentity } from '../../client/core/e2e/identity-key';
import { memoryKeyStore } from '../../client/core/e2e/key-store';
import { verifySignedPrekey } from '../../client/core/e2e/prekey';
import { SessionKeyManager } from '../../client/core/e2e/session-keys';
import type { ChatRoom } from '../../worker/room/chat-room';
import { setEventLogging } from '../../worker/room/log';
import { must } from '../support/must';
import { device, joined, sealsTo } from './support/e2e-clients';
import { chatClient, closeAll, joinAs, nextEvent, roomStub, uniqueName } from './support/room-client';
import { captureConsole, consoleText, dumpRoom, forms } from './support/room-dump';

afterEach(() => {
  setEventLogging(false);
  vi.restoreAllMocks();
  closeAll();
});

function privateFrom(client: ChatClient, from: string): Promise<PrivateEntry> {
  return nextEvent(client, 'message', (m) => m.type === 'pm' && m.from === from) as Promise<PrivateEntry>;
}

describe('end-to-end encrypted private messages', () => {
  it('reach the peer readable, and no room table, audit event or log line holds their text in any form', async () => {
    const console = await captureConsole();
    const aliceName = uniqueName('alice');
    const bobName = uniqueName('bob');
    const alice = await joined(aliceName, device());
    const bob = await joined(bobName, device());
    await sealsTo(alice, bobName);
    await sealsTo(bob, aliceName);
    const texts = ['the vault code is 7431 9902', 'meet me at the old lighthouse at dawn 🌅'];

    const atBob = privateFrom(bob, aliceName);
    alice.sendPrivate(bobName, must(texts[0]));
    expect(await atBob).toMatchObject({ text: texts[0], e2e: { ok: true } });
    const atAlice = privateFrom(alice, bobName);
    bob.sendPrivate(aliceName, must(texts[1]));
    expect(await atAlice).toMatchObject({ text: texts[1], e2e: { ok: true } });

    const dump = await dumpRoom();
    expect(dump).toContain(aliceName); // the scan does see the room's rows
    const logged = consoleText(console);
    expect(logged).toContain('private_message'); // and its log lines
    for (const text of texts)
      for (const form of forms(text)) {
        expect(dump).not.toContain(form);
        expect(logged).not.toContain(form);
      }
  });

  it('decrypts the whole private history after a reload of the same session, and a later owner of the name gets none of it', async () => {
    const aliceName = uniqueName('alice');
    const bobName = uniqueName('bob');
    const bobDevice = device();
    const alice = await joined(aliceName, device());
    const bob = await joined(bobName, bobDevice);
    await sealsTo(alice, bobName);
    await sealsTo(bob, aliceName);
    const atBob = privateFrom(bob, aliceName);
    alice.sendPrivate(bobName, 'first, before the reload');
    await atBob;
    const echo = privateFrom(bob, bobName);
    bob.sendPrivate(aliceName, 'my own words, sealed');
    await echo;

    // The page reloads: a new client with the saved resume state and the same key storage.
    const resume = must(bob.resumeState());
    expect(resume.session).toBeDefined();
    bob.close();
    const reloaded = chatClient({ e2e: bobDevice, resume });
    const history = nextEvent(reloaded, 'history');
    await reloaded.connect();
    const page = await history;
    const mine = page.messages.filter((m) => m.type === 'pm');
    expect(mine.map((m) => [m.text, m.type === 'pm' && m.e2e?.ok])).toEqual([
      ['first, before the reload', true],
      ['my own words, sealed', true],
    ]);
    expect(reloaded.resumeState()?.session).toBe(resume.session);
  });

  it('relays a message whose signature is broken, and the recipient flags it as undecryptable instead of showing it', async () => {
    const bobName = uniqueName('bob');
    const bob = await joined(bobName, device());
    // Mallory runs a client of her own: she publishes real keys, then sends a damaged envelope.
    const mallory = await joinAs(uniqueName('mallory'));
    const keys = await SessionKeyManager.open(memoryKeyStore(), 'mallory', Date.now());
    await mallory.channel.send({ type: 'publish_keys', keys: keys.published() });
    await mallory.channel.send({ type: 'keys', name: bobName });
    const reply = await mallory.inbox.next('keys');
    const bobKeys = must(reply.keys);
    const identity = must(await importIdentity(bobKeys.identity));
    const prekey = must(await verifySignedPrekey(identity, bobKeys.prekey));
    await sealsTo(bob, mallory.name);
    const envelope = await sealMessage(
      { text: 'trust me', ts: Date.now(), cid: 1 },
      {
        sender: { name: mallory.name, identity: keys.keys.identity, prekey: keys.keys.prekeys.current },
        recipient: { name: bobName, identity, prekey },
      },
    );
    const sig = `${envelope.sig.startsWith('A') ? 'B' : 'A'}${envelope.sig.slice(1)}`;
    const atBob = privateFrom(bob, mallory.name);
    await mallory.channel.send({
      type: 'pm',
      cid: 1,
      to: bobName,
      envelope: { ...envelope, sig },
      ts: Date.now(),
    });
    expect((await mallory.inbox.next('pm')).cid).toBe(1); // the room took it
    expect(await atBob).toMatchObject({ text: '', e2e: { ok: false, reason: 'signature' } });
  });

  it('sends text to a peer that has published no keys, and does not claim end-to-end for it', async () => {
    const alice = await joined(uniqueName('alice'), device());
    const bob = await joinAs(uniqueName('bob'));
    expect(alice.e2e.sealsTo(bob.name)).toBe(false);
    alice.sendPrivate(bob.name, 'in the clear for the room');
    const got = await bob.inbox.next('pm');
    expect(got.text).toBe('in the clear for the room');
    expect(got.envelope).toBeUndefined();
  });

  it('refuses an edit of a sealed message with sealed_message, and its delete leaves a tombstone with no envelope', async () => {
    const bobName = uniqueName('bob');
    const bob = await joined(bobName, device());
    const alice = await joinAs(uniqueName('alice'));
    const keys = await SessionKeyManager.open(memoryKeyStore(), 'alice', Date.now());
    await alice.channel.send({ type: 'publish_keys', keys: keys.published() });
    await alice.channel.send({ type: 'keys', name: bobName });
    const bobKeys = must((await alice.inbox.next('keys')).keys);
    const identity = must(await importIdentity(bobKeys.identity));
    const prekey = must(await verifySignedPrekey(identity, bobKeys.prekey));
    const envelope = await sealMessage(
      { text: 'sealed, then regretted', ts: Date.now(), cid: 1 },
      {
        sender: { name: alice.name, identity: keys.keys.identity, prekey: keys.keys.prekeys.current },
        recipient: { name: bobName, identity, prekey },
      },
    );
    await alice.channel.send({ type: 'pm', cid: 1, to: bobName, envelope, ts: Date.now() });
    const { id } = await alice.inbox.next('pm');

    await alice.channel.send({ type: 'edit', id, text: 'now in the clear' });
    expect(await alice.inbox.next('error')).toMatchObject({ code: 'sealed_message' });
    const deleted = nextEvent(bob, 'messageEvent', (e) => e.type === 'deleted' && e.id === id);
    await alice.channel.send({ type: 'delete', id });
    expect(await alice.inbox.next('deleted')).toMatchObject({ id });
    await deleted;
    const row = await runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
      state.storage.sql
        .exec<{ text: string; envelope: string | null; deleted: number }>(
          'SELECT text, envelope, deleted FROM messages WHERE id = ?',
          id,
        )
        .one(),
    );
    expect(row).toEqual({ text: '', envelope: null, deleted: 1 });
    expect(await dumpRoom()).not.toContain(envelope.body);
  });
});
