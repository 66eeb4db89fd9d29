// Applies the theme to the page: `data-theme` on <html> (styles.css picks its colours from it)
// and <meta name="color-scheme"> (form controls, scroll bars). Follows prefers-color-scheme
// while the preference is 'system'; before this runs, the CSS already follows the system.

import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { resolveTheme, type Theme, type ThemePreference } from '../state/theme';

export interface ColorScheme {
  /** The system asks for dark (prefers-color-scheme: dark). */
  systemDark: ReadonlySignal<boolean>;
  /** The theme on show. */
  theme: ReadonlySignal<Theme>;
}

export function applyColorScheme(preference: Signal<ThemePreference>, win: Window): ColorScheme {
  const query = win.matchMedia('(prefers-color-scheme: dark)');
  const systemDark = signal(query.matches);
  query.addEventListener('change', (event) => {
    systemDark.value = event.matches;
  });
  const theme = computed(() => resolveTheme(preference.value, systemDark.value));
  const doc = win.document;
  effect(() => {
    const current = theme.value;
    doc.documentElement.dataset.theme = current;
    doc.querySelector('meta[name="color-scheme"]')?.setAttribute('content', current);
  });
  return { systemDark, theme };
}
