// Pure edits of the composer's text: put something in place of a range (an emoji at the cursor,
// or an emoji instead of a typed shortcode) and say where the caret goes after it.

export interface TextEdit {
  text: string;
  /** Caret position (UTF-16 index) after the edit. */
  caret: number;
}

/** Replaces text[start, end) with `insert`; the caret lands just after the insertion. */
export function replaceRange(text: string, start: number, end: number, insert: string): TextEdit {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}
