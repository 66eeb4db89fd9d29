// Small real files of the other allowed types, built in memory for the browser tests: a PDF, a
// GIF and an MP3 of silence. Each starts with the magic bytes the room recognises.

/** A one-page PDF (no fonts, no content stream): enough for any viewer and for magic bytes. */
export function tinyPdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 72 72]>> endobj',
      'trailer <</Root 1 0 R>>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** A 1 × 1 GIF89a (the classic transparent pixel). */
export function tinyGif(): Buffer {
  return Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
}

/**
 * About a second of MPEG-1 Layer III silence behind an empty ID3v2.3 tag: `frames` frames of
 * 128 kbit/s, 44.1 kHz, mono, no padding (417 bytes each; all-zero side info decodes as silence).
 */
export function silentMp3(frames = 40): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  return Buffer.concat([id3, ...Array.from({ length: frames }, () => frame)]);
}
