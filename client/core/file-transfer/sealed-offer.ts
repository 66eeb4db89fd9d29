// A private file offer sealed end to end, as the room relays it (an envelope and the ciphertext's
// size), opened into what a Download shows and needs: the offer as the sender sealed it (name,
// claimed type, plaintext size and SHA-256) and how its chunks decrypt. FileTransfers uses it;
// client/core/e2e/file-seal.ts (and @hpke/core) load on the first sealed offer. First contact
// (keys not announced yet): test/unit/client/core/file-transfer/sealed-offer-first-contact.test.ts.

import type { ServerMessageOf } from '#protocol/server-messages';
import type { OpenedFile } from '../e2e/file-seal';
import type { FileOffer } from './download';
import type { FileE2e } from './file-link';
import type { TransferFailure } from './upload';

export type SealedFileOffered = Extract<ServerMessageOf<'file_offered'>, { envelope: unknown }>;

export type OpenedOffer =
  | { ok: true; offer: FileOffer; sealed: OpenedFile }
  /** `offer` is a placeholder to show the failure on: nothing of the file is known. */
  | { ok: false; offer: FileOffer; failure: TransferFailure };

/** Opens `message` from its sender. Never throws. */
export async function openSealedOffer(
  message: SealedFileOffered,
  e2e: FileE2e | undefined,
): Promise<OpenedOffer> {
  const base = { type: 'file_offered', fileId: message.fileId, from: message.from, to: message.to } as const;
  const at = { chunkSize: message.chunkSize, at: message.at };
  const placeholder: FileOffer = {
    ...base,
    ...at,
    name: 'Private file',
    size: message.size,
    mime: 'application/octet-stream',
    sha256: '0'.repeat(64),
  };
  const refused = (reason: string): OpenedOffer => ({
    ok: false,
    offer: placeholder,
    failure: { code: 'e2e_failed', message: `This file could not be decrypted (${reason}).` },
  });
  try {
    if (!e2e) return refused('no end-to-end keys in this session');
    // A fresh sender's first offer can come before its keys: openSealed asks for them then.
    const opened = await e2e.openSealed(message, async (ctx) =>
      (await import('../e2e/file-seal')).openFile(message.envelope, message.size, ctx),
    );
    if (!opened) return refused('no end-to-end keys in this session');
    if (!opened.ok) return refused(opened.reason);
    const { facts } = opened.body;
    const offer: FileOffer = {
      ...base,
      ...at,
      name: facts.name,
      size: facts.size,
      mime: facts.type,
      sha256: facts.sha256,
    };
    return { ok: true, offer, sealed: opened.body };
  } catch {
    return refused('error');
  }
}
