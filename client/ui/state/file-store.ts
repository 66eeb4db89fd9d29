// File cards for the UI: one signal per card, fed by the headless FileTransfers (uploads we
// start, offers we receive), plus the actions the cards' buttons call. The chat store places
// each card as a row in its conversation's log; a verified download's bytes become one Blob.

import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { sanitiseFileName } from '#protocol/file-name';
import type { Download, DownloadPhase } from '../../core/file-transfer/download';
import type { FileTransfers } from '../../core/file-transfer/file-transfers';
import { SNIFF_BYTES } from '../../core/file-transfer/sniff-type';
import type { TransferProgress } from '../../core/file-transfer/transfer-progress';
import type { Upload, UploadPhase } from '../../core/file-transfer/upload';
import { checkFile, DEFAULT_FILE_POLICY, type FilePolicy } from '../format/file-checks';

export interface FileCard {
  /** `up:<ref>` for ours, `in:<fileId>` for an offer; also the log row's key. */
  id: string;
  direction: 'out' | 'in';
  name: string;
  size: number;
  /** Ours: what we declared. Theirs: what the room decided from the content. */
  mime: string;
  from: string;
  /** The private recipient, or null for the Lobby. */
  to: string | null;
  phase: UploadPhase | DownloadPhase;
  progress: TransferProgress | null;
  /** What happened to it since, oldest first: "bob declined", "carol received it". */
  notes: readonly string[];
  /** Ours, private: the recipient has taken, declined or cancelled it (nothing left to withdraw). */
  answered: boolean;
  error: string | null;
  /** The verified file (incoming, once its SHA-256 matched). */
  blob: Blob | null;
  /** Sealed end to end: the room staged only ciphertext and never saw the name or type. */
  e2e: boolean;
}

export interface FileStoreHost {
  /** Our username. */
  me(): string | null;
  /** Shows an error toast (role="alert"). */
  alert(message: string): void;
  /** Adds the card's row to its conversation (`peer` null: the Lobby); `mine`: focus that tab. */
  place(card: FileCard, peer: string | null, mine: boolean): void;
}

export interface FileStore {
  card(id: string): ReadonlySignal<FileCard> | undefined;
  /** Checks and offers each file to `to`, or to the Lobby when null. */
  send(files: readonly File[], to: string | null): Promise<void>;
  accept(id: string): void;
  decline(id: string): void;
  cancel(id: string): void;
  /** The cards' rows are gone: drop them, stopping transfers still running (offers stay unanswered). */
  forget(ids: Iterable<string>): void;
}

export function createFileStore(
  transfers: FileTransfers,
  host: FileStoreHost,
  policy: FilePolicy = DEFAULT_FILE_POLICY,
): FileStore {
  const cards = new Map<string, Signal<FileCard>>();
  const sources = new Map<string, Upload | Download>();

  const patch = (id: string, change: Partial<FileCard>) => {
    const card = cards.get(id);
    if (card) card.value = { ...card.value, ...change };
  };
  const note = (id: string, text: string) => {
    const card = cards.get(id);
    if (card) patch(id, { notes: [...card.value.notes, text] });
  };
  const byOthers = (by: string) => by !== '' && by !== host.me();
  const answer = (id: string, text: string) => {
    note(id, text);
    patch(id, { answered: true });
  };

  const add = (card: FileCard, source: Upload | Download) => {
    cards.set(card.id, signal(card));
    sources.set(card.id, source);
    source.on('phase', (phase: FileCard['phase']) => patch(card.id, { phase }));
    source.on('progress', (progress: TransferProgress) => patch(card.id, { progress }));
    source.on('cancelled', ({ by }: { by: string }) => {
      if (byOthers(by)) answer(card.id, `${by} cancelled`);
    });
  };

  const track = (upload: Upload, to: string | null) => {
    const id = `up:${upload.ref}`;
    const card: FileCard = {
      id,
      direction: 'out',
      name: upload.meta.name,
      size: upload.size,
      mime: upload.meta.mime,
      from: host.me() ?? '',
      to,
      phase: upload.phase,
      progress: null,
      notes: [],
      answered: false,
      error: null,
      blob: null,
      e2e: false,
    };
    add(card, upload);
    // Whether it goes sealed is decided just before the offer.
    upload.on('phase', () => {
      if (upload.e2e && !cards.get(id)?.value.e2e) patch(id, { e2e: true });
    });
    upload.on('failed', ({ message }) => {
      patch(id, { error: message });
      host.alert(`${card.name} was not sent: ${message}`);
    });
    upload.on('declined', ({ by }) => answer(id, `${by} declined`));
    upload.on('delivered', ({ by }) => answer(id, `${by} received it`));
    host.place(card, to, true);
  };

  transfers.on('offer', (download) => {
    const { offer } = download;
    const id = `in:${offer.fileId}`;
    const card: FileCard = {
      id,
      direction: 'in',
      name: download.name,
      size: offer.size,
      mime: offer.mime,
      from: offer.from,
      to: offer.to ?? null,
      phase: download.phase,
      progress: null,
      notes: [],
      answered: false,
      error: null,
      blob: null,
      e2e: download.sealed !== null,
    };
    add(card, download);
    download.on('failed', ({ message }) => patch(id, { error: message }));
    // A start the room refused for now: its reason shows until the download goes on.
    download.on('refused', ({ message }) => patch(id, { error: message }));
    download.on('phase', (phase) => {
      if (phase === 'queued' || phase === 'receiving') patch(id, { error: null });
    });
    download.on('done', (bytes) => {
      // One copy for the page (the Blob); the transfer lets go of its buffer.
      // The type the content was checked to be (by the room, or for a sealed file by this client).
      patch(id, { mime: download.mime, blob: new Blob([bytes], { type: download.mime }) });
      download.release();
    });
    host.place(card, offer.to === undefined ? null : offer.from, false);
  });

  const sendOne = async (file: File, to: string | null) => {
    let head: Uint8Array;
    try {
      head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    } catch {
      host.alert(`${file.name} could not be read.`);
      return;
    }
    const verdict = checkFile(file, head, policy);
    if (!verdict.ok) {
      host.alert(verdict.message);
      return;
    }
    const name = sanitiseFileName(file.name);
    const upload = transfers.send(file, { name, mime: verdict.mime, ...(to === null ? {} : { to }) });
    track(upload, to);
  };

  return {
    card: (id) => cards.get(id),
    async send(files, to) {
      // One after another, so the cards appear in the order the files were picked.
      for (const file of files) await sendOne(file, to);
    },
    accept(id) {
      const source = sources.get(id);
      if (source && 'accept' in source) void source.accept();
    },
    decline(id) {
      const source = sources.get(id);
      if (source && 'decline' in source) source.decline();
    },
    cancel(id) {
      sources.get(id)?.cancel();
    },
    forget(ids) {
      for (const id of ids) {
        const source = sources.get(id);
        if (source && !source.done && source.phase !== 'offered') source.cancel();
        cards.delete(id);
        sources.delete(id);
      }
    },
  };
}
