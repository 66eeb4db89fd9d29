// The composer's text and caret as state. Typing updates both as the textarea has them; an edit
// made by code (an emoji inserted, a shortcode replaced) also puts the caret back after the
// render, since giving a controlled textarea a new value moves its caret to the end.

import type { RefObject } from 'preact';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TextEdit } from './emoji/text-edit';

export interface ComposerText {
  text: string;
  caret: number;
  /** The person typed: `text` and `caret` as the textarea now has them. */
  typed(text: string, caret: number): void;
  /** The caret moved without a change of text (arrow keys, a click). */
  moved(caret: number): void;
  /** A change made by code; the caret goes to `next.caret`. */
  edit(next: TextEdit): void;
  /**
   * A change made by code later (after a load): computed from the latest text, keystrokes
   * included, never from a render's stale copy. `change` returns null for no change.
   */
  editLatest(change: (current: TextEdit) => TextEdit | null): void;
}

/** `initial`: the conversation's unsent draft, with the caret at its end. */
export function useComposerText(input: RefObject<HTMLTextAreaElement>, initial = ''): ComposerText {
  const [state, setState] = useState<TextEdit>(() => ({ text: initial, caret: initial.length }));
  const placeCaret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const at = placeCaret.current;
    if (at === null) return;
    placeCaret.current = null;
    // Only while focused: moving the caret of a blurred textarea would steal nothing but is pointless.
    if (input.current && document.activeElement === input.current) input.current.setSelectionRange(at, at);
  });

  const typed = useCallback((text: string, caret: number) => setState({ text, caret }), []);
  const moved = useCallback(
    (caret: number) => setState((prev) => (prev.caret === caret ? prev : { ...prev, caret })),
    [],
  );
  const edit = useCallback((next: TextEdit) => {
    placeCaret.current = next.caret;
    setState(next);
  }, []);

  const editLatest = useCallback((change: (current: TextEdit) => TextEdit | null) => {
    setState((current) => {
      const next = change(current);
      if (!next) return current;
      placeCaret.current = next.caret;
      return next;
    });
  }, []);

  return { text: state.text, caret: state.caret, typed, moved, edit, editLatest };
}
