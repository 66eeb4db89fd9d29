// Shared set-up for the upload unit tests: FileTransfers on a FakeLink (the room's stand-in), an
// upload started by answering its offer with file_ready, and shorthands for acks and chunks sent.

import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { FakeLink, FILE_ID } from './fake-link';

export const CHUNK = 100;

export function setup(options: { now?: () => number } = {}) {
  const link = new FakeLink('alice');
  const transfers = new FileTransfers(link, options);
  return { link, transfers };
}

/** Starts an upload and answers its offer with file_ready; returns after the offer was sent. */
export async function started(link: FakeLink, window = 4, nextIndex = 0) {
  const offer = await link.takeMessage();
  if (offer.type !== 'file_offer') throw new Error(`expected file_offer, got ${offer.type}`);
  link.fire('file', {
    type: 'file_ready',
    ref: offer.ref,
    fileId: FILE_ID,
    next: nextIndex,
    chunkSize: CHUNK,
    window,
  });
  return offer;
}

export const chunkIndexes = (link: FakeLink) =>
  link.sent.flatMap((f) => (f.kind === 'chunk' ? [f.chunk.index] : []));
export const ack = (link: FakeLink, index: number) =>
  link.fire('file', { type: 'file_ack', fileId: FILE_ID, index });
