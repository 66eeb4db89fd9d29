// The message composer: a multi-line box labelled "Message" and a Send button. Enter sends,
// Shift+Enter adds a line; a counter appears near the 4,000-character limit.

import { useState } from 'preact/hooks';
import { charCounter, parseComposerInput } from './format/composer-input';

interface ComposerProps {
  /** The private tab's peer, or null in the lobby. */
  peer: string | null;
  /** Returns true when the message went (or was queued), so the box can clear. */
  onSend: (text: string) => boolean;
}

export const COMPOSER_INPUT_ID = 'message-input';

export function Composer({ peer, onSend }: ComposerProps) {
  const [text, setText] = useState('');
  const intent = parseComposerInput(text, peer);
  const counter = charCounter(intent.kind === 'public' || intent.kind === 'private' ? intent.text : text);

  const submit = () => {
    if (counter?.over) return;
    if (onSend(text)) setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
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
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Not while an input method is composing: its Enter picks a candidate.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          submit();
        }}
      />
      <button type="submit" class="button button--primary" disabled={counter?.over}>
        Send
      </button>
      <p id="composer-hint" class="composer-hint">
        Enter sends, Shift+Enter adds a line, <kbd>/w name message</kbd> whispers.
      </p>
      <p id="composer-counter" class={`counter${counter?.over ? ' counter--over' : ''}`}>
        {counter ? `${counter.used.toLocaleString('en')} / ${counter.max.toLocaleString('en')}` : ''}
      </p>
    </form>
  );
}
