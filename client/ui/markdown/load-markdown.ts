// Loads the Markdown parser (micromark and its GFM extensions, a lazy chunk kept out of the
// first-load JavaScript budget) the first time a message is drawn. Until it has loaded, messages
// show as plain text; then every message re-renders formatted, since components read the signal.
// A failed load is retried on the next render that asks.

import { signal } from '@preact/signals';
import type { MarkdownParser } from './markup';

const parser = signal<MarkdownParser | null>(null);
let requested = false;

/** The parser once loaded, else null (and the load starts). */
export function markdownParser(): MarkdownParser | null {
  if (!requested) {
    requested = true;
    import('./parse-markdown').then(
      (module) => {
        parser.value = module.parseMarkdown;
      },
      () => {
        requested = false;
      },
    );
  }
  return parser.value;
}
