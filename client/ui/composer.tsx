// The message composer: "Attach file", a multi-line box labelled "Message" and a Send button.
// Enter sends, Shift+Enter adds a line; a counter appears near the 4,000-character limit.
// `/file` and `/filew name` open the file picker for the Lobby or for name; a pasted image is
// sent to the open conversation.

import { useRef, useState } from 'preact/hooks';
import { AttachButton } from './attach-button';
import { charCounter, parseComposerInput } from './format/composer-input';

interface ComposerProps {
  /** The private tab's peer, or null in the lobby. */
  peer: string | null;
  /** Returns true when the message went (or was queued), so the box can clear. */
  onSend: (text: string) => boolean;
  /** Offers files to `to` (a username), or to the Lobby when null. */
  onFiles: (files: File[], to: string | null) => void;
  /** Every edit of the text (typing indicators). */
  onTyping?: (text: string) => void;
}

export const COMPOSER_INPUT_ID = 'message-input';

export function Composer({ peer, onSend, onFiles, onTyping }: ComposerProps) {
  const [text, setText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  /** Set by `/file` or `/filew name` until the picker closes; otherwise files go to `peer`. */
  const pickFor = useRef<{ to: string | null } | null>(null);
  const intent = parseComposerInput(text, peer);
  const counter = charCounter(intent.kind === 'public' || intent.kind === 'private' ? intent.text : text);

  const submit = () => {
    if (counter?.over) return;
    if (intent.kind === 'file') {
      pickFor.current = { to: intent.to };
      setText('');
      // Still inside the Enter or click that submitted, so the browser lets the picker open.
      fileInput.current?.click();
      return;
    }
    if (onSend(text)) setText('');
  };

  const takeTarget = (): string | null => {
    const target = pickFor.current;
    pickFor.current = null;
    return target ? target.to : peer;
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <AttachButton
        inputRef={fileInput}
        onFiles={(files) => onFiles(files, takeTarget())}
        onCancel={() => {
          pickFor.current = null;
        }}
      />
      <label class="visually-hidden" for={COMPOSER_INPUT_ID}>
        Message
      </label>
      <textarea
        id={COMPOSER_INPUT_ID}
        class="composer-input"
        rows={1}
        value={text}
        placeholder={peer ? `Message ${peer}` : 'Message everyone'}
        aria-describedby="composer-hint composer-counter"
        aria-invalid={counter?.over ? true : undefined}
        onInput={(event) => {
          setText(event.currentTarget.value);
          onTyping?.(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          // Not while an input method is composing: its Enter picks a candidate.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          submit();
        }}
        onPaste={(event) => {
          const files = [...(event.clipboardData?.files ?? [])];
          if (files.length === 0) return;
          event.preventDefault();
          onFiles(files, peer);
        }}
      />
      <button type="submit" class="button button--primary composer-send" disabled={counter?.over}>
        Send
      </button>
      <p id="composer-hint" class="composer-hint">
        Enter sends, Shift+Enter adds a line, <kbd>/w name message</kbd> whispers, <kbd>/file</kbd> or{' '}
        <kbd>/filew name</kbd> shares a file.
      </p>
      <p id="composer-counter" class={`counter${counter?.over ? ' counter--over' : ''}`}>
        {counter ? `${counter.used.toLocaleString('en')} / ${counter.max.toLocaleString('en')}` : ''}
      </p>
    </form>
  );
}
