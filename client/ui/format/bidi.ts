// Bidi controls in message text, made harmless. The log isolates each line in a <bdi>, but
// Chromium implements that isolate with characters of its own (FSI…PDI around the text), so a
// stray PDI in the text would close it early and let a following RLO reorder the rest of the row.
// balanceBidi keeps the text's own controls but drops every closer that closes nothing of the
// text's and closes whatever the text left open. The TXT export has no isolate: stripBidiScopes.
// Tested in test/unit/client/ui/format/bidi.test.ts and test/browser/message-spoofing.test.ts.

/** Embeddings and overrides: LRE, RLE, LRO, RLO. */
const EMBEDDING = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
/** Isolates: LRI, RLI, FSI. */
const ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202C';
const PDI = '\u2069';
/** Every bidi control that opens or closes a scope. */
const SCOPED = /[\u202A-\u202E\u2066-\u2069]/u;
const SCOPED_ALL = /[\u202A-\u202E\u2066-\u2069]/gu;
/** Far below the 125 levels of the Unicode Bidirectional Algorithm; deeper openers are dropped. */
const MAX_DEPTH = 60;

/**
 * `line` (no line breaks in it) with every scope it opens closed at its end and every PDF or PDI
 * that has nothing of its own to close removed, following the matching rules of UAX #9 (X6a: a PDI
 * also closes the embeddings opened inside its isolate; X7: a PDF never closes an isolate).
 */
export function balanceBidi(line: string): string {
  if (!SCOPED.test(line)) return line;
  const { parts, close } = balanceBidiParts([line]);
  return (parts[0] ?? '') + close;
}

/**
 * balanceBidi over a line drawn in several parts (a formatted line's runs): the same controls are
 * kept or dropped as for the parts joined, and `close` closes what the line left open, at its end.
 */
export function balanceBidiParts(parts: readonly string[]): { parts: string[]; close: string } {
  if (!parts.some((part) => SCOPED.test(part))) return { parts: parts.slice(), close: '' };
  const open: ('E' | 'I')[] = [];
  const out = parts.map((part) => {
    let kept = '';
    for (const c of part) {
      if (EMBEDDING.has(c) || ISOLATE.has(c)) {
        if (open.length >= MAX_DEPTH) continue;
        open.push(EMBEDDING.has(c) ? 'E' : 'I');
      } else if (c === PDF) {
        if (open.at(-1) !== 'E') continue;
        open.pop();
      } else if (c === PDI) {
        const isolate = open.lastIndexOf('I');
        if (isolate < 0) continue;
        open.length = isolate;
      }
      kept += c;
    }
    return kept;
  });
  let close = '';
  for (let i = open.length - 1; i >= 0; i--) close += open[i] === 'I' ? PDI : PDF;
  return { parts: out, close };
}

/**
 * `text` without the bidi controls that open or close a scope (U+202A–U+202E, U+2066–U+2069). For
 * plain text, where there is no markup to isolate with: wrapping in FSI…PDI instead would show as
 * boxes in viewers older than isolates. What is left (letters with their own direction and the
 * scope-less marks LRM, RLM and ALM) cannot move a character out of its line, which a text viewer
 * treats as a paragraph of its own.
 */
export function stripBidiScopes(text: string): string {
  return text.replace(SCOPED_ALL, '');
}
