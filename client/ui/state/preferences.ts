// Display preferences that outlive the page (localStorage): for now, the 12-hour clock.

import { effect, type Signal, signal } from '@preact/signals';
import type { SimpleStorage } from './safe-storage';

const CLOCK_KEY = 'chatspace:clock-12h';

export interface Preferences {
  clock12h: Signal<boolean>;
}

export function createPreferences(storage: SimpleStorage): Preferences {
  const clock12h = signal(storage.getItem(CLOCK_KEY) === '1');
  effect(() => storage.setItem(CLOCK_KEY, clock12h.value ? '1' : '0'));
  return { clock12h };
}
