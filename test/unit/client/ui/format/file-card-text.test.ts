// Unit tests for client/ui/format/file-card-text.ts: what a file card says in each phase, and
// which files get an inline preview.

import { describe, expect, it } from 'vitest';
import { fileStatusText, previewKind } from '../../../../../client/ui/format/file-card-text';

const out = (phase: Parameters<typeof fileStatusText>[0]['phase'], to: string | null = 'bob') =>
  fileStatusText({ direction: 'out', phase, from: 'alice', to });
const incoming = (phase: Parameters<typeof fileStatusText>[0]['phase'], to: string | null = 'bob') =>
  fileStatusText({ direction: 'in', phase, from: 'alice', to });

describe('fileStatusText', () => {
  it('tells the sender where the file went once the room stored it', () => {
    expect(out('stored')).toBe('Offered to bob');
    expect(out('stored', null)).toBe('Offered to everyone');
  });

  it('says how the recipient of a private file answered, in place of the offer', () => {
    const answered = (notes: string[], to: string | null = 'bob') =>
      fileStatusText({ direction: 'out', phase: 'stored', from: 'alice', to, answered: true, notes });
    expect(answered(['bob received it'])).toBe('bob received it');
    expect(answered(['bob declined'])).toBe('bob declined');
    // The Lobby's file stays on offer to everyone; its answers are the notes below it.
    expect(answered(['bob received it'], null)).toBe('Offered to everyone');
  });

  it('tells the sender when an upload waits for the connection or for other uploads', () => {
    expect(out('paused')).toBe('Paused: waiting for the connection');
    expect(out('queued')).toBe('Waiting for your other uploads');
  });

  it('tells the recipient when a download waits for a free slot, or for Accept again after a refusal', () => {
    expect(incoming('queued')).toBe('Waiting for a free download slot…');
    expect(incoming('throttled')).toBe('The room is busy: Accept again in a moment');
    expect(incoming('retry')).toBe('Accept to try again');
  });

  it('names the sender on an offer, privately or to everyone', () => {
    expect(incoming('offered')).toBe('alice wants to send you a file');
    expect(incoming('offered', null)).toBe('alice shares a file with everyone');
  });

  it('says the SHA-256 was checked once a download is kept', () => {
    expect(incoming('checking')).toBe('Checking the SHA-256…');
    expect(incoming('done')).toBe('SHA-256 verified');
    expect(incoming('failed')).toBe('Not kept');
  });
});

describe('previewKind', () => {
  it('previews images, audio and video, and nothing else', () => {
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/webp')).toBe('image');
    expect(previewKind('audio/mpeg')).toBe('audio');
    expect(previewKind('video/mp4')).toBe('video');
    expect(previewKind('application/pdf')).toBeNull();
    expect(previewKind('image/svg+xml')).toBeNull();
  });
});
