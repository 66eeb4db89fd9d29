// Helpers for the file-sharing tests: test files with real magic bytes, an uploader and a
// downloader that speak the protocol of worker/protocol/file-messages.ts over a joined Member's
// SecureChannel (chunks as chunk-codec payloads, a window of unacknowledged chunks), and views of
// what the room keeps in R2 and SQLite.

import { env, runInDurableObject } from 'cloudflare:test';
import type { Bytes } from '#crypto/base64';
import { encodeChunk } from '#protocol/chunk-codec';
import type { ClientMessageOf } from '#protocol/client-messages';
import { FILE_CHUNK_BYTES, FILE_WINDOW_CHUNKS } from '#protocol/limits';
import type { ServerMessage, ServerMessageOf } from '#protocol/server-messages';
import type { ChatRoom } from '../../../worker/room/chat-room';
import { STAGED_OBJECT_CHUNKS } from '../../../worker/room/files/file-limits';
import { type Member, roomStub } from './room-client';

// ---- Test files -------------------------------------------------------------------------------

/**
 * The start of a PNG: signature, a 13-byte IHDR chunk and the header of an IDAT chunk. `file-type`
 * walks the chunks up to the first IDAT, so random bytes right after the IHDR header would make
 * its answer random.
 */
export const PNG_HEAD = [
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78],
  ...[0, 1, 0, 0, 0x49, 0x44, 0x41, 0x54],
];
export const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
export const ELF_HEAD = [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00];
export const MZ_HEAD = [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

/** `size` random bytes starting with `head`. */
export function testFile(size: number, head: readonly number[] = PNG_HEAD): Bytes {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let at = 0; at < size; at += 65_536)
    crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65_536)));
  bytes.set(head.slice(0, size));
  return bytes;
}

/** A recognisable 64-byte run, to look for in what the room stores. */
export const MARKER = new TextEncoder().encode('PLAINTEXT-MARKER:'.padEnd(64, 'x')) as Bytes;

/** A PNG of `size` bytes with MARKER at the start of every chunk (after the header in the first). */
export function markedFile(size: number): Bytes {
  const bytes = testFile(size);
  bytes.set(MARKER, 64);
  for (let at = FILE_CHUNK_BYTES; at + MARKER.length <= size; at += FILE_CHUNK_BYTES) bytes.set(MARKER, at);
  return bytes;
}

