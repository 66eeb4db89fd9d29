// Turns what a person typed into the search box into a safe FTS5 MATCH expression: each word
// becomes a quoted prefix term, so FTS5 syntax in the input (quotes, NEAR, column filters, `*`)
// is never interpreted. Shared by the room (worker/room/handlers/history.ts) and the client's
// highlighting (client/ui/format/highlight.ts). Pure; unit-tested in test/unit/worker/protocol.

/** At most this many words count; the rest are ignored. */
const MAX_TERMS = 8;

/** The words of a query (letters, digits, marks, joined by apostrophes inside words). */
export function searchTerms(query: string): string[] {
  return (query.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).slice(0, MAX_TERMS);
}

/** `"word1"* "word2"*` (every word, as a prefix), or null when the query has no words. */
export function ftsMatch(query: string): string | null {
  const terms = searchTerms(query);
  return terms.length === 0 ? null : terms.map((t) => `"${t}"*`).join(' ');
}
