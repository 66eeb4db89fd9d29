// Preferences that outlive the page (localStorage): the clock, the theme, the sound and desktop
// notifications. Each is a signal that writes itself back when it changes.

import { effect, type Signal, signal } from '@preact/signals';
import type { SimpleStorage } from './safe-storage';
import { parseThemePreference, type ThemePreference } from './theme';

const CLOCK_KEY = 'chatspace:clock-12h';
const THEME_KEY = 'chatspace:theme';
const SOUND_KEY = 'chatspace:sound';
const NOTIFICATIONS_KEY = 'chatspace:notifications';

export interface Preferences {
  /** hh:mm AM/PM instead of HH:MM:SS. */
  clock12h: Signal<boolean>;
  /** 'system' follows prefers-color-scheme. */
  theme: Signal<ThemePreference>;
  /** A chime for new messages while the window is not focused (on unless turned off). */
  sound: Signal<boolean>;
  /** Desktop notifications for private messages (off unless opted in). */
  notifications: Signal<boolean>;
}

function stored<T>(
  storage: SimpleStorage,
  key: string,
  read: (raw: string | null) => T,
  write: (value: T) => string | null,
): Signal<T> {
  const value = signal(read(storage.getItem(key)));
  effect(() => {
    const raw = write(value.value);
    if (raw === null) storage.removeItem(key);
    else storage.setItem(key, raw);
  });
  return value;
}

const flag = (whenMissing: boolean) => (raw: string | null) => (raw === null ? whenMissing : raw === '1');
const writeFlag = (on: boolean) => (on ? '1' : '0');

export function createPreferences(storage: SimpleStorage): Preferences {
  return {
    clock12h: stored(storage, CLOCK_KEY, flag(false), writeFlag),
    theme: stored(storage, THEME_KEY, parseThemePreference, (t) => (t === 'system' ? null : t)),
    sound: stored(storage, SOUND_KEY, flag(true), writeFlag),
    notifications: stored(storage, NOTIFICATIONS_KEY, flag(false), writeFlag),
  };
}
