// Private files sealed end to end through the real room (issue 12): alice sends bob a private file
// with two headless clients; the room stages only ciphertext and never learns the name or type. While
// the file is staged and after it was delivered, no SQLite row (the audit log's events included), no
// R2 object (as stored, or decrypted with the room's own at-rest key) and no console line holds the
// file's bytes or its name as text, hex or base64. A disguised executable goes through the room and
// is refused by the recipient's client. The sealed offer's form is checked by the room.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { ERROR_MESSAGES } from '#protocol/errors';
import type { ChatClient } from '../../client/core/chat-client';
import type { Envelope } from '../../client/core/e2e/envelope-wire';
import { sealFile } from '../../client/core/e2e/file-seal';
import { importIdentity } from '../../client/core/e2e/identity-key';
import { memoryKeyStore } from '../../client/core/e2e/key-store';
import { verifySignedPrekey } from '../../client/core/e2e/prekey';
import { SessionKeyManager } from '../../client/core/e2e/session-keys';
import type { Download } from '../../client/core/file-transfer/download';
import { FileTransfers } from '../../client/core/file-transfer/file-transfers';
import type { ChatRoom } from '../../worker/room/chat-room';
import { setEventLogging } from '../../worker/room/log';
import { must } from '../support/must';
import { listEvents } from './support/audit';
import { device, joined, sealsTo } from './support/e2e-clients';
import { contains, ELF_HEAD, MARKER, nextAbout, sha256Hex, testFile } from './support/files';
import { closeAll, joinAs, type Member, roomStub, uniqueName } from './support/room-client';
import { bytesForms, captureConsole, consoleText, dumpBucket, dumpRoom, forms } from './support/room-dump';

afterEach(() => {
  setEventLogging(false);
  vi.restoreAllMocks();
  closeAll();
});

/** Alice and bob, each with end-to-end keys and file transfers, each sealing to the other. */
async function pair(): Promise<{
  alice: ChatClient;
  bob: ChatClient;
  aliceFiles: FileTransfers;
  bobFiles: FileTransfers;
}> {
  const [aliceName, bobName] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await joined(aliceName, device());
  const bob = await joined(bobName, device());
  await sealsTo(alice, bobName);
  await sealsTo(bob, aliceName);
  return { alice, bob, aliceFiles: new FileTransfers(alice), bobFiles: new FileTransfers(bob) };
}

function nextOffer(files: FileTransfers): Promise<Download> {
  return new Promise((resolve) => {
    const off = files.on('offer', (download) => {
      off();
      resolve(download);
    });
  });
}

/** A PNG of `size` bytes with MARKER (readable text) at the start of every 64 KiB. */
function markedPng(size: number): Bytes {
  const bytes = testFile(size);
  for (let at = 64; at + MARKER.length <= size; at += 65_536) bytes.set(MARKER, at);
  return bytes;
}

/** The staged objects decrypted with the room's own at-rest key: what the room itself could read. */
async function stagedAsTheRoomSeesThem(fileId: string): Promise<Bytes[]> {
  const raw = await runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
    const row = state.storage.sql
      .exec<{ file_key: ArrayBuffer }>('SELECT file_key FROM files WHERE file_id = ?', fileId)
      .toArray()[0];
    return row ? new Uint8Array(row.file_key) : null;
  });
  const key = await crypto.subtle.importKey('raw', must(raw), 'AES-GCM', false, ['decrypt']);
  const out: Bytes[] = [];
  for (const { key: name, bytes } of await dumpBucket()) {
    if (!name.startsWith(`files/${fileId}/`)) continue;
    const additionalData = new TextEncoder().encode(name);
    const iv = bytes.subarray(0, 12);
    out.push(
      new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, bytes.subarray(12)),
      ),
    );
  }
  return out;
}

