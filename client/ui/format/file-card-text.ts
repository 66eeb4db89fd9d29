// What a file card says about its transfer: a status line per phase and direction, and which
// preview (if any) the file's type gets. Pure; the file card renders these as text.

import type { FileCard } from '../state/file-store';

type StatusCard = Pick<FileCard, 'direction' | 'phase' | 'from' | 'to'> &
  Partial<Pick<FileCard, 'answered' | 'notes'>>;

/**
 * The answer that is now a private file's status ("bob received it"): its one recipient's, once
 * given. The card then does not repeat it among the notes. Null for anything else.
 */
export function answerAsStatus(card: StatusCard): string | null {
  if (card.direction !== 'out' || card.phase !== 'stored' || card.to === null || !card.answered) return null;
  return card.notes?.at(-1) ?? null;
}

export function fileStatusText(card: StatusCard): string {
  if (card.direction === 'out') {
    switch (card.phase) {
      case 'queued':
        return 'Waiting for your other uploads';
      case 'hashing':
        return 'Preparing…';
      case 'offering':
        return 'Offering…';
      case 'sending':
        return 'Sending';
      case 'paused':
        return 'Paused: waiting for the connection';
      case 'checking':
        return 'The room is checking the file…';
      case 'stored':
        if (card.to === null) return 'Offered to everyone';
        return answerAsStatus(card) ?? `Offered to ${card.to}`;
      case 'failed':
        return 'Not sent';
      default:
        return 'Cancelled';
    }
  }
  switch (card.phase) {
    case 'offered':
      return card.to === null
        ? `${card.from} shares a file with everyone`
        : `${card.from} wants to send you a file`;
    case 'queued':
      return 'Waiting for a free download slot…';
    case 'receiving':
      return 'Downloading';
    case 'throttled':
      return 'The room is busy: Accept again in a moment';
    case 'retry':
      return 'Accept to try again';
    case 'paused':
      return 'Paused: waiting for the connection';
    case 'checking':
      return 'Checking the SHA-256…';
    case 'done':
      return 'SHA-256 verified';
    case 'declined':
      return 'You declined';
    case 'failed':
      return 'Not kept';
    default:
      return 'Cancelled';
  }
}

export type PreviewKind = 'image' | 'audio' | 'video' | null;

const IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Inline preview for images, audio and video; nothing for other types (e.g. PDF). */
export function previewKind(mime: string): PreviewKind {
  if (IMAGES.has(mime)) return 'image';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return null;
}
