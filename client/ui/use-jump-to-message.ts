// Jumping from a reply's quote to the message it answers: scroll the original's row into view,
// focus it and highlight it for a moment. When it is not loaded, ask for older pages ("Load older")
// one at a time, at most MAX_JUMP_PAGES, then give up with a note saying so. message-log.tsx uses it.

import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LogLine } from './state/log-lines';

/** Older pages a jump may load before it gives up. */
export const MAX_JUMP_PAGES = 5;
const HIGHLIGHT_MS = 2_500;

interface JumpOptions {
  lines: readonly LogLine[];
  more: boolean;
  loadingOlder: boolean;
  /** Asks for the next older page; absent where the room keeps no older pages to ask for. */
  loadOlder: (() => void) | undefined;
}

export interface MessageJump {
  /** The message id highlighted now. */
  highlight: number | null;
  /** Why the last jump could not reach its message. */
  note: string | null;
  jumpTo(id: number): void;
}

export function useJumpToMessage(log: RefObject<HTMLElement>, options: JumpOptions): MessageJump {
  const { lines, more, loadingOlder, loadOlder } = options;
  const [highlight, setHighlight] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const pending = useRef<{ id: number; pages: number } | null>(null);

  const show = (id: number): boolean => {
    const row = log.current?.querySelector<HTMLElement>(`:scope > [data-id="${id}"]`);
    if (!row) return false;
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
    setHighlight(id);
    return true;
  };

  const step = () => {
    const wanted = pending.current;
    if (!wanted) return;
    if (show(wanted.id)) {
      pending.current = null;
      return;
    }
    // A page is on its way: its rows come with the next change of `lines`.
    if (loadingOlder) return;
    if (more && loadOlder && wanted.pages < MAX_JUMP_PAGES) {
      wanted.pages++;
      loadOlder();
      return;
    }
    pending.current = null;
    setNote(
      more && loadOlder
        ? `The original message is more than ${MAX_JUMP_PAGES} pages back: press "Load older" to look further.`
        : 'The original message is not in this conversation any more.',
    );
  };

  useEffect(step, [lines, loadingOlder, more]);

  useEffect(() => {
    if (highlight === null) return;
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  return {
    highlight,
    note,
    jumpTo(id) {
      setNote(null);
      pending.current = { id, pages: 0 };
      step();
    },
  };
}
