// "alice is typing…" under the open conversation's log. A polite live region that is always
// present (so screen readers announce changes) and empty when nobody types.

import { typingText } from '../core/typing-tracker';

export function TypingIndicator({ names }: { names: readonly string[] }) {
  return (
    <p class="typing" aria-live="polite">
      {typingText(names) ?? ''}
    </p>
  );
}