describe('a private file sealed end to end', () => {
  it('reaches the peer intact, and no room table, audit event, R2 object or log line holds its bytes or its name in any form', async () => {
    const console = await captureConsole();
    const { bob, aliceFiles, bobFiles } = await pair();
    const name = 'vault-plans-7431.png';
    const bytes = markedPng(600_000); // three chunks
    const offered = nextOffer(bobFiles);
    const upload = aliceFiles.send(bytes, { name, mime: 'image/png', to: must(bob.name) });
    await upload.finished;
    expect(upload.e2e).toBe(true);
    const download = await offered;
    expect(download.sealed).not.toBeNull();
    expect(download.name).toBe(name);
    expect(download.offer.size).toBe(bytes.byteLength);

    // Staged and waiting for bob: what the room keeps, as stored and as the room can decrypt it.
    const fileId = download.fileId;
    const staged = await stagedAsTheRoomSeesThem(fileId);
    expect(staged.length).toBeGreaterThan(0);
    const stored = (await dumpBucket()).map((o) => o.bytes);
    for (const object of [...staged, ...stored]) {
      expect(contains(object, MARKER)).toBe(false);
      expect(contains(object, bytes.subarray(0, 64))).toBe(false);
    }
    const whileStaged = await dumpRoom();
    expect(whileStaged).toContain(fileId); // the scan does see the file's row

    const received = await bobFiles.accept(fileId);
    expect(await sha256Hex(received)).toBe(await sha256Hex(bytes));
    expect(download.mime).toBe('image/png');

    const events = (await listEvents({ limit: 1000 })).events.filter((e) => e.ref === fileId);
    expect(events.map((e) => e.kind)).toContain('file_uploaded');
    expect(events.find((e) => e.kind === 'file_uploaded')?.detail).toMatchObject({ type: 'sealed' });
    const afterwards = await dumpRoom();
    const logged = consoleText(console);
    expect(logged).toContain(fileId); // and its log lines
    const secrets = [
      ...forms(name),
      ...forms(new TextDecoder().decode(MARKER)),
      ...bytesForms(bytes.subarray(64, 128)),
    ];
    for (const text of [whileStaged, afterwards, logged])
      for (const secret of [...secrets, 'image/png'])
        expect(text.includes(secret), `found ${secret.slice(0, 24)}…`).toBe(false);
  });

  it('goes through the room when it is a disguised executable, and the recipient’s client refuses it with the room’s message', async () => {
    const { bob, aliceFiles, bobFiles } = await pair();
    const offered = nextOffer(bobFiles);
    const upload = aliceFiles.send(testFile(300_000, ELF_HEAD), {
      name: 'cat.png',
      mime: 'image/png',
      to: must(bob.name),
    });
    await upload.finished; // stored: the room could not look, so it did not refuse
    expect(upload.phase).toBe('stored');
    const download = await offered;
    await expect(bobFiles.accept(download.fileId)).rejects.toMatchObject({ code: 'file_type_refused' });
    expect(download.phase).toBe('failed');
    expect(download.bytes).toBeNull();
  });
});

describe('the sealed offer as the room checks it', () => {
  async function sealedOffer(): Promise<{ sender: Member; to: string; envelope: Envelope }> {
    const bob = await joined(uniqueName('bob'), device());
    const sender = await joinAs(uniqueName('carol'));
    const keys = await SessionKeyManager.open(memoryKeyStore(), 'carol', Date.now());
    await sender.channel.send({ type: 'publish_keys', keys: keys.published() });
    await sender.channel.send({ type: 'keys', name: must(bob.name) });
    const published = must((await sender.inbox.next('keys')).keys);
    const identity = must(await importIdentity(published.identity));
    const prekey = must(await verifySignedPrekey(identity, published.prekey));
    const sealed = await sealFile(
      { name: 'a.png', type: 'image/png', size: 10, sha256: 'a'.repeat(64) },
      {
        sender: { name: sender.name, identity: keys.keys.identity, prekey: keys.keys.prekeys.current },
        recipient: { name: must(bob.name), identity, prekey },
      },
      1,
      Date.now(),
    );
    return { sender, to: must(bob.name), envelope: sealed.envelope };
  }

  it('refuses a sealed offer that also names the file, and one whose chunk count does not fit its size', async () => {
    const { sender, to, envelope } = await sealedOffer();
    const base = { type: 'file_offer', to, envelope, size: 38, chunks: 1 } as const;
    await sender.channel.send({ ...base, ref: 901, name: 'a.png' } as never);
    // A frame that does not parse is answered without its ref (the unit tests check the field named).
    expect(await sender.inbox.next('error')).toMatchObject({ code: 'bad_field' });
    await sender.channel.send({ ...base, ref: 902, chunks: 2 });
    expect(await nextAbout(sender, { ref: 902 }, 'error')).toMatchObject({
      code: 'file_sealed_chunks',
      message: ERROR_MESSAGES.file_sealed_chunks,
    });
    await sender.channel.send({ ...base, ref: 903 });
    expect(await nextAbout(sender, { ref: 903 }, 'file_ready')).toMatchObject({ next: 0 });
  });

  it('keeps no name, type or hash in the file row of a sealed offer', async () => {
    const { sender, to, envelope } = await sealedOffer();
    await sender.channel.send({ type: 'file_offer', ref: 904, to, envelope, size: 38, chunks: 1 });
    const ready = await nextAbout(sender, { ref: 904 }, 'file_ready');
    const row = await runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
      state.storage.sql
        .exec<{ name: string; declared_mime: string; sha256: string; envelope: string | null }>(
          'SELECT name, declared_mime, sha256, envelope FROM files WHERE file_id = ?',
          ready.fileId,
        )
        .one(),
    );
    expect(row).toMatchObject({ name: '', declared_mime: '', sha256: '' });
    expect(JSON.parse(must(row.envelope))).toEqual(envelope);
  });
});
