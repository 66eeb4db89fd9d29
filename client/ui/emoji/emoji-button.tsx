// The composer's "Emoji" button and the picker panel it opens (a non-modal dialog). The picker
// loads on the first open; a chosen emoji goes to `onPick`, which inserts it at the cursor.
// Escape or a press outside closes the panel; focus returns to the button after Escape. The
// reaction bar (reaction-bar.tsx) hosts the same picker through PickerHost.

import { useEffect, useRef, useState } from 'preact/hooks';
import { useDismiss } from '../use-dismiss';
import { type EmojiPickerHandle, loadEmojiPicker } from './load-emoji-picker';

const PANEL_ID = 'emoji-panel';

export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useDismiss(open, [button, panel], (reason) => {
    setOpen(false);
    if (reason === 'escape') button.current?.focus();
  });

  return (
    <div class="emoji-anchor">
      <button
        ref={button}
        type="button"
        class="button icon-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? PANEL_ID : undefined}
        onClick={() => setOpen(!open)}
      >
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="9" />
          <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
          <path d="M9 9.5h.01M15 9.5h.01" />
        </svg>
        <span class="visually-hidden">Emoji</span>
      </button>
      {open && (
        <div ref={panel} id={PANEL_ID} role="dialog" aria-label="Emoji picker" class="emoji-panel">
          <PickerHost
            onPick={(emoji) => {
              setOpen(false);
              onPick(emoji);
            }}
          />
        </div>
      )}
    </div>
  );
}

type LoadState = 'loading' | 'ready' | 'failed';

export function PickerHost({ onPick }: { onPick: (emoji: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<LoadState>('loading');
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    let picker: EmojiPickerHandle | null = null;
    let stopListening = () => {};
    let cancelled = false;
    loadEmojiPicker().then(
      (loaded) => {
        if (cancelled || !host.current) return;
        picker = loaded;
        host.current.append(loaded.element);
        stopListening = loaded.onPick((emoji) => pick.current(emoji));
        setState('ready');
        loaded.focusSearch();
      },
      () => {
        if (!cancelled) setState('failed');
      },
    );
    return () => {
      cancelled = true;
      stopListening();
      picker?.element.remove();
    };
  }, []);

  return (
    <>
      {state === 'loading' && <p class="emoji-panel-note">Loading emoji…</p>}
      {state === 'failed' && (
        <p class="emoji-panel-note" role="alert">
          The emoji picker could not be loaded. Check the connection and try again.
        </p>
      )}
      <div ref={host} class="emoji-host" />
    </>
  );
}
