// Light or dark: the person's choice, or the system's (prefers-color-scheme) until they make one.
// Pure; the "Dark mode" setting and the page's colour scheme (page/color-scheme.ts) use it.

export type Theme = 'light' | 'dark';
export type ThemePreference = 'system' | Theme;

export function parseThemePreference(stored: string | null): ThemePreference {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function resolveTheme(preference: ThemePreference, systemDark: boolean): Theme {
  if (preference !== 'system') return preference;
  return systemDark ? 'dark' : 'light';
}

/**
 * The preference after the "Dark mode" switch is set to `dark`. Choosing what the system shows
 * anyway means following the system again, so a person who flips the switch back and forth ends
 * up where they started, and a system that changes at sunset is followed again.
 */
export function themeAfterToggle(dark: boolean, systemDark: boolean): ThemePreference {
  if (dark === systemDark) return 'system';
  return dark ? 'dark' : 'light';
}
