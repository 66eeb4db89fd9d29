// The compact quote above a reply: the original's author and first line, or "message deleted".
// Pressing it scrolls to the original and highlights it (loading older pages when needed; see
// message-log.tsx). Drawn from data attributes by CSS, named by aria-label, so the row's text
// content stays `(Global) (alice) (14:23:15): text`.

import { replySnippet } from './format/reply-snippet';
import type { LogLine } from './state/log-lines';

interface ReplyQuoteProps {
  /** The message answered, when it is loaded. */
  original: LogLine | undefined;
  onJump: () => void;
}

export function ReplyQuote({ original, onJump }: ReplyQuoteProps) {
  const { who, text } = replySnippet(original);
  const label = who === null ? `Reply to ${text}` : `Reply to ${who}: ${text}`;
  return (
    <button
      type="button"
      class={`reply-quote${original?.deleted ? ' reply-quote--deleted' : ''}`}
      aria-label={`${label}. Show the original`}
      data-who={who ?? ''}
      data-snippet={text}
      onClick={onJump}
    />
  );
}