export async function sha256Hex(bytes: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function chunkOf(bytes: Bytes, index: number): Bytes {
  return bytes.subarray(index * FILE_CHUNK_BYTES, (index + 1) * FILE_CHUNK_BYTES);
}

export function chunkCountOf(size: number): number {
  return Math.ceil(size / FILE_CHUNK_BYTES);
}

/** How many R2 objects the room stages for `chunks` chunks (STAGED_OBJECT_CHUNKS in each). */
export function objectCountOf(chunks: number): number {
  return Math.ceil(chunks / STAGED_OBJECT_CHUNKS);
}

// ---- Waiting for file messages ------------------------------------------------------------------

/** A room message of type T; for file_offered the plain form these helpers' files get (not sealed). */
type Of<T extends ServerMessage['type']> = Exclude<ServerMessageOf<T>, { envelope: unknown }>;

/** The first message about `fileId` (or an error carrying `ref`) of one of `types`. */
export function nextAbout<T extends ServerMessage['type']>(
  member: Member,
  about: { fileId?: string; ref?: number },
  ...types: T[]
): Promise<Of<T>> {
  return member.inbox.nextWhere(
    (m) =>
      (types as string[]).includes(m.type) &&
      ((about.fileId !== undefined && 'fileId' in m && m.fileId === about.fileId) ||
        (about.ref !== undefined && 'ref' in m && m.ref === about.ref)),
    `${types.join(' or ')} about ${about.fileId ?? `ref ${about.ref}`}`,
  ) as Promise<Of<T>>;
}

/** The next error about `fileId`, which must carry `code`. */
export async function fileError(
  member: Member,
  fileId: string,
  code: Of<'error'>['code'],
): Promise<Of<'error'>> {
  const error = await nextAbout(member, { fileId }, 'error');
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
  return error;
}

// ---- Uploading ----------------------------------------------------------------------------------

let nextRef = 1;

export interface OfferOptions {
  to?: string;
  name?: string;
  size?: number;
  mime?: string;
  sha256?: string;
}

/** Sends file_offer for `bytes` (fields overridable) and resolves with file_ready or the error. */
export async function offer(
  member: Member,
  bytes: Bytes,
  options: OfferOptions = {},
): Promise<Of<'file_ready'> | Of<'error'>> {
  const ref = nextRef++;
  const message: ClientMessageOf<'file_offer'> = {
    type: 'file_offer',
    ref,
    name: options.name ?? 'picture.png',
    size: options.size ?? bytes.byteLength,
    mime: options.mime ?? 'image/png',
    sha256: options.sha256 ?? (await sha256Hex(bytes)),
    ...(options.to === undefined ? {} : { to: options.to }),
  };
  const reply = nextAbout(member, { ref }, 'file_ready', 'error');
  await member.channel.send(message);
  return reply;
}

/** Offers and expects file_ready; returns the file id. */
export async function offerOk(member: Member, bytes: Bytes, options: OfferOptions = {}): Promise<string> {
  const reply = await offer(member, bytes, options);
  if (reply.type !== 'file_ready') throw new Error(`offer refused: ${reply.code}`);
  return reply.fileId;
}

export function sendChunk(member: Member, fileId: string, index: number, data: Bytes): Promise<void> {
  return member.channel.sendPlaintext(encodeChunk(fileId, index, data));
}

/**
 * Uploads chunks `from`..`until - 1` of `bytes` with a window of unacknowledged chunks, driven by
 * the room's file_ack. Resolves when the last one sent is acknowledged; rejects on file_failed or
 * an error about the file.
 */
export async function uploadChunks(
  member: Member,
  fileId: string,
  bytes: Bytes,
  from = 0,
  until = chunkCountOf(bytes.byteLength),
): Promise<void> {
  let sent = from;
  for (let acked = from; acked < until; acked++) {
    while (sent < until && sent - acked < FILE_WINDOW_CHUNKS) {
      void sendChunk(member, fileId, sent, chunkOf(bytes, sent));
      sent++;
    }
    const reply = await nextAbout(member, { fileId }, 'file_ack', 'file_failed', 'error');
    if (reply.type !== 'file_ack') throw new Error(`upload failed: ${reply.code}`);
    if (reply.index !== acked) throw new Error(`expected the ack of chunk ${acked}, got ${reply.index}`);
  }
}

/** Offers and uploads a whole file, then waits for file_stored. Returns the file id. */
export async function share(member: Member, bytes: Bytes, options: OfferOptions = {}): Promise<string> {
  const fileId = await offerOk(member, bytes, options);
  const stored = nextAbout(member, { fileId }, 'file_stored', 'file_failed');
  await uploadChunks(member, fileId, bytes);
  const outcome = await stored;
  if (outcome.type !== 'file_stored') throw new Error(`upload failed: ${outcome.code}`);
  return fileId;
}

// ---- Downloading --------------------------------------------------------------------------------

export interface DownloadOptions {
  from?: number;
  /** Stop acknowledging after this many chunks (to hold the transfer open). */
  ackUntil?: number;
  /** Called with each chunk index as it arrives, before its ack is sent. */
  onChunk?: (index: number) => void;
}

/**
 * Accepts a file and collects its chunks into `bytes`, acknowledging each one; a gap fails it,
 * a repeat is skipped. `done` resolves
 * with `bytes` (zeros where chunks before `from` would go) once the last chunk arrives; `ackRest`
 * acknowledges whatever `ackUntil` held back and lets the rest come.
 */
export function download(
  member: Member,
  offered: Pick<Of<'file_offered'>, 'fileId' | 'size' | 'chunkSize'>,
  options: DownloadOptions = {},
): { done: Promise<Bytes>; bytes: Bytes; received: number[]; ackRest: () => void } {
  const { fileId, size, chunkSize } = offered;
  const chunks = Math.ceil(size / chunkSize);
  const bytes = new Uint8Array(size);
  const received: number[] = [];
  let ackUntil = options.ackUntil ?? Number.POSITIVE_INFINITY;
  let resolve!: (bytes: Bytes) => void;
  let reject!: (error: Error) => void;
  const done = new Promise<Bytes>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const ack = (index: number) => void member.channel.send({ type: 'file_ack', fileId, index });
  const off = member.channel.on('chunk', (chunk) => {
    if (chunk.fileId !== fileId) return;
    const expected = (received.at(-1) ?? (options.from ?? 0) - 1) + 1;
    // A repeat of a chunk we have (sent again after an eviction) is skipped, as the client core does.
    if (chunk.index < expected) return;
    if (chunk.index !== expected) {
      off();
      reject(new Error(`expected chunk ${expected}, got ${chunk.index}`));
      return;
    }
    received.push(chunk.index);
    bytes.set(chunk.data, chunk.index * chunkSize);
    options.onChunk?.(chunk.index);
    if (received.length <= ackUntil) ack(chunk.index);
    if (chunk.index === chunks - 1) {
      off();
      resolve(bytes);
    }
  });
  void member.channel.send({ type: 'file_accept', fileId, ...(options.from ? { from: options.from } : {}) });
  return {
    done,
    bytes,
    received,
    ackRest() {
      ackUntil = Number.POSITIVE_INFINITY;
      const last = received.at(-1);
      if (last !== undefined) ack(last);
    },
  };
}

/** Downloads a whole offered file, checks nothing, sends file_done, and returns the bytes. */
export async function fetchFile(member: Member, offered: Of<'file_offered'>): Promise<Bytes> {
  const bytes = await download(member, offered).done;
  await member.channel.send({ type: 'file_done', fileId: offered.fileId });
  return bytes;
}

// ---- What the room keeps ------------------------------------------------------------------------

/** The names of the file's staged objects in R2, once the room's clean-ups under way have ended. */
export async function stagedObjects(fileId: string): Promise<string[]> {
  await runInDurableObject(roomStub(), (room: ChatRoom) => room.files.cleanedUp());
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.FILES.list({ prefix: `files/${fileId}/`, cursor });
    names.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return names;
}

/** The file's rows in the room's SQLite storage: its own, and its recipients'. */
export function fileRows(fileId: string): Promise<{ files: number; recipients: number }> {
  return runInDurableObject(roomStub(), (_instance, state) => ({
    files: state.storage.sql.exec('SELECT file_id FROM files WHERE file_id = ?', fileId).toArray().length,
    recipients: state.storage.sql
      .exec('SELECT file_id FROM file_recipients WHERE file_id = ?', fileId)
      .toArray().length,
  }));
}

/** Whether the room still holds anything of the file, in R2 or SQLite. */
export async function fileIsGone(fileId: string): Promise<boolean> {
  const [objects, rows] = await Promise.all([stagedObjects(fileId), fileRows(fileId)]);
  return objects.length === 0 && rows.files === 0 && rows.recipients === 0;
}
