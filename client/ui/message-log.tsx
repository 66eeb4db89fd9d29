// A conversation's message log (role="log"). It follows the newest message unless the person
// has scrolled up to read; then a "Jump to latest" button brings them back.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MessageRow } from './message-row';
import type { LogLine } from './state/log-lines';

interface MessageLogProps {
  lines: readonly LogLine[];
  label: string;
  hour12: boolean;
}

/** How close to the bottom (px) still counts as "reading the latest". */
const SLACK = 32;

export function MessageLog({ lines, label, hour12 }: MessageLogProps) {
  const log = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrolledUp, setScrolledUp] = useState(false);

  const toBottom = () => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  useLayoutEffect(() => {
    if (following.current) toBottom();
  }, [lines]);

  useEffect(() => {
    // The log also changes size (phone keyboard, window resize): stay at the bottom if following.
    const element = log.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current) toBottom();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = log.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight <= SLACK;
    following.current = atBottom;
    setScrolledUp(!atBottom);
  };

  return (
    <div class="log-wrap">
      {lines.length === 0 && <p class="log-empty">No messages yet.</p>}
      <div ref={log} role="log" aria-label={label} class="log" onScroll={onScroll}>
        {lines.map((line) => (
          <MessageRow key={line.key} line={line} hour12={hour12} />
        ))}
      </div>
      {scrolledUp && (
        <button
          type="button"
          class="jump"
          onClick={() => {
            following.current = true;
            setScrolledUp(false);
            toBottom();
          }}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}
