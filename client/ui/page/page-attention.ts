// Whether the person can see the chat right now: the page is visible and its window has focus.
// Unread counts, the chime and desktop notifications all ask this.

import { type ReadonlySignal, signal } from '@preact/signals';

export function watchAttention(win: Window): ReadonlySignal<boolean> {
  const doc = win.document;
  const read = () => doc.visibilityState === 'visible' && doc.hasFocus();
  const attending = signal(read());
  const update = () => {
    attending.value = read();
  };
  win.addEventListener('focus', update);
  win.addEventListener('blur', update);
  doc.addEventListener('visibilitychange', update);
  return attending;
}
