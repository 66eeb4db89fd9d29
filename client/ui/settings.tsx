// Display settings: for now the "12-hour clock" checkbox (remembered in localStorage).

import type { Signal } from '@preact/signals';

export function Settings({ clock12h }: { clock12h: Signal<boolean> }) {
  return (
    <label class="setting">
      <input
        type="checkbox"
        checked={clock12h.value}
        onChange={(event) => {
          clock12h.value = event.currentTarget.checked;
        }}
      />
      12-hour clock
    </label>
  );
}
