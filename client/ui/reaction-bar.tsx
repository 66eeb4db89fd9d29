// The quick reaction bar the "React" action opens: our 6 most-used emoji (state/recent-emoji.ts)
// and "More emoji", which shows the full picker (the composer's, emoji/emoji-button.tsx). A
// non-modal dialog placed by the React button, outside the log so that the log's rows keep their
// text; Escape or a press outside closes it, and focus goes back to the button.

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { PickerHost } from './emoji/emoji-button';
import { useDismiss } from './use-dismiss';

interface ReactionBarProps {
  emoji: readonly string[];
  /** The React button it opened from: the bar sits below it, and focus returns to it. */
  anchor: HTMLElement;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

export function ReactionBar({ emoji, anchor, onPick, onClose }: ReactionBarProps) {
  const panel = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);

  useDismiss(true, [panel, { current: anchor }], (reason) => {
    onClose();
    if (reason === 'escape') anchor.focus();
  });

  useLayoutEffect(() => {
    const wrap = panel.current?.offsetParent;
    if (!(wrap instanceof HTMLElement)) return;
    const box = anchor.getBoundingClientRect();
    const outer = wrap.getBoundingClientRect();
    setPlace({ top: box.bottom - outer.top + 4, right: Math.max(4, outer.right - box.right) });
    panel.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [anchor]);

  const pick = (chosen: string) => {
    onPick(chosen);
    onClose();
    anchor.focus();
  };

  return (
    <div
      ref={panel}
      role="dialog"
      aria-label="Add a reaction"
      class={`reaction-bar${full ? ' reaction-bar--full' : ''}`}
      style={place ? { top: `${place.top}px`, right: `${place.right}px` } : { visibility: 'hidden' }}
    >
      <div class="reaction-bar-quick">
        {emoji.map((e) => (
          <button
            key={e}
            type="button"
            class="reaction-bar-emoji"
            aria-label={`React with ${e}`}
            onClick={() => pick(e)}
          >
            {e}
          </button>
        ))}
        <button
          type="button"
          class="button button--small"
          aria-expanded={full}
          onClick={() => setFull(!full)}
        >
          More emoji
        </button>
      </div>
      {full && <PickerHost onPick={pick} />}
    </div>
  );
}
