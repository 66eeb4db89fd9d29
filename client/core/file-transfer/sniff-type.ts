// Recognises the default allowed file types by their first bytes ("magic numbers"), so the
// client can refuse an obviously wrong file before sending it and declare a truthful type.
// Comfort only: the room decides by content itself (file-type) and enforces the list.

/** Bytes to read from the start of a file to recognise it. */
export const SNIFF_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/**
 * ISO base media major brands that `file-type` (the room's check) names as something other than
 * video/mp4: HEIF/HEIC and AVIF images, QuickTime, M4V, M4A/M4B and F4A/F4B audio, Canon CR3.
 */
const NOT_MP4_BRANDS: ReadonlySet<string> = new Set([
  'avif',
  'avis',
  'mif1',
  'msf1',
  'heic',
  'heix',
  'hevc',
  'hevx',
  'qt',
  'M4V',
  'M4VH',
  'M4VP',
  'M4A',
  'M4B',
  'F4A',
  'F4B',
  'crx',
]);

/**
 * An "ftyp" box after the box size, then the major brand decides, as the room's `file-type` does:
 * a printable first character, and none of the brands above nor 3GPP ("3g…").
 */
function isMp4(head: Uint8Array): boolean {
  if (!startsWith(head, ascii('ftyp'), 4) || head.length < 12 || ((head[8] ?? 0) & 0x60) === 0) return false;
  const brand = String.fromCharCode(...head.subarray(8, 12))
    .replace('\0', ' ')
    .trim();
  return !NOT_MP4_BRANDS.has(brand) && !brand.startsWith('3g');
}

const SIGNATURES: readonly { mime: string; test: (head: Uint8Array) => boolean }[] = [
  { mime: 'image/png', test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { mime: 'image/gif', test: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  { mime: 'image/webp', test: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  { mime: 'application/pdf', test: (h) => startsWith(h, ascii('%PDF-')) },
  { mime: 'video/mp4', test: isMp4 },
  // An ID3v2 tag, or an MPEG audio frame sync (11 set bits) with layer III.
  {
    mime: 'audio/mpeg',
    test: (h) => startsWith(h, ascii('ID3')) || (h[0] === 0xff && ((h[1] ?? 0) & 0xe6) === 0xe2),
  },
];

/** The types this module can recognise. */
export const SNIFFABLE_TYPES: ReadonlySet<string> = new Set(SIGNATURES.map((s) => s.mime));

/** The type the first bytes show, or null when they match none of the known signatures. */
export function sniffType(head: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.test(head))?.mime ?? null;
}
