// Splits a message into plain and matching parts for search results, matching each search word
// as a prefix of a word (as the room's FTS5 search does), ignoring case. Pure; rendered as text
// and <mark>, never as HTML.

import { searchTerms } from '../../../worker/protocol/search-terms';

export interface TextPart {
  text: string;
  match: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string, query: string): TextPart[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [{ text, match: false }];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}\\p{M}])(?:${terms.map(escapeRegExp).join('|')})[\\p{L}\\p{N}\\p{M}]*`,
    'giu',
  );
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}
