// The lazily loaded emoji picker: emoji-picker-element (a web component) reading the emojibase
// data from our own static assets, never a CDN. Imported only when the "Emoji" button is first
// pressed, so neither the component nor its data is part of the first page load.

import Picker from 'emoji-picker-element/picker.js';
import dataSource from 'emoji-picker-element-data/en/github/data.json?url';

/** A picker element; moved between panels rather than rebuilt, so it keeps its place. */
export function createEmojiPicker(): HTMLElement {
  // The component keeps the data, the recently used emoji and the skin tone in IndexedDB.
  const picker = new Picker({ dataSource, locale: 'en' });
  // Our stylesheet sets its colours from the app's theme (see emoji-picker in styles.css).
  picker.classList.add('emoji-picker');
  return picker;
}
