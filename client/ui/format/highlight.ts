// Splits a message into plain and matching parts for search results, matching each search word
// as a prefix of a word (as the room's FTS5 search does), ignoring case. Pure; rendered as text
// and <mark>, never as HTML.

import { searchTerms } from '#protocol/search-terms';

export interface TextPart {
  text: string;
  match: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lower case without diacritics, as FTS5's unicode61 tokenizer compares words. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function highlight(text: string, query: string): TextPart[] {
  const terms = [...new Set(searchTerms(query).map(fold))].filter((t) => t !== '');
  if (terms.length === 0) return [{ text, match: false }];
  // Fold the text code point by code point, remembering where each folded unit came from.
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  from.push(text.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})[\\p{L}\\p{N}]*`,
    'gu',
  );
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of folded.matchAll(pattern)) {
    const start = from[m.index];
    const end = from[m.index + m[0].length];
    if (start === undefined || end === undefined || end <= start) continue;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    // Marks that followed the matched letters belong to the match.
    parts.push({ text: text.slice(start, end), match: true });
    last = end;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}
