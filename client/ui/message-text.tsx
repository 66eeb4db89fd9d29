// A message's text in a log row (or a search result): Markdown-formatted once the lazy parser has
// loaded (markdown/load-markdown.ts), plain until then. Either way every character of the message
// stays in the text content in order (markers hidden), lines are bidi-isolated and continuation
// lines marked (markdown/markup-view.tsx). `@name`s are drawn as mentions; `query` marks the words a
// search matched.

import { useMemo } from 'preact/hooks';
import { highlight } from './format/highlight';
import { markdownParser } from './markdown/load-markdown';
import { markMentions, markRanges, plainMarkup } from './markdown/markup';
import { MarkupView } from './markdown/markup-view';

/** [start, end) of each part of `text` that matches `query`. */
function matchRanges(text: string, query: string): [number, number][] {
  const ranges: [number, number][] = [];
  let at = 0;
  for (const part of highlight(text, query)) {
    if (part.match) ranges.push([at, at + part.text.length]);
    at += part.text.length;
  }
  return ranges;
}

export function MessageText({ text, query }: { text: string; query?: string }) {
  const parse = markdownParser();
  const lines = useMemo(() => {
    const parsed = parse ? parse(text) : plainMarkup(text);
    const mentioned = markMentions(parsed, text);
    return query ? markRanges(mentioned, matchRanges(text, query)) : mentioned;
  }, [text, parse, query]);
  return <MarkupView lines={lines} />;
}
