// Unit tests for client/ui/state/theme.ts: the system decides until the person chooses, and
// choosing what the system shows follows the system again.

import { describe, expect, it } from 'vitest';
import { parseThemePreference, resolveTheme, themeAfterToggle } from '../../../../../client/ui/state/theme';

describe('the theme preference', () => {
  it('follows the system when nothing (or nonsense) is stored', () => {
    expect(parseThemePreference(null)).toBe('system');
    expect(parseThemePreference('purple')).toBe('system');
    expect(parseThemePreference('dark')).toBe('dark');
    expect(parseThemePreference('light')).toBe('light');
  });

  it('resolves "system" by prefers-color-scheme and a choice by itself', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('remembers a switch away from the system, and follows the system again on a switch back', () => {
    expect(themeAfterToggle(true, false)).toBe('dark');
    expect(themeAfterToggle(false, true)).toBe('light');
    expect(themeAfterToggle(false, false)).toBe('system');
    expect(themeAfterToggle(true, true)).toBe('system');
  });

  it('always shows what the switch was set to', () => {
    for (const dark of [true, false]) {
      for (const systemDark of [true, false]) {
        expect(resolveTheme(themeAfterToggle(dark, systemDark), systemDark)).toBe(dark ? 'dark' : 'light');
      }
    }
  });
});
